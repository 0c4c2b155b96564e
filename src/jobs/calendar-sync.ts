/**
 * Coaches' calendars in the worker (src/domain/calendar-sync):
 *
 * - `calendar-syncs-due`, every minute (CALENDAR_SYNCS_CRONTAB; graphile-worker
 *   runs a cron item once across every instance): a `calendar-sync` job for
 *   each connection whose next sync is due;
 * - `calendar-sync`: one sync of one connection (`force` for "Sync now");
 *   the calendar's failures are recorded, not thrown: the connection's own
 *   backoff decides when to try again;
 * - `calendar-write-back`: a booking's event in the coach's CalDAV calendar
 *   brought in step; a server failure is thrown, so the worker tries again;
 * - `calendar-event-removal`: an event of an erased candidate's conversation
 *   removed from a coach's CalDAV calendar;
 * - `calendar-left-removal`: our conversations taken out of a CalDAV calendar
 *   the coach disconnected or replaced (its login sealed in the payload, as
 *   the connection is gone); a server failure is thrown, so it is tried again;
 * - `calendar-sync-failing`: the coach and each active admin told, once per
 *   run of failures (the delivery's dedupe key names when it started).
 */
import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { firstNameOf } from '../domain/booking/rules.js'
import type { CalendarSyncDeps } from '../domain/calendar-sync/deps.js'
import { syncCalendar } from '../domain/calendar-sync/sync.js'
import { removeEventsOfCalendarLeft, removeWrittenEvent, writeBackBooking } from '../domain/calendar-sync/write-back.js'
import { formatDate, formatTime } from '../domain/time/format.js'
import { deliverEmail } from '../emails/deliver-email.js'
import { calendarSyncFailing } from '../emails/messages/calendar-sync-failing.js'
import { renderEmail } from '../emails/render-email.js'
import { findActiveCoach } from '../repositories/active-coaches.js'
import { findConnection, listDueConnectionIds } from '../repositories/calendar-connections.js'
import { listActiveAdmins } from '../repositories/staff.js'

export const CALENDAR_SYNCS_CRONTAB = '* * * * * calendar-syncs-due'
/** Connections started per minute at most (each sync is a job of its own, run as workers are free). */
const SYNCS_PER_MINUTE = 500

export function calendarSyncDeps(app: FastifyInstance): CalendarSyncDeps & { publicUrl: string } {
  const setting = app.config.CALENDARS_ALLOW_PRIVATE
  return {
    ...app.deps,
    fetch: {
      timeoutMs: app.config.CALENDAR_TIMEOUT_MS,
      allowPrivate: setting === undefined ? app.config.NODE_ENV !== 'production' : setting === '1',
    },
    syncMinutes: app.config.CALENDAR_SYNC_MINUTES,
    publicUrl: app.config.PUBLIC_URL,
    log: app.log,
  }
}

const SyncPayload = Type.Object({ connectionId: Type.String({ format: 'uuid' }), force: Type.Optional(Type.Boolean()) })
const WriteBackPayload = Type.Object({ bookingId: Type.String({ format: 'uuid' }) })
const RemovalPayload = Type.Object({ connectionId: Type.String({ format: 'uuid' }), eventUrl: Type.String({ maxLength: 2000 }) })
const FailingPayload = Type.Object({ connectionId: Type.String({ format: 'uuid' }) })
const LeftPayload = Type.Object({
  addressSealed: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  passwordSealed: Type.Union([Type.String(), Type.Null()]),
  eventUrls: Type.Array(Type.String({ maxLength: 2000 })),
})

export const syncJobKey = (connectionId: string) => `calendar-sync:${connectionId}`
/**
 * A sync records a calendar's own failures and returns, so only a failure of
 * ours (the database) is tried again; the connection's backoff, not the
 * job's, decides when its calendar is read next.
 */
export const SYNC_JOB_ATTEMPTS = 3

export function calendarSyncsDueTask(app: FastifyInstance): Task {
  return async (_payload, helpers) => {
    const due = await listDueConnectionIds(app.pg.pool, app.clock.now(), SYNCS_PER_MINUTE)
    for (const connectionId of due) await app.jobs.add('calendar-sync', { connectionId }, { jobKey: syncJobKey(connectionId), maxAttempts: SYNC_JOB_ATTEMPTS })
    if (due.length > 0) helpers.logger.info(`calendar-syncs-due: ${due.length} calendars`)
  }
}

export function calendarSyncTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(SyncPayload, payload)) return helpers.logger.error('calendar-sync: payload does not match its schema; dropped')
    const outcome = await syncCalendar(calendarSyncDeps(app), payload.connectionId, { force: payload.force ?? false })
    helpers.logger.info(`calendar-sync: ${outcome}`)
  }
}

export function calendarWriteBackTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(WriteBackPayload, payload)) return helpers.logger.error('calendar-write-back: payload does not match its schema; dropped')
    const outcome = await writeBackBooking(calendarSyncDeps(app), payload.bookingId)
    helpers.logger.info(`calendar-write-back: ${outcome.written ? 'written' : 'unchanged'}, ${outcome.removed} removed`)
  }
}

export function calendarEventRemovalTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(RemovalPayload, payload)) return helpers.logger.error('calendar-event-removal: payload does not match its schema; dropped')
    const removed = await removeWrittenEvent(calendarSyncDeps(app), payload.connectionId, payload.eventUrl)
    helpers.logger.info(`calendar-event-removal: ${removed ? 'removed' : 'no calendar'}`)
  }
}

export function calendarLeftRemovalTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(LeftPayload, payload)) return helpers.logger.error('calendar-left-removal: payload does not match its schema; dropped')
    helpers.logger.info(`calendar-left-removal: ${await removeEventsOfCalendarLeft(calendarSyncDeps(app), payload)} removed`)
  }
}

export function calendarSyncFailingTask(app: FastifyInstance): Task {
  return async (payload, helpers) => {
    if (!Value.Check(FailingPayload, payload)) return helpers.logger.error('calendar-sync-failing: payload does not match its schema; dropped')
    const connection = await findConnection(app.pg.pool, payload.connectionId)
    if (!connection?.failingSince || !connection.lastError) return
    const coach = await findActiveCoach(app.pg.pool, connection.coachId)
    if (!coach) return
    const since = `${formatTime(connection.failingSince, coach.timeZone)} on ${formatDate(connection.failingSince, coach.timeZone)}`
    const publicUrl = app.config.PUBLIC_URL
    const recipients = [
      { staffUserId: coach.staffUserId, name: coach.name, email: coach.email, whose: 'your calendar', pageUrl: `${publicUrl}/coach/availability/calendar` },
      ...(await listActiveAdmins(app.pg.pool))
        .filter((admin) => admin.staffUserId !== coach.staffUserId)
        .map((admin) => ({ ...admin, whose: `${coach.name}’s calendar`, pageUrl: `${publicUrl}/admin/coaches/${coach.coachId}/availability/calendar` })),
    ]
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl }
    for (const person of recipients) {
      const rendered = renderEmail(calendarSyncFailing, {
        firstName: firstNameOf(person.name),
        whose: person.whose,
        where: connection.addressShown,
        lastError: connection.lastError,
        since,
        pageUrl: person.pageUrl,
      })
      const email = {
        kind: 'calendar-sync-failing',
        dedupeKey: `calendar-sync-failing:${connection.id}:${connection.failingSince.toISOString()}:${person.staffUserId}`,
        to: person.email,
        ...rendered,
      }
      await deliverEmail(deps, email, { jobPayload: payload, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    }
  }
}
