/**
 * Conversations written to the coach's CalDAV calendar and kept in step: a
 * job per booking (src/jobs/calendar-write-back.ts), enqueued in the same
 * transaction as any change to it (booked, moved, cancelled, given to
 * another coach, a new video link). The job makes the calendars match the
 * booking as it is then, so it can run any number of times:
 *
 * - the booking is on and its coach has a CalDAV calendar: the event is
 *   written (PUT at a fixed address per booking), its SEQUENCE raised when
 *   anything shown changed;
 * - any calendar it was written to that is no longer the coach's CalDAV
 *   calendar (cancelled, moved to another coach, disconnected): removed there.
 *
 * The events carry our UID (`calendar-` and the booking's UID), so reading the same
 * calendar for busy times leaves them out.
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { buildCalendarIcs } from '../calendar/ics.js'
import { conversationEvent } from '../calendar/conversation-event.js'
import { writeBackUid } from '../calendar/our-events.js'
import { deleteCaldavEvent, eventUrlFor, putCaldavEvent } from './caldav.js'
import { caldavLoginOf } from './secrets.js'
import type { CalendarSyncDeps } from './deps.js'
import { findCalendarConversation } from '../../repositories/calendar-feeds.js'
import { findConnectionOfCoach, findConnection } from '../../repositories/calendar-connections.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'

const WRITE_BACK_ATTEMPTS = 10
const jobKey = (bookingId: string) => `calendar-write-back:${bookingId}`

/**
 * Adds the write-back job for a booking, in the caller's transaction, when
 * there is anything to do: its coach has a CalDAV calendar, or it was written
 * somewhere before. One statement; nothing for coaches without one.
 */
export async function enqueueWriteBack(client: Queryable, bookingId: string): Promise<void> {
  await client.query({
    name: 'enqueue-calendar-write-back',
    text: `SELECT graphile_worker.add_job(identifier => 'calendar-write-back', payload => json_build_object('bookingId', $1::text),
            max_attempts => ${WRITE_BACK_ATTEMPTS}, job_key => 'calendar-write-back:' || $1::text, job_key_mode => 'replace')
      WHERE EXISTS (SELECT 1 FROM bookings b JOIN calendar_connections c ON c.coach_id = b.coach_id AND c.kind = 'caldav' WHERE b.id = $1::uuid)
         OR EXISTS (SELECT 1 FROM calendar_write_backs w WHERE w.booking_id = $1::uuid)`,
    values: [bookingId],
  })
}

