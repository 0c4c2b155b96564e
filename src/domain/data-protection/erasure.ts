import { inTransaction } from '../../repositories/db.js'
import { enqueueEventRemovals } from '../calendar-sync/write-back.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../ports/email-jobs.js'
import type { JobQueue } from '../ports/job-queue.js'
import { insertBookingEvent, markBookingCancelled } from '../../repositories/bookings.js'
import { lockLiveBookingsForErasure } from '../../repositories/coach-changes.js'
import {
  deleteBookings,
  deleteEmailDeliveries,
  deleteIdempotencyAnswers,
  deleteInvitations,
} from '../../repositories/data-protection-erasure.js'
import { isStaffEmail, removeQueuedJobs } from '../../repositories/data-protection.js'
import { removeOutboxCopies } from './outbox.js'
import { deleteWaitlistEntries } from '../../repositories/waitlist.js'
import { collectSubjectRecords, type DataProtectionDeps } from './records.js'
import type { Requester } from './subject-access.js'
import { DATA_SUBJECT, DataProtectionAuditActions, subjectKey } from './subject.js'

/**
 * Erasure: removes everything held about a person, found by email address,
 * from every table, the local mail outbox and the job queue, in one
 * transaction (the outbox files go once it has committed). The audit log
 * keeps its entries: it is append-only and names people by id only. Staff
 * accounts are not erased here: a staff member's address is refused.
 *
 * A conversation still to come is cancelled first, in the same transaction:
 * its coach is emailed a calendar cancellation (a job whose
 * payload carries the time and the calendar UID, nothing about the
 * candidate, since the booking is gone when it is sent) and its reminders
 * leave the queue with the candidate's other jobs. The candidate, who asked
 * to be forgotten, is not emailed.
 */

/** What erasure needs on top: the job queue, for the coaches' cancellations. */
interface ErasureDeps extends DataProtectionDeps {
  jobs: Pick<JobQueue, 'add'>
}

const ERASURE_CANCELLATION_REASON = 'The candidate asked for their information to be erased'

interface ErasureCounts {
  bookings: number
  invitations: number
  emailDeliveries: number
  queuedJobs: number
  idempotencyAnswers: number
  outboxFiles: number
  /** Conversations still to come, cancelled (their coaches told) before the erasure. */
  cancelledBookings: number
  /** Places on waitlists, with their links and offers (a time held for them is let go). */
  waitlistEntries: number
}

type ErasureResult = { erased: true; counts: ErasureCounts } | { erased: false; reason: 'staff_account' }

export async function eraseSubject(deps: ErasureDeps, email: string, requester: Requester): Promise<ErasureResult> {
  const about = { subjectType: DATA_SUBJECT, subjectId: subjectKey(email, deps.secret) }
  if (await isStaffEmail(deps.pool, email)) {
    await deps.audit.record({
      ...requester,
      ...about,
      action: DataProtectionAuditActions.erasure,
      result: 'denied',
      details: { reason: 'staff_account' },
    })
    return { erased: false, reason: 'staff_account' }
  }

  const { counts, files } = await inTransaction(deps.pool, async (client) => {
    const records = await collectSubjectRecords(deps, client, email, { lock: true })
    const now = deps.clock.now()
    const live = await lockLiveBookingsForErasure(client, records.ids.bookingIds, now)
    for (const booking of live) {
      await markBookingCancelled(client, booking.id, { by: 'admin', reason: ERASURE_CANCELLATION_REASON, now })
      await insertBookingEvent(client, {
        bookingId: booking.id,
        kind: 'cancelled',
        actor: 'admin',
        actorStaffUserId: requester.actor.startsWith('staff:') ? requester.actor.slice('staff:'.length) : null,
        occurredAt: now,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        coachId: booking.coachId,
        reason: ERASURE_CANCELLATION_REASON,
        sequence: booking.sequence + 1,
      })
    }
    // Their conversations come out of coaches' CalDAV calendars too, before the rows that say where they are go.
    await enqueueEventRemovals(deps, client, records.ids.bookingIds)
    const counts: ErasureCounts = {
      queuedJobs: await removeQueuedJobs(client, records.queuedJobs.map((job) => job.id)),
      emailDeliveries: await deleteEmailDeliveries(client, records.deliveries.map((delivery) => delivery.id)),
      idempotencyAnswers: await deleteIdempotencyAnswers(client, records.idempotencyAnswers.map((answer) => answer.id)),
      bookings: await deleteBookings(client, records.ids.bookingIds),
      invitations: await deleteInvitations(client, records.ids.invitationIds),
      outboxFiles: records.outbox.length,
      cancelledBookings: live.length,
      waitlistEntries: await deleteWaitlistEntries(client, records.waitlist.map((entry) => entry.id)),
    }
    // After the candidate's jobs have gone (their reminders with them): the coaches' calendar cancellations.
    for (const booking of live) {
      await deps.jobs.add(
        'send-email',
        {
          email: 'coach-erasure-notice',
          coachId: booking.coachId,
          bookingId: booking.id,
          start: booking.startsAt.toISOString(),
          end: booking.endsAt.toISOString(),
          sequence: booking.sequence + 1,
          calendarUid: booking.calendarUid,
        },
        { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS },
      )
    }
    await deps.audit.record(
      {
        ...requester,
        ...about,
        action: DataProtectionAuditActions.erasure,
        result: 'success',
        details: {
          ...counts,
          bookingIds: records.ids.bookingIds,
          invitationIds: records.ids.invitationIds,
          cancelledBookingIds: live.map((booking) => booking.id),
        },
      },
      { client },
    )
    return { counts, files: records.outbox.map((copy) => copy.file) }
  })
  await removeOutboxCopies(deps.outboxDir, files)
  return { erased: true, counts }
}
