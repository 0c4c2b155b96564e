/**
 * The emails that are failing, as admins see them (/admin/emails and the daily digest), and what "send again"
 * changes: the delivery row, and the email's job still waiting in graphile-worker's queue.
 */
import type { Queryable } from './db.js'
import type { EmailDeliveryStatus } from './email-deliveries.js'
import type { EmailDelivery } from './rows.js'

/**
 * A delivery is failing from its first refused attempt (its latest attempt
 * left an error), not only once the retries have run out, so the programme
 * team can act the same day. "Send again" clears it until the next attempt.
 */
const FAILING_DELIVERY = `(status = 'failed' OR (status = 'waiting' AND last_error IS NOT NULL))`

export type FailedDelivery = Pick<EmailDelivery, 'id' | 'kind' | 'recipient' | 'subject' | 'attempts' | 'lastError'> & {
  /** When its latest attempt failed. */
  lastTriedAt: EmailDelivery['updatedAt']
  /** True when the retries ran out (about 34 hours); otherwise it is still being tried, with longer waits. */
  gaveUp: boolean
}

/** The failing deliveries, the latest attempt first. */
export async function listFailingDeliveries(db: Queryable, limit = 200): Promise<FailedDelivery[]> {
  const { rows } = await db.query<FailedDelivery>(
    `SELECT id, kind, recipient, subject, attempts, last_error AS "lastError", updated_at AS "lastTriedAt", status = 'failed' AS "gaveUp"
       FROM email_deliveries
      WHERE ${FAILING_DELIVERY} ORDER BY updated_at DESC LIMIT $1`,
    [limit],
  )
  return rows
}

/** Whether a delivery is failing whose latest attempt was within `window` (a PostgreSQL interval, "24 hours"). */
export async function anyDeliveryFailingSince(db: Queryable, window: string): Promise<boolean> {
  const { rows } = await db.query<{ failing: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM email_deliveries WHERE ${FAILING_DELIVERY} AND updated_at > now() - $1::interval) AS failing`,
    [window],
  )
  return rows[0]?.failing ?? false
}

/** How many deliveries are failing, those of one kind left out (the digest does not count its own). */
export async function countFailingDeliveriesExcept(db: Queryable, kind: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_deliveries WHERE ${FAILING_DELIVERY} AND kind <> $1`, [kind])
  return rows[0]!.n
}

export interface ReopenedDelivery {
  kind: EmailDelivery['kind']
  /** The job's payload as it was queued (a JSON column). */
  jobPayload: object
  /** Its status before: `waiting` while its job is still being retried, `failed` once the retries ran out. */
  was: EmailDeliveryStatus
}

/**
 * Clears a failing delivery to be sent again (waiting, without its error), under a lock on its row. Undefined
 * when there is no such delivery or it is not failing: emailDeliveryExists tells which.
 */
export async function reopenFailingDelivery(db: Queryable, deliveryId: string): Promise<ReopenedDelivery | undefined> {
  const { rows } = await db.query<ReopenedDelivery>(
    `WITH before AS (SELECT id, status FROM email_deliveries WHERE id = $1 FOR UPDATE)
       UPDATE email_deliveries d SET status = 'waiting', failed_at = NULL, last_error = NULL, updated_at = now()
         FROM before WHERE d.id = before.id AND (d.status = 'failed' OR (d.status = 'waiting' AND d.last_error IS NOT NULL))
       RETURNING d.kind, d.job_payload AS "jobPayload", before.status AS was`,
    [deliveryId],
  )
  return rows[0]
}

export async function emailDeliveryExists(db: Queryable, deliveryId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM email_deliveries WHERE id = $1', [deliveryId])
  return Boolean(rowCount)
}

/**
 * Brings forward to now the queued jobs with this payload that are waiting for their next attempt (not running,
 * attempts left), in graphile-worker's own way; returns how many there were.
 */
export async function bringForwardWaitingJobs(db: Queryable, payload: object): Promise<number> {
  const { rowCount } = await db.query(
    `SELECT graphile_worker.reschedule_jobs(
               ARRAY(SELECT j.id FROM graphile_worker._private_jobs j
                      WHERE j.payload::jsonb = $1::jsonb AND j.locked_at IS NULL AND j.attempts < j.max_attempts),
               run_at => now())`,
    [payload],
  )
  return rowCount ?? 0
}
