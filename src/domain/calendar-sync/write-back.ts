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
import { findConnectionOfCoach, findConnection, lockConnectionForShare } from '../../repositories/calendar-connections.js'
import {
  WRITE_BACK_ATTEMPTS,
  deleteWriteBack,
  listCalendarsLeftOfCoach,
  listUpcomingBookingIdsOfCoach,
  listWriteBacksOfBooking,
  listWrittenEventsOfBookings,
  saveWriteBack,
  type LeftCalendar,
} from '../../repositories/calendar-write-backs.js'
import { inTransaction } from '../../repositories/db.js'

const jobKey = (bookingId: string) => `calendar-write-back:${bookingId}`

/** A CalDAV calendar was connected: each of the coach's upcoming conversations is written to it. */
export async function enqueueWriteBacksOfCoach(deps: Pick<CalendarSyncDeps, 'jobs'>, client: pg.ClientBase, coachId: string, now: Date): Promise<void> {
  for (const bookingId of await listUpcomingBookingIdsOfCoach(client, coachId, now)) {
    await deps.jobs.add('calendar-write-back', { bookingId }, { client, jobKey: jobKey(bookingId), maxAttempts: WRITE_BACK_ATTEMPTS })
  }
}

type WriteBackOutcome = { written: boolean; removed: number }

/** Brings the coach's CalDAV calendar (and any it was in before) in step with the booking. Throws when a server fails, so the job tries again. */
export async function writeBackBooking(deps: CalendarSyncDeps & { publicUrl: string }, bookingId: string): Promise<WriteBackOutcome> {
  const now = deps.clock.now()
  const conversation = await findCalendarConversation(deps.pool, bookingId)
  const written = await listWriteBacksOfBooking(deps.pool, bookingId)
  const live = conversation !== null && conversation.status === 'booked'
  const current = conversation ? await findConnectionOfCoach(deps.pool, conversation.coachId) : null
  const target = live && current?.kind === 'caldav' && current.calendarUrl ? current : null

  let removed = 0
  for (const row of written) {
    if (target && row.connectionId === target.id) continue
    const connection = await findConnection(deps.pool, row.connectionId)
    if (connection) await deleteCaldavEvent(caldavLoginOf(connection, deps.secret), deps.fetch, row.eventUrl)
    await deleteWriteBack(deps.pool, bookingId, row.connectionId)
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
    if (!(await lockConnectionForShare(client, target.id))) return false
    await saveWriteBack(client, { bookingId, connectionId: target.id, eventUrl, etag, sequence, fingerprint, writtenAt: now })
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
  const written = await listWrittenEventsOfBookings(client, bookingIds)
  for (const row of written) await deps.jobs.add('calendar-event-removal', row, { client, maxAttempts: WRITE_BACK_ATTEMPTS })
}

/** Removes one event written before (the job of enqueueEventRemovals); a connection gone since has nothing to remove. */
export async function removeWrittenEvent(deps: CalendarSyncDeps, connectionId: string, eventUrl: string): Promise<boolean> {
  const connection = await findConnection(deps.pool, connectionId)
  if (!connection || connection.kind !== 'caldav') return false
  await deleteCaldavEvent(caldavLoginOf(connection, deps.secret), deps.fetch, eventUrl)
  return true
}

/**
 * The coach's CalDAV calendar is about to be disconnected or replaced: one
 * job (in the caller's transaction, before the connection row goes and its
 * write-back records with it) takes our conversations out of it. The job
 * carries the login sealed as it was stored, since the row is gone when it
 * runs; the coach's disconnect never waits on their server.
 */
export async function enqueueRemovalsOfCalendarLeft(deps: Pick<CalendarSyncDeps, 'jobs'>, client: pg.ClientBase, coachId: string): Promise<number> {
  const rows = await listCalendarsLeftOfCoach(client, coachId)
  for (const left of rows) await deps.jobs.add('calendar-left-removal', left, { client, maxAttempts: WRITE_BACK_ATTEMPTS })
  return rows.reduce((count, left) => count + left.eventUrls.length, 0)
}

/** Removes our events from a calendar let go (the job of enqueueRemovalsOfCalendarLeft); throws when the server fails, so the job tries again (events already gone are fine). */
export async function removeEventsOfCalendarLeft(deps: Pick<CalendarSyncDeps, 'secret' | 'fetch'>, left: LeftCalendar): Promise<number> {
  const login = caldavLoginOf(left, deps.secret)
  for (const eventUrl of left.eventUrls) await deleteCaldavEvent(login, deps.fetch, eventUrl)
  return left.eventUrls.length
}
