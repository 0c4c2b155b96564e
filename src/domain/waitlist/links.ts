/**
 * Personal links to see, change or leave the waitlist, and to take an
 * offer: `${PUBLIC_URL}/waitlist/manage/<token>`. Like a booking's manage
 * links, each email carries a link of its own, only the token's sha256 is
 * kept, and every link of an entry opens only that entry.
 */
import { DAY_MS } from '../slots/zone-time.js'
import { generateToken } from '../booking/tokens.js'

/** Long enough for a long wait; a new email (an offer) brings a new link. */
export const WAITLIST_LINK_DAYS = 180

export function issueWaitlistToken(now: Date): { token: string; hash: string; expiresAt: Date } {
  return { ...generateToken(), expiresAt: new Date(now.getTime() + WAITLIST_LINK_DAYS * DAY_MS) }
}

export function waitlistManageUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/waitlist/manage/${token}`
}
