import type { Queryable } from './db.js'
import type { StaffPendingSignIn } from './rows.js'

/**
 * Pending sign-ins: the password was right, the second step (the code, or
 * setting up an authenticator app) is still to do. Not a session: nothing
 * but the second step accepts it. `id` is the sha256 of the cookie's token.
 */

/** Text in the schema; the migration's CHECK allows only these. */
type PendingStage = 'code' | 'set_up'

interface NewPendingSignIn {
  id: string
  staffUserId: string
  stage: PendingStage
  /** Encrypted new TOTP secret, for `set_up` only. */
  totpSecret: string | null
  nextPath: string | null
  createdAt: Date
  expiresAt: Date
  ip: string | null
  userAgent: string | null
}

export type PendingSignIn = Pick<StaffPendingSignIn, 'id' | 'staffUserId' | 'totpSecret' | 'nextPath' | 'expiresAt'> & {
  stage: PendingStage
}

export async function insertPendingSignIn(db: Queryable, pending: NewPendingSignIn): Promise<void> {
  await db.query(
    `INSERT INTO staff_pending_sign_ins (id, staff_user_id, stage, totp_secret, next_path, created_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      pending.id,
      pending.staffUserId,
      pending.stage,
      pending.totpSecret,
      pending.nextPath,
      pending.createdAt,
      pending.expiresAt,
      pending.ip,
      pending.userAgent?.slice(0, 512) ?? null,
    ],
  )
}

/** A pending sign-in still open at `now`, of an active account; null otherwise. */
export async function findPendingSignIn(db: Queryable, id: string, now: Date): Promise<PendingSignIn | null> {
  const { rows } = await db.query<PendingSignIn>(
    `SELECT p.id, p.staff_user_id AS "staffUserId", p.stage, p.totp_secret AS "totpSecret",
            p.next_path AS "nextPath", p.expires_at AS "expiresAt"
       FROM staff_pending_sign_ins p
       JOIN staff_users u ON u.id = p.staff_user_id AND u.active
      WHERE p.id = $1 AND p.expires_at > $2`,
    [id, now],
  )
  return rows[0] ?? null
}

/** Ends one pending sign-in; true when it was there (so two requests cannot both finish it). */
export async function deletePendingSignIn(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM staff_pending_sign_ins WHERE id = $1`, [id])
  return (rowCount ?? 0) > 0
}

/** Ends every pending sign-in of a person (role changed, account switched off, two-factor reset). */
export async function deletePendingSignInsOfUser(db: Queryable, staffUserId: string): Promise<number> {
  const { rowCount } = await db.query(`DELETE FROM staff_pending_sign_ins WHERE staff_user_id = $1`, [staffUserId])
  return rowCount ?? 0
}

export async function deleteExpiredPendingSignIns(db: Queryable, now: Date): Promise<void> {
  await db.query(`DELETE FROM staff_pending_sign_ins WHERE expires_at <= $1`, [now])
}