/** A CalDAV calendar was connected: each of the coach's upcoming conversations is written to it. */
export async function enqueueWriteBacksOfCoach(deps: Pick<CalendarSyncDeps, 'jobs'>, client: pg.ClientBase, coachId: string, now: Date): Promise<void> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM bookings WHERE coach_id = $1 AND status = 'booked' AND ends_at > $2 ORDER BY starts_at LIMIT 1000`,
    [coachId, now],
  )
  for (const row of rows) {
    await deps.jobs.add('calendar-write-back', { bookingId: row.id }, { client, jobKey: jobKey(row.id), maxAttempts: WRITE_BACK_ATTEMPTS })
  }
}

interface WriteBackRow {
  connectionId: string
  eventUrl: string
  sequence: number
  fingerprint: string
}

type WriteBackOutcome = { written: boolean; removed: number }

/** Brings the coach's CalDAV calendar (and any it was in before) in step with the booking. Throws when a server fails, so the job tries again. */
export async function writeBackBooking(deps: CalendarSyncDeps & { publicUrl: string }, bookingId: string): Promise<WriteBackOutcome> {
  const now = deps.clock.now()
  const conversation = await findCalendarConversation(deps.pool, bookingId)
  const { rows: written } = await deps.pool.query<WriteBackRow>(
    `SELECT connection_id AS "connectionId", event_url AS "eventUrl", sequence, fingerprint FROM calendar_write_backs WHERE booking_id = $1`,
    [bookingId],
  )
  const live = conversation !== null && conversation.status === 'booked'
  const current = conversation ? await findConnectionOfCoach(deps.pool, conversation.coachId) : null
  const target = live && current?.kind === 'caldav' && current.calendarUrl ? current : null

  let removed = 0
  for (const row of written) {
    if (target && row.connectionId === target.id) continue
    const connection = await findConnection(deps.pool, row.connectionId)
    if (connection) await deleteCaldavEvent(caldavLoginOf(connection, deps.secret), deps.fetch, row.eventUrl)
    await deps.pool.query('DELETE FROM calendar_write_backs WHERE booking_id = $1 AND connection_id = $2', [bookingId, row.connectionId])
    removed++
  }
  if (!target || !conversation) return { written: false, removed }

  const host = new URL(deps.publicUrl).hostname
  const before = written.find((row) => row.connectionId === target.id)
  const shown = conversationEvent(conversation, { uid: writeBackUid(bookingId, host, conversation.calendarUid), sequence: 0, now, publicUrl: deps.publicUrl, showsCandidateDetails: false })
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([shown.start, shown.end, shown.summary, shown.description, shown.location ?? null]))
    .digest('hex')
  if (before && before.fingerprint === fingerprint) return { written: false, removed }
  // Raised on every change (a new video link too), never below the booking's own.
  const sequence = before ? Math.max(before.sequence + 1, conversation.sequence) : conversation.sequence
  const eventUrl = before?.eventUrl ?? eventUrlFor(target.calendarUrl!, bookingId)
  const login = caldavLoginOf(target, deps.secret)
  const etag = await putCaldavEvent(login, deps.fetch, eventUrl, buildCalendarIcs([{ ...shown, sequence }]))
  const recorded = await inTransaction(deps.pool, async (client) => {
    // A disconnect (or a new calendar replacing this one) locks the connection row FOR UPDATE, lists
    // our events in it for its removal job, and deletes the row: holding it FOR SHARE here, either
    // this event is recorded before that list is made, or the row is gone and nobody will remove it.
    const still = await client.query('SELECT 1 FROM calendar_connections WHERE id = $1 FOR SHARE', [target.id])
    if (still.rowCount === 0) return false
    await client.query(
      `INSERT INTO calendar_write_backs (booking_id, connection_id, event_url, etag, sequence, fingerprint, written_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (booking_id, connection_id) DO UPDATE
         SET event_url = EXCLUDED.event_url, etag = EXCLUDED.etag, sequence = EXCLUDED.sequence, fingerprint = EXCLUDED.fingerprint, written_at = EXCLUDED.written_at`,
      [bookingId, target.id, eventUrl, etag, sequence, fingerprint, now],
    )
    return true
  })
  if (recorded) return { written: true, removed }
  // Let go while we wrote: take the event out again ourselves (a failure here is retried with the job).
  await deleteCaldavEvent(login, deps.fetch, eventUrl)
  return { written: false, removed }
}

/**
 * Bookings about to be deleted (a candidate's erasure): their events come out
 * of the coaches' CalDAV calendars by a job each, whose payload names only
 * the connection and the event's address (which holds the booking id alone).
 */
export async function enqueueEventRemovals(deps: Pick<CalendarSyncDeps, 'jobs'>, client: pg.ClientBase, bookingIds: readonly string[]): Promise<void> {
  if (bookingIds.length === 0) return
  const { rows } = await client.query<{ connectionId: string; eventUrl: string }>(
    `SELECT connection_id AS "connectionId", event_url AS "eventUrl" FROM calendar_write_backs WHERE booking_id = ANY($1::uuid[])`,
    [bookingIds],
  )
  for (const row of rows) await deps.jobs.add('calendar-event-removal', row, { client, maxAttempts: WRITE_BACK_ATTEMPTS })
}

/** Removes one event written before (the job of enqueueEventRemovals); a connection gone since has nothing to remove. */
export async function removeWrittenEvent(deps: CalendarSyncDeps, connectionId: string, eventUrl: string): Promise<boolean> {
  const connection = await findConnection(deps.pool, connectionId)
  if (!connection || connection.kind !== 'caldav') return false
  await deleteCaldavEvent(caldavLoginOf(connection, deps.secret), deps.fetch, eventUrl)
  return true
}

/** A CalDAV calendar being let go: its login (still sealed) and where each of our events in it is. */
export interface LeftCalendar {
  addressSealed: string
  username: string | null
  passwordSealed: string | null
  eventUrls: string[]
}

/**
 * The coach's CalDAV calendar is about to be disconnected or replaced: one
 * job (in the caller's transaction, before the connection row goes and its
 * write-back records with it) takes our conversations out of it. The job
 * carries the login sealed as it was stored, since the row is gone when it
 * runs; the coach's disconnect never waits on their server.
 */
export async function enqueueRemovalsOfCalendarLeft(deps: Pick<CalendarSyncDeps, 'jobs'>, client: pg.ClientBase, coachId: string): Promise<number> {
  const { rows } = await client.query<LeftCalendar>(
    `SELECT c.address_sealed AS "addressSealed", c.username, c.password_sealed AS "passwordSealed",
            array_agg(w.event_url ORDER BY w.event_url) AS "eventUrls"
       FROM calendar_connections c JOIN calendar_write_backs w ON w.connection_id = c.id
      WHERE c.coach_id = $1 AND c.kind = 'caldav'
      GROUP BY c.id`,
    [coachId],
  )
  for (const left of rows) await deps.jobs.add('calendar-left-removal', left, { client, maxAttempts: WRITE_BACK_ATTEMPTS })
  return rows.reduce((count, left) => count + left.eventUrls.length, 0)
}

/** Removes our events from a calendar let go (the job of enqueueRemovalsOfCalendarLeft); throws when the server fails, so the job tries again (events already gone are fine). */
export async function removeEventsOfCalendarLeft(deps: Pick<CalendarSyncDeps, 'secret' | 'fetch'>, left: LeftCalendar): Promise<number> {
  const login = caldavLoginOf(left, deps.secret)
  for (const eventUrl of left.eventUrls) await deleteCaldavEvent(login, deps.fetch, eventUrl)
  return left.eventUrls.length
}
