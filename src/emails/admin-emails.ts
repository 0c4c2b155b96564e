import PostalMime from 'postal-mime'
import type pg from 'pg'
import type { JobQueue } from '../domain/ports/job-queue.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../domain/ports/email-jobs.js'
import { listOutbox, readFromOutbox } from '../repositories/outbox.js'
import { NotFoundError, ConflictError } from '../domain/errors.js'
import { inTransaction } from '../repositories/db.js'
import { bringForwardWaitingJobs, emailDeliveryExists, reopenFailingDelivery } from '../repositories/failing-email-deliveries.js'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../domain/audit/events.js'

/** What admins do with emails: send a failing delivery again (failing-email-deliveries.ts lists them), and read the local outbox. */

/**
 * Sends a failing delivery again now: one that gave up gets a new job; one
 * still being tried has its waiting job brought forward (a new job only if
 * it has none). The delivery key still stops a second copy.
 */
export async function retryDelivery(
  deps: { pool: pg.Pool; jobs: Pick<JobQueue, 'add'>; audit: Pick<AuditLog, 'record'> },
  deliveryId: string,
  by: StaffRequest,
): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    const row = await reopenFailingDelivery(client, deliveryId)
    if (!row) {
      throw (await emailDeliveryExists(client, deliveryId)) ? new ConflictError('not_failed', 'This email is not waiting to be sent again') : new NotFoundError()
    }
    const waiting = row.was === 'waiting' ? await bringForwardWaitingJobs(client, row.jobPayload) : 0
    // The waitlist's emails have a task of their own (src/jobs/waitlist-email.ts).
    const task = row.kind === 'coach-daily-agenda' ? 'coach-daily-agendas' : row.kind.startsWith('waitlist-') ? 'waitlist-email' : 'send-email'
    if (!waiting) await deps.jobs.add(task, row.jobPayload, { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
    await recordStaffChange(deps.audit, client, by, { action: 'email.retry', subjectType: 'email_delivery', subjectId: deliveryId })
  })
}

interface OutboxEntry {
  file: string
  subject: string
  to: string
  date: string | undefined
}

export async function outboxEntries(dir: string, limit = 100): Promise<OutboxEntry[]> {
  const files = (await listOutbox(dir)).slice(0, limit)
  return Promise.all(
    files.map(async (file) => {
      const parsed = await PostalMime.parse((await readFromOutbox(dir, file))!)
      return { file, subject: parsed.subject ?? '(no subject)', to: parsed.to?.map((a) => a.address).join(', ') ?? '', date: parsed.date }
    }),
  )
}

interface OutboxMessage extends OutboxEntry {
  from: string
  html: string | undefined
  text: string | undefined
  attachments: { filename: string | null; mimeType: string }[]
}

export async function outboxMessage(dir: string, file: string): Promise<OutboxMessage | undefined> {
  const raw = await readFromOutbox(dir, file)
  if (!raw) return undefined
  const parsed = await PostalMime.parse(raw)
  return {
    file,
    subject: parsed.subject ?? '(no subject)',
    to: parsed.to?.map((a) => a.address).join(', ') ?? '',
    from: parsed.from?.address ?? '',
    date: parsed.date,
    html: parsed.html,
    text: parsed.text,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType })),
  }
}
