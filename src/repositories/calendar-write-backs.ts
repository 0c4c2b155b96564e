/**
 * The conversations written to coaches' CalDAV calendars
 * (src/domain/calendar-sync/write-back.ts): the job that keeps a booking's
 * event in step, the record of each event written, and what a calendar let go
 * still holds of ours.
 */
import { prepared, type Queryable } from './db.js'
import type { CalendarConnection, CalendarWriteBack } from './rows.js'

/**
 * How many times a write-back or removal job is tried. Kept here because the
 * enqueueing statement has it in its text, and a named statement's text must
 * not change while a connection has it prepared.
 */
export const WRITE_BACK_ATTEMPTS = 10

/**
 * Adds the booking's write-back job (replacing one still waiting) when there
 * is anything to do: its coach has a CalDAV calendar, or it was written
 * somewhere before. One named statement, on the booking path.
 */
export async function enqueueWriteBackIfAny(db: Queryable, bookingId: string): Promise<void> {
  await db.query(
    prepared(
      'enqueue-calendar-write-back',
      `SELECT graphile_worker.add_job(identifier => 'calendar-write-back', payload => json_build_object('bookingId', $1::text),
            max_attempts => ${WRITE_BACK_ATTEMPTS}, job_key => 'calendar-write-back:' || $1::text, job_key_mode => 'replace')
      WHERE EXISTS (SELECT 1 FROM bookings b JOIN calendar_connections c ON c.coach_id = b.coach_id AND c.kind = 'caldav' WHERE b.id = $1::uuid)
         OR EXISTS (SELECT 1 FROM calendar_write_backs w WHERE w.booking_id = $1::uuid)`,
      [bookingId],
    ),
  )
}

/** The coach's conversations still to come, soonest first (at most 1000): those a newly connected calendar is given. */
export async function listUpcomingBookingIdsOfCoach(db: Queryable, coachId: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM bookings WHERE coach_id = $1 AND status = 'booked' AND ends_at > $2 ORDER BY starts_at LIMIT 1000`,
    [coachId, now],
  )
  return rows.map((row) => row.id)
}

export type WrittenEvent = Pick<CalendarWriteBack, 'connectionId' | 'eventUrl' | 'sequence' | 'fingerprint'>

/** Each calendar the booking's event was written to, with what was written. */
export async function listWriteBacksOfBooking(db: Queryable, bookingId: string): Promise<WrittenEvent[]> {
  const { rows } = await db.query<WrittenEvent>(
    `SELECT connection_id AS "connectionId", event_url AS "eventUrl", sequence, fingerprint FROM calendar_write_backs WHERE booking_id = $1`,
    [bookingId],
  )
  return rows
}

/** The booking's event was taken out of that calendar. */
export async function deleteWriteBack(db: Queryable, bookingId: string, connectionId: string): Promise<void> {
  await db.query('DELETE FROM calendar_write_backs WHERE booking_id = $1 AND connection_id = $2', [bookingId, connectionId])
}

/** The booking's event was written to that calendar: recorded, or its record brought up to date. */
export async function saveWriteBack(
  db: Queryable,
  written: Pick<CalendarWriteBack, 'bookingId' | 'connectionId' | 'eventUrl' | 'etag' | 'sequence' | 'fingerprint' | 'writtenAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO calendar_write_backs (booking_id, connection_id, event_url, etag, sequence, fingerprint, written_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (booking_id, connection_id) DO UPDATE
       SET event_url = EXCLUDED.event_url, etag = EXCLUDED.etag, sequence = EXCLUDED.sequence, fingerprint = EXCLUDED.fingerprint, written_at = EXCLUDED.written_at`,
    [written.bookingId, written.connectionId, written.eventUrl, written.etag, written.sequence, written.fingerprint, written.writtenAt],
  )
}

/** Where the events of these bookings were written: the connection and the event's address (which holds the booking id alone). */
export async function listWrittenEventsOfBookings(db: Queryable, bookingIds: readonly string[]): Promise<Pick<CalendarWriteBack, 'connectionId' | 'eventUrl'>[]> {
  const { rows } = await db.query<Pick<CalendarWriteBack, 'connectionId' | 'eventUrl'>>(
    `SELECT connection_id AS "connectionId", event_url AS "eventUrl" FROM calendar_write_backs WHERE booking_id = ANY($1::uuid[])`,
    [bookingIds],
  )
  return rows
}

/** A CalDAV calendar being let go: its login (still sealed) and where each of our events in it is. */
export type LeftCalendar = Pick<CalendarConnection, 'addressSealed' | 'username' | 'passwordSealed'> & { eventUrls: string[] }

/** The coach's CalDAV calendar, as one being let go, when we wrote any events to it (none otherwise). */
export async function listCalendarsLeftOfCoach(db: Queryable, coachId: string): Promise<LeftCalendar[]> {
  const { rows } = await db.query<LeftCalendar>(
    `SELECT c.address_sealed AS "addressSealed", c.username, c.password_sealed AS "passwordSealed",
            array_agg(w.event_url ORDER BY w.event_url) AS "eventUrls"
       FROM calendar_connections c JOIN calendar_write_backs w ON w.connection_id = c.id
      WHERE c.coach_id = $1 AND c.kind = 'caldav'
      GROUP BY c.id`,
    [coachId],
  )
  return rows
}
