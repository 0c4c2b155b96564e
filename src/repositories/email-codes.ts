/** Codes that prove a candidate reads an email address (domain/email-proof). Only an HMAC of the address is kept. */
import type { Queryable } from './db.js'
import type { EmailCode } from './rows.js'

type EmailCodeRecord = Pick<EmailCode, 'id' | 'programmeId' | 'emailKey' | 'expiresAt' | 'attempts' | 'provenAt'>

const COLUMNS = `id, programme_id AS "programmeId", email_key AS "emailKey", expires_at AS "expiresAt", attempts, proven_at AS "provenAt"`

export async function insertEmailCode(
  db: Queryable,
  code: { programmeId: string; emailKey: string; expiresAt: Date; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO email_codes (programme_id, email_key, expires_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [code.programmeId, code.emailKey, code.expiresAt, code.now],
  )
  return rows[0]!.id
}

/**
 * Counts a try at the code, unless it is proven already (the journey proves
 * it on its own page, then books with it): the record as it is after, or
 * null when there is no such unexpired code with tries left.
 */
export async function countCodeTry(db: Queryable, id: string, maxTries: number, now: Date): Promise<EmailCodeRecord | null> {
  const { rows } = await db.query<EmailCodeRecord>(
    `UPDATE email_codes SET attempts = attempts + CASE WHEN proven_at IS NULL THEN 1 ELSE 0 END
      WHERE id = $1 AND expires_at > $3 AND (proven_at IS NOT NULL OR attempts < $2)
      RETURNING ${COLUMNS}`,
    [id, maxTries, now],
  )
  return rows[0] ?? null
}

/** Marks the code proven (once); the proof lasts until `provenUntil` at least, however soon the code itself would have run out. */
export async function markCodeProven(db: Queryable, id: string, now: Date, provenUntil: Date): Promise<void> {
  await db.query(`UPDATE email_codes SET proven_at = COALESCE(proven_at, $2), expires_at = GREATEST(expires_at, $3) WHERE id = $1 AND proven_at IS NULL`, [
    id,
    now,
    provenUntil,
  ])
}

/** Housekeeping (hourly): expired codes prove nothing any more. */
export async function purgeExpiredEmailCodes(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM email_codes WHERE expires_at <= $1', [now])
  return rowCount ?? 0
}
