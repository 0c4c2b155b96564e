import { inTransaction } from '../../repositories/db.js'
import { purgeExpiredIdempotencyKeys } from '../../repositories/idempotency-keys.js'
import { loadDeliveries, loadQueuedJobs, removeQueuedJobs, subjectIdentifiers } from '../../repositories/data-protection.js'
import {
  anonymiseRecords,
  findDueKeys,
  listDue,
  lockDueRecords,
  summariseDue,
  type DueCandidate,
  type RetentionProgrammeSummary,
} from '../../repositories/data-protection-retention.js'
import { allFields, getConversationModel } from '../conversation-models/index.js'
import { DAY_MS } from '../slots/zone-time.js'
import { findOutboxCopies, removeOutboxCopies } from './outbox.js'
import type { DataProtectionDeps } from './records.js'
import { DataProtectionAuditActions } from './subject.js'
import { deleteEndedEntriesPastRetention } from '../../repositories/waitlist.js'

/**
 * Retention: each programme keeps a candidate's records for its
 * `retention_months` (24 by default) after their last conversation in it (or
 * after an invitation they never used ran out). A daily job anonymises those
 * past it; the dry-run report shows who would go first.
 *
 * Anonymising removes or replaces names, contact details, accessibility
 * needs and everything written in free text (preparation answers, notes,
 * addenda, action summaries and comments, cancellation reasons, feedback
 * comments), deletes
 * links and queued jobs, blanks the emails' recipient and subject and removes
 * local outbox copies. It keeps what the programme's reports count: each
 * booking's status, times, programme and coach; each action's owner,
 * category, status and dates; outcomes; the fixed choices in notes, the
 * candidate's feedback and their outcome follow-ups.
 */

/** How far ahead the report looks for those who will go soon. */
export const UPCOMING_DAYS = 90

/** Of a set of notes, what survives anonymising: the fields that are a choice from a fixed list. */
function keptNoteValues(notes: { modelKey: string; modelVersion: number; values: Record<string, unknown> }): Record<string, unknown> {
  const model = getConversationModel(notes.modelKey, notes.modelVersion)
  if (!model) return {}
  const choices = new Set(allFields(model).filter((field) => field.kind === 'choice').map((field) => field.key))
  return Object.fromEntries(Object.entries(notes.values).filter(([key]) => choices.has(key)))
}

interface RetentionReport {
  dueNow: RetentionProgrammeSummary[]
  dueSoon: RetentionProgrammeSummary[]
  /** The first of those due now, oldest first, without names. */
  oldest: DueCandidate[]
  totals: { candidates: number; bookings: number; invitations: number }
}

/** The dry run: what the next run would anonymise, by programme, oldest first; and what follows within UPCOMING_DAYS. */
export async function retentionReport(deps: Pick<DataProtectionDeps, 'pool' | 'clock'>, listLimit = 100): Promise<RetentionReport> {
  const now = deps.clock.now()
  const dueNow = await summariseDue(deps.pool, now)
  return {
    dueNow,
    dueSoon: await summariseDue(deps.pool, new Date(now.getTime() + UPCOMING_DAYS * DAY_MS), now),
    oldest: await listDue(deps.pool, now, listLimit),
    totals: {
      candidates: dueNow.reduce((n, p) => n + p.candidates, 0),
      bookings: dueNow.reduce((n, p) => n + p.bookings, 0),
      invitations: dueNow.reduce((n, p) => n + p.invitations, 0),
    },
  }
}

interface RetentionRunResult {
  candidates: number
  bookings: number
  invitations: number
  emailDeliveries: number
  queuedJobs: number
  outboxFiles: number
  expiredIdempotencyKeys: number
  /** Places on a waitlist that ended longer ago than the programme keeps records. */
  waitlistEntries: number
}

/**
 * Anonymises every candidate due at the clock's time (at most `limit`; the
 * rest go the next day), one candidate per transaction, and records the
 * counts in the audit log (actor: system).
 */
export async function runRetention(deps: DataProtectionDeps, { limit = 5000 } = {}): Promise<RetentionRunResult> {
  const now = deps.clock.now()
  const result: RetentionRunResult = {
    candidates: 0,
    bookings: 0,
    invitations: 0,
    emailDeliveries: 0,
    queuedJobs: 0,
    outboxFiles: 0,
    expiredIdempotencyKeys: 0,
    waitlistEntries: 0,
  }
  const messageIds: string[] = []
  const needles: string[] = []
  for (const key of await findDueKeys(deps.pool, now, limit)) {
    await inTransaction(deps.pool, async (client) => {
      const ids = await lockDueRecords(client, key, now)
      if (!ids) return
      const identifiers = await subjectIdentifiers(client, ids)
      const emails = [...new Set([key.email, ...identifiers.emails])]
      const deliveries = await loadDeliveries(client, ids, [])
      const jobs = await loadQueuedJobs(client, ids, emails)
      result.queuedJobs += await removeQueuedJobs(client, jobs.map((job) => job.id))
      const counts = await anonymiseRecords(client, ids, now, keptNoteValues)
      result.candidates += 1
      result.bookings += counts.bookings
      result.invitations += counts.invitations
      result.emailDeliveries += counts.emailDeliveries
      messageIds.push(...deliveries.map((delivery) => delivery.messageId))
      needles.push(...emails, ...identifiers.names, ...identifiers.phones, ...identifiers.references)
    })
  }
  if (needles.length > 0 || messageIds.length > 0) {
    const copies = await findOutboxCopies(deps.outboxDir, { messageIds, needles })
    result.outboxFiles = await removeOutboxCopies(deps.outboxDir, copies.map((copy) => copy.file))
  }
  result.expiredIdempotencyKeys = await purgeExpiredIdempotencyKeys(deps.pool, now)
  result.waitlistEntries = await deleteEndedEntriesPastRetention(deps.pool, now)
  await deps.audit.record({
    actor: 'system',
    action: DataProtectionAuditActions.retention,
    result: 'success',
    details: { ...result },
  })
  return result
}
