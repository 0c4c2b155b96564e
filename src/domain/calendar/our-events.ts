/**
 * Our own events in a coach's calendar, by UID: the invitations we email
 * (`booking-<id>@host` to the candidate, `coach-booking-<id>@host` to the
 * coach), the events of the coach's feed (the coach's UID) and those written
 * to their CalDAV calendar (`calendar-booking-<id>@host`). A coach's calendar
 * holding one of them must never make that time busy: it is the conversation
 * itself (DECISIONS.md, "Calendar busy times"). The host is not checked, so a
 * change of PUBLIC_URL does not turn old events into busy times.
 */
const OUR_UID = /^(?:coach-|calendar-)?booking-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@/i

export function isOurEventUid(uid: string): boolean {
  return OUR_UID.test(uid.trim())
}

/** The UID of a conversation written to the coach's CalDAV calendar. */
export function writeBackUid(bookingId: string, host: string): string {
  return `calendar-booking-${bookingId}@${host}`
}
