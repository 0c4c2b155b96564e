/**
 * Links in the emails after a conversation (the summary, the check-in).
 *
 * A manage link stops working 14 days after the conversation
 * (MANAGE_LINK_DAYS_AFTER_CONVERSATION): right for changing a booking, too
 * short for following up actions, which the check-in asks about four weeks
 * on and the programme tracks at 4, 8 and 12 weeks. So these emails carry a
 * manage link of their own (same table, same page, opens only this booking)
 * that works for FOLLOW_UP_LINK_DAYS from the day it is sent, and never less
 * than a manage link would. An old summary email stops working in time like
 * any other; a later check-in brings a fresh link.
 */
import { manageLinkExpiry } from '../booking/manage-link.js'
import { DAY_MS } from '../slots/zone-time.js'

export const FOLLOW_UP_LINK_DAYS = 90

export function followUpLinkExpiry(conversationEnd: Date, now: Date): Date {
  const fromNow = new Date(now.getTime() + FOLLOW_UP_LINK_DAYS * DAY_MS)
  const manage = manageLinkExpiry(conversationEnd)
  return fromNow.getTime() > manage.getTime() ? fromNow : manage
}
