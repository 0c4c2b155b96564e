import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Clock } from '../domain/clock.js'
import type { JobQueue, JobSpec } from '../domain/ports/job-queue.js'
import { SEND_EMAIL_MAX_ATTEMPTS, type SendEmailPayload } from '../domain/ports/email-jobs.js'
import type { BookingChange } from '../domain/ports/notifier.js'
import { findReminderOffsetsOfBooking } from '../repositories/booking-reminders.js'

/** The preparation email goes out this long before the conversation, or at once if it is sooner. */
export const PREPARATION_LEAD_MS = 3 * 24 * 60 * 60 * 1000

export interface NotificationDeps {
  jobs: Pick<JobQueue, 'add' | 'addMany' | 'remove'>
  clock: Clock
}

const preparationKey = (bookingId: string) => `booking:${bookingId}:preparation`
const reminderKey = (bookingId: string, offset: number) => `booking:${bookingId}:reminder:${offset}`

async function send(deps: NotificationDeps, client: pg.ClientBase, payload: SendEmailPayload, runAt?: Date, jobKey?: string) {
  await deps.jobs.add('send-email', payload, { client, runAt, jobKey, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
}

/** The emails of one change, added to the queue together in one statement. */
class EmailBatch {
  readonly jobs: JobSpec[] = []
  send(payload: SendEmailPayload, runAt?: Date, jobKey?: string): void {
    this.jobs.push({ task: 'send-email', payload, runAt, jobKey, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
  }
}

async function scheduleUpcoming(
  deps: NotificationDeps,
  client: pg.ClientBase,
  batch: EmailBatch,
  change: BookingChange,
  now: Date,
  knownOffsets?: readonly number[],
) {
  const start = change.start.toISOString()
  const preparationAt = new Date(change.start.getTime() - PREPARATION_LEAD_MS)
  // Sent at most once (its delivery key has no time in it): moving a booking sooner sends it now if it has not gone.
  const at = preparationAt > now ? preparationAt : undefined
  batch.send({ email: 'preparation', bookingId: change.bookingId }, at, preparationKey(change.bookingId))
  for (const offset of knownOffsets ?? (await findReminderOffsetsOfBooking(client, change.bookingId))) {
    const runAt = new Date(change.start.getTime() - offset * 60_000)
    if (runAt > now) {
      batch.send({ email: 'reminder', bookingId: change.bookingId, offsetMinutes: offset, start }, runAt, reminderKey(change.bookingId, offset))
    } else {
      await deps.jobs.remove(reminderKey(change.bookingId, offset), client)
    }
  }
}

async function removeUpcoming(deps: NotificationDeps, client: pg.ClientBase, bookingId: string) {
  await deps.jobs.remove(preparationKey(bookingId), client)
  for (const offset of await findReminderOffsetsOfBooking(client, bookingId)) await deps.jobs.remove(reminderKey(bookingId, offset), client)
}

/**
 * The emails of a booking change, enqueued inside the change's own
 * transaction, so a booking and its emails commit together. Scheduled emails
 * (preparation, reminders) carry a job key, so a change re-adds them at the
 * new time and a cancellation removes them.
 */
export async function enqueueBookingNotifications(deps: NotificationDeps, client: pg.ClientBase, change: BookingChange): Promise<void> {
  const now = deps.clock.now()
  const { bookingId, sequence } = change
  const batch = new EmailBatch()
  switch (change.kind) {
    case 'booked': {
      const preparationIncluded = change.start.getTime() - PREPARATION_LEAD_MS <= now.getTime()
      batch.send({ email: 'booking-confirmation', bookingId, preparationIncluded })
      batch.send({ email: 'coach-notice', bookingId, notice: 'booked', sequence })
      await scheduleUpcoming(deps, client, batch, change, now, change.reminderOffsetsMinutes)
      break
    }
    case 'rescheduled': {
      batch.send({ email: 'booking-changed', bookingId, sequence })
      const newCoach = change.previousCoachId !== undefined && change.coachId !== change.previousCoachId
      if (newCoach && change.previousCoachId) {
        batch.send({ email: 'coach-notice', bookingId, notice: 'booked', sequence })
        batch.send({ email: 'previous-coach-notice', bookingId, coachId: change.previousCoachId, sequence })
      } else {
        batch.send({ email: 'coach-notice', bookingId, notice: 'changed', sequence })
      }
      await scheduleUpcoming(deps, client, batch, change, now)
      break
    }
    case 'reassigned':
      batch.send({ email: 'booking-coach-changed', bookingId, sequence })
      batch.send({ email: 'coach-notice', bookingId, notice: 'booked', sequence })
      batch.send({ email: 'previous-coach-notice', bookingId, coachId: change.previousCoachId, sequence })
      break
    case 'cancelled':
      await removeUpcoming(deps, client, bookingId)
      batch.send({ email: 'booking-cancelled', bookingId, sequence })
      batch.send({ email: 'coach-notice', bookingId, notice: 'cancelled', sequence })
      break
  }
  await deps.jobs.addMany(batch.jobs, client)
}

/** Waits this long before telling a candidate their video link changed, so a coach correcting a typo sends one email. */
export const VIDEO_LINK_NOTICE_DELAY_MS = 2 * 60_000

/**
 * A candidate's video link changed: one email with the link as it is when it
 * goes (a later change replaces the waiting one), at the latest a minute
 * before the conversation starts.
 */
export async function enqueueVideoLinkNotice(deps: NotificationDeps, client: pg.ClientBase, booking: { id: string; startsAt: Date }) {
  const now = deps.clock.now().getTime()
  const runAt = new Date(Math.max(now, Math.min(now + VIDEO_LINK_NOTICE_DELAY_MS, booking.startsAt.getTime() - 60_000)))
  const payload: SendEmailPayload = { email: 'video-link-changed', bookingId: booking.id, changeId: randomUUID() }
  await send(deps, client, payload, runAt, `booking:${booking.id}:video-link`)
}
