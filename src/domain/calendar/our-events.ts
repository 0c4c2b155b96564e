import { bookingUid } from './ics.js'

/**
 * Our own events in a coach's calendar, by UID: the invitations we email
 * (the booking's UID to the candidate, `coach-` and it to the coach), the
 * events of the coach's feed (the coach's UID) and those written to their
 * CalDAV calendar (`calendar-` and it). The booking's UID is its stored
 * `cc-<32 hex>`, or for bookings made before that, `booking-<id>@host`
 * (ics.ts, bookingUid). A coach's calendar holding one of them must never
 * make that time busy: it is the conversation itself (DECISIONS.md,
 * "Calendar busy times"). The host of the old form is not checked, so a
 * change of PUBLIC_URL does not turn old events into busy times.
 */
const OUR_UID = /^(?:coach-|calendar-)?(?:booking-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@|cc-[0-9a-f]{32}$)/i

export function isOurEventUid(uid: string): boolean {
  return OUR_UID.test(uid.trim())
}

/** The UID of a conversation written to the coach's CalDAV calendar. */
export function writeBackUid(bookingId: string, host: string, calendarUid?: string | null): string {
  return `calendar-${bookingUid(bookingId, host, calendarUid)}`
}

/** The UID of the coach's copy of a conversation: their invitation emails and their feed. */
export function coachUid(bookingId: string, host: string, calendarUid?: string | null): string {
  return `coach-${bookingUid(bookingId, host, calendarUid)}`
}
