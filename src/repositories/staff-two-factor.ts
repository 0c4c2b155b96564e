import type { Queryable } from './db.js'
import type { StaffTwoFactor } from './rows.js'

/** Two-factor sign-in: the authenticator app's (encrypted) secret and the recovery codes' hashes. */

/** `totpSecret` is encrypted (see encryptTotpSecret); never the secret in clear. */
type StoredTwoFactor = Pick<StaffTwoFactor, 'staffUserId' | 'totpSecret' | 'lastUsedStep' | 'enabledAt'>

export async function findTwoFactor(db: Queryable, staffUserId: string): Promise<StoredTwoFactor | null> {
  const { rows } = await db.query<StoredTwoFactor>(
    `SELECT staff_user_id AS "staffUserId", totp_secret AS "totpSecret", last_used_step AS "lastUsedStep",
            enabled_at AS "enabledAt"
       FROM staff_two_factor WHERE staff_user_id = $1`,
    [staffUserId],
  )
  return rows[0] ?? null
}

/** Sets up (or replaces) a person's app. */
export async function saveTwoFactor(
  db: Queryable,
  { staffUserId, totpSecret, lastUsedStep, enabledAt }: StoredTwoFactor,
): Promise<void> {
  await db.query(
    `INSERT INTO staff_two_factor (staff_user_id, totp_secret, last_used_step, enabled_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (staff_user_id) DO UPDATE
        SET totp_secret = EXCLUDED.totp_secret, last_used_step = EXCLUDED.last_used_step, enabled_at = EXCLUDED.enabled_at`,
    [staffUserId, totpSecret, lastUsedStep, enabledAt],
  )
}

/**
 * Records that the code of `step` was used, only when no code of this step
 * or a later one was: false means someone used it first (a replay, or two
 * requests at once), and the code must be refused.
 */
export async function claimTotpStep(db: Queryable, staffUserId: string, step: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE staff_two_factor SET last_used_step = $2
      WHERE staff_user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`,
    [staffUserId, step],
  )
  return (rowCount ?? 0) === 1
}

/** Removes a person's app and recovery codes (turned off, or reset by an admin). True when there was one. */
export async function deleteTwoFactor(db: Queryable, staffUserId: string): Promise<boolean> {
  await db.query(`DELETE FROM staff_recovery_codes WHERE staff_user_id = $1`, [staffUserId])
  const { rowCount } = await db.query(`DELETE FROM staff_two_factor WHERE staff_user_id = $1`, [staffUserId])
  return (rowCount ?? 0) > 0
}

/** The person's recovery codes become these (hashes); the old ones stop working. */
export async function replaceRecoveryCodes(db: Queryable, staffUserId: string, codeHashes: string[], now: Date): Promise<void> {
  await db.query(`DELETE FROM staff_recovery_codes WHERE staff_user_id = $1`, [staffUserId])
  await db.query(
    `INSERT INTO staff_recovery_codes (staff_user_id, code_hash, created_at)
     SELECT $1, hash, $3 FROM unnest($2::text[]) AS hash`,
    [staffUserId, codeHashes, now],
  )
}

/** Uses a recovery code, once: false when there is no such unused code. */
export async function useRecoveryCode(db: Queryable, staffUserId: string, codeHash: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE staff_recovery_codes SET used_at = $3 WHERE staff_user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
    [staffUserId, codeHash, now],
  )
  return (rowCount ?? 0) === 1
}

export async function countUnusedRecoveryCodes(db: Queryable, staffUserId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM staff_recovery_codes WHERE staff_user_id = $1 AND used_at IS NULL`,
    [staffUserId],
  )
  return rows[0]?.count ?? 0
}

/** For `staff_users u`: whether they must sign in with two-factor (every admin, and a coach on an open programme that asks it of its coaches). */
const TWO_FACTOR_REQUIRED = `(u.role = 'admin' OR EXISTS (
    SELECT 1 FROM coaches c
      JOIN programme_coaches pc ON pc.coach_id = c.id
      JOIN programmes p ON p.id = pc.programme_id
     WHERE c.staff_user_id = u.id AND p.active AND p.require_coach_two_factor))`

/**
 * Whether this person must sign in with two-factor: every admin, and a
 * coach on any active programme that requires it of its coaches.
 */
export async function isTwoFactorRequired(db: Queryable, staffUserId: string): Promise<boolean> {
  const { rows } = await db.query<{ required: boolean }>(`SELECT ${TWO_FACTOR_REQUIRED} AS required FROM staff_users u WHERE u.id = $1`, [staffUserId])
  return rows[0]?.required ?? false
}

/**
 * Signs out those of `staffUserIds` who must now use two-factor but have not
 * set it up, so they set it up before going on (at their next sign-in). Gives
 * how many sessions ended.
 */
export async function endSessionsOwingTwoFactor(db: Queryable, staffUserIds: readonly string[]): Promise<number> {
  if (staffUserIds.length === 0) return 0
  const { rowCount } = await db.query(
    `DELETE FROM staff_sessions s USING staff_users u
      WHERE s.staff_user_id = u.id AND u.id = ANY($1::uuid[]) AND ${TWO_FACTOR_REQUIRED}
        AND NOT EXISTS (SELECT 1 FROM staff_two_factor t WHERE t.staff_user_id = u.id)`,
    [staffUserIds],
  )
  return rowCount ?? 0
}
