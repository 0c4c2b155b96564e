import { inTransaction } from '../../repositories/db.js'
import {
  deleteBookings,
  deleteEmailDeliveries,
  deleteIdempotencyAnswers,
  deleteInvitations,
} from '../../repositories/data-protection-erasure.js'
import { isStaffEmail, removeQueuedJobs } from '../../repositories/data-protection.js'
import { removeOutboxCopies } from './outbox.js'
import { collectSubjectRecords, type DataProtectionDeps } from './records.js'
import type { Requester } from './subject-access.js'
import { DATA_SUBJECT, DataProtectionAuditActions, subjectKey } from './subject.js'

/**
 * Erasure: removes everything held about a person, found by email address,
 * from every table, the local mail outbox and the job queue, in one
 * transaction (the outbox files go once it has committed). The audit log
 * keeps its entries: it is append-only and names people by id only. Staff
 * accounts are not erased here: a staff member's address is refused.
 */

export interface ErasureCounts {
  bookings: number
  invitations: number
  emailDeliveries: number
  queuedJobs: number
  idempotencyAnswers: number
  outboxFiles: number
}

export type ErasureResult = { erased: true; counts: ErasureCounts } | { erased: false; reason: 'staff_account' }

export async function eraseSubject(deps: DataProtectionDeps, email: string, requester: Requester): Promise<ErasureResult> {
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
    const counts: ErasureCounts = {
      queuedJobs: await removeQueuedJobs(client, records.queuedJobs.map((job) => job.id)),
      emailDeliveries: await deleteEmailDeliveries(client, records.deliveries.map((delivery) => delivery.id)),
      idempotencyAnswers: await deleteIdempotencyAnswers(client, records.idempotencyAnswers.map((answer) => answer.id)),
      bookings: await deleteBookings(client, records.ids.bookingIds),
      invitations: await deleteInvitations(client, records.ids.invitationIds),
      outboxFiles: records.outbox.length,
    }
    await deps.audit.record(
      {
        ...requester,
        ...about,
        action: DataProtectionAuditActions.erasure,
        result: 'success',
        details: { ...counts, bookingIds: records.ids.bookingIds, invitationIds: records.ids.invitationIds },
      },
      { client },
    )
    return { counts, files: records.outbox.map((copy) => copy.file) }
  })
  await removeOutboxCopies(deps.outboxDir, files)
  return { erased: true, counts }
}
