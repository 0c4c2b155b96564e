/**
 * Manage links: `${PUBLIC_URL}/bookings/manage/<token>`. Each email about a
 * booking carries a link of its own (so one leaked email can be dealt with
 * alone); all of a booking's links open only that booking.
 *
 * A link works until MANAGE_LINK_DAYS_AFTER_CONVERSATION days after the end
 * of the conversation: long enough to look back at the booking in the days
 * after it, short enough that an old email stops opening it. Moving the
 * booking moves the expiry of its links with it.
 */
import { DAY_MS } from '../slots/zone-time.js'
import { generateToken, type IssuedToken } from './tokens.js'

const MANAGE_LINK_DAYS_AFTER_CONVERSATION = 14

export function manageLinkExpiry(conversationEnd: Date): Date {
  return new Date(conversationEnd.getTime() + MANAGE_LINK_DAYS_AFTER_CONVERSATION * DAY_MS)
}

export function generateManageToken(): IssuedToken {
  return generateToken()
}

export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/bookings/manage/${token}`
}

export function isManageTokenUsable(token: { expiresAt: Date }, now: Date): boolean {
  return token.expiresAt.getTime() > now.getTime()
}
