/**
 * A place in line becoming a booking (taking an offer, src/domain/waitlist/offers.ts):
 * the privacy notice the person agreed to when they joined, which the booking
 * carries, and the booking the entry became.
 */
import type { Queryable } from './db.js'
import type { WaitlistEntry } from './rows.js'

export interface EntryConsent {
  version: WaitlistEntry['consentNoticeVersion']
  at: WaitlistEntry['consentAcknowledgedAt']
}

/** The notice's version and when they agreed to it; null for no such entry. */
export async function findEntryConsent(db: Queryable, entryId: string): Promise<EntryConsent | null> {
  const { rows } = await db.query<EntryConsent>(
    'SELECT consent_notice_version AS version, consent_acknowledged_at AS at FROM waitlist_entries WHERE id = $1',
    [entryId],
  )
  return rows[0] ?? null
}

export async function setEntryBooking(db: Queryable, entryId: string, bookingId: string): Promise<void> {
  await db.query('UPDATE waitlist_entries SET booking_id = $2 WHERE id = $1', [entryId, bookingId])
}
