/** Idempotency keys: the first successful answer to a request, by (scope, key). */
import type { Queryable } from './db.js'
import type { IdempotencyKey } from './rows.js'

type StoredAnswer = Pick<IdempotencyKey, 'requestFingerprint' | 'statusCode' | 'bookingId'> & {
  /** JSON in the schema: the answer as it was given. */
  responseBody: unknown
}

/**
 * Claims a key inside the caller's transaction. If another transaction holds
 * the same key, this waits for it: when it commits, its answer is returned;
 * when it rolls back, the key is claimed here. An expired key is reclaimed.
 * Returns null when claimed, the stored answer otherwise.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  claim: { scope: string; key: string; requestFingerprint: string; now: Date; expiresAt: Date },
): Promise<StoredAnswer | null> {
  await db.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at <= $3', [
    claim.scope,
    claim.key,
    claim.now,
  ])
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (scope, key, request_fingerprint, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (scope, key) DO NOTHING
     RETURNING id`,
    [claim.scope, claim.key, claim.requestFingerprint, claim.now, claim.expiresAt],
  )
  if (inserted.rows.length > 0) return null
  const { rows } = await db.query<StoredAnswer>(
    `SELECT request_fingerprint AS "requestFingerprint", status_code AS "statusCode",
            response_body AS "responseBody", booking_id AS "bookingId"
       FROM idempotency_keys WHERE scope = $1 AND key = $2`,
    [claim.scope, claim.key],
  )
  return rows[0] ?? null
}

/** Keeps the answer for a claimed key (in the same transaction as the work it answers for). */
export async function storeIdempotentAnswer(
  db: Queryable,
  answer: { scope: string; key: string; statusCode: number; responseBody: unknown; bookingId: string | null },
): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb, booking_id = $5
      WHERE scope = $1 AND key = $2`,
    [answer.scope, answer.key, answer.statusCode, JSON.stringify(answer.responseBody), answer.bookingId],
  )
}

/** Housekeeping (e.g. a nightly job): removes every expired key; returns how many. */
export async function purgeExpiredIdempotencyKeys(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM idempotency_keys WHERE expires_at <= $1', [now])
  return rowCount ?? 0
}
