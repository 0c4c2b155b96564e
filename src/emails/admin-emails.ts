import PostalMime from 'postal-mime'
import type pg from 'pg'
import type { JobQueue } from '../plugins/app/jobs.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from './booking-notifications.js'
import { listOutbox, readFromOutbox } from './outbox.js'
import { NotFoundError, ConflictError } from '../domain/errors.js'
import { inTransaction } from '../repositories/db.js'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../domain/audit/events.js'

/** What admins see of emails: deliveries that failed (to send again) and the local outbox. */

export interface FailedDelivery {
  id: string
  kind: string
  recipient: string
  subject: string
  attempts: number
  lastError: string | null
  failedAt: Date
}

export async function failedDeliveries(pool: pg.Pool): Promise<FailedDelivery[]> {
  const { rows } = await pool.query(
    `SELECT id, kind, recipient, subject, attempts, last_error, failed_at FROM email_deliveries
      WHERE status = 'failed' ORDER BY failed_at DESC LIMIT 200`,
  )
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    attempts: row.attempts,
    lastError: row.last_error,
    failedAt: row.failed_at,
  }))
}

/** Queues a failed delivery's job again; the delivery key still stops a second copy. */
export async function retryDelivery(
  deps: { pool: pg.Pool; jobs: Pick<JobQueue, 'add'>; audit: Pick<AuditLog, 'record'> },
  deliveryId: string,
  by: StaffRequest,
): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    const { rows } = await client.query(
      `UPDATE email_deliveries SET status = 'waiting', failed_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'failed' RETURNING kind, job_payload`,
      [deliveryId],
    )
    const row = rows[0]
    if (!row) {
      const exists = await client.query('SELECT 1 FROM email_deliveries WHERE id = $1', [deliveryId])
      throw exists.rowCount ? new ConflictError('not_failed', 'This email is not waiting to be sent again') : new NotFoundError()
    }
    const task = row.kind === 'coach-daily-agenda' ? 'coach-daily-agendas' : 'send-email'
    await deps.jobs.add(task, row.job_payload, { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
    await recordStaffChange(deps.audit, client, by, { action: 'email.retry', subjectType: 'email_delivery', subjectId: deliveryId })
  })
}

export interface OutboxEntry {
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

export interface OutboxMessage extends OutboxEntry {
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
