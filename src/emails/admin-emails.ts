import PostalMime from 'postal-mime'
import type pg from 'pg'
import type { JobQueue } from '../domain/ports/job-queue.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../domain/ports/email-jobs.js'
import { listOutbox, readFromOutbox } from '../repositories/outbox.js'
import { NotFoundError, ConflictError } from '../domain/errors.js'
import { inTransaction } from '../repositories/db.js'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../domain/audit/events.js'

/** What admins see of emails: deliveries that are failing (to send again) and the local outbox. */

export interface FailedDelivery {
  id: string
  kind: string
  recipient: string
  subject: string
  attempts: number
  lastError: string | null
  /** When its latest attempt failed. */
  lastTriedAt: Date
  /** True when the retries ran out (about 34 hours); otherwise it is still being tried, with longer waits. */
  gaveUp: boolean
}

/**
 * A delivery is failing from its first refused attempt (its latest attempt
 * left an error), not only once the retries have run out, so the programme
 * team can act the same day. "Send again" clears it until the next attempt.
 */
export const FAILING_DELIVERY = `(status = 'failed' OR (status = 'waiting' AND last_error IS NOT NULL))`

export async function failedDeliveries(pool: pg.Pool, limit = 200): Promise<FailedDelivery[]> {
  const { rows } = await pool.query(
    `SELECT id, kind, recipient, subject, attempts, last_error, updated_at, status FROM email_deliveries
      WHERE ${FAILING_DELIVERY} ORDER BY updated_at DESC LIMIT $1`,
    [limit],
  )
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    attempts: row.attempts,
    lastError: row.last_error,
    lastTriedAt: row.updated_at,
    gaveUp: row.status === 'failed',
  }))
}

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
    const { rows } = await client.query(
      `WITH before AS (SELECT id, status FROM email_deliveries WHERE id = $1 FOR UPDATE)
       UPDATE email_deliveries d SET status = 'waiting', failed_at = NULL, last_error = NULL, updated_at = now()
         FROM before WHERE d.id = before.id AND (d.status = 'failed' OR (d.status = 'waiting' AND d.last_error IS NOT NULL))
       RETURNING d.kind, d.job_payload, before.status AS was`,
      [deliveryId],
    )
    const row = rows[0]
    if (!row) {
      const exists = await client.query('SELECT 1 FROM email_deliveries WHERE id = $1', [deliveryId])
      throw exists.rowCount ? new ConflictError('not_failed', 'This email is not waiting to be sent again') : new NotFoundError()
    }
    const waiting =
      row.was === 'waiting'
        ? await client.query(
            `SELECT graphile_worker.reschedule_jobs(
               ARRAY(SELECT j.id FROM graphile_worker._private_jobs j
                      WHERE j.payload::jsonb = $1::jsonb AND j.locked_at IS NULL AND j.attempts < j.max_attempts),
               run_at => now())`,
            [row.job_payload],
          )
        : { rowCount: 0 }
    // The waitlist's emails have a task of their own (src/jobs/waitlist-email.ts).
    const task = row.kind === 'coach-daily-agenda' ? 'coach-daily-agendas' : String(row.kind).startsWith('waitlist-') ? 'waitlist-email' : 'send-email'
    if (!waiting.rowCount) await deps.jobs.add(task, row.job_payload, { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
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
