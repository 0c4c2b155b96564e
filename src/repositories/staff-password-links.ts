import type { Queryable } from './db.js'
import type { StaffPasswordLink, StaffUser } from './rows.js'

/**
 * Single-use links to set a password (table staff_password_links) and the
 * requests for reset links, counted for rate limiting
 * (staff_password_reset_requests). Only token hashes are stored.
 */

/** Text in the schema; the migration's CHECK allows only these. */
export type PasswordLinkPurpose = 'reset' | 'new_account'

/** Creates a link waiting for its email; the token is made when the email is sent. */
export async function insertPasswordLink(
  db: Queryable,
  { staffUserId, purpose, now }: { staffUserId: string; purpose: PasswordLinkPurpose; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO staff_password_links (staff_user_id, purpose, created_at) VALUES ($1, $2, $3) RETURNING id`,
    [staffUserId, purpose, now],
  )
  return rows[0]!.id
}

type PasswordLinkForEmail = Pick<StaffPasswordLink, 'id' | 'staffUserId' | 'createdAt'> &
  Pick<StaffUser, 'name' | 'email'> & { purpose: PasswordLinkPurpose }

/** A link not used (nor replaced) yet, of an active account, with whom to send it to. */
export async function findUnusedPasswordLink(db: Queryable, id: string): Promise<PasswordLinkForEmail | null> {
  const { rows } = await db.query<PasswordLinkForEmail>(
    `SELECT l.id, l.staff_user_id AS "staffUserId", l.purpose, l.created_at AS "createdAt", u.name, u.email
       FROM staff_password_links l JOIN staff_users u ON u.id = l.staff_user_id AND u.active
      WHERE l.id = $1 AND l.used_at IS NULL`,
    [id],
  )
  return rows[0] ?? null
}

/** Gives the link its token (hash only); a token issued before stops working. */
export async function issuePasswordLinkToken(
  db: Queryable,
  { id, tokenHash, issuedAt, expiresAt }: { id: string; tokenHash: string; issuedAt: Date; expiresAt: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE staff_password_links SET token_hash = $2, issued_at = $3, expires_at = $4 WHERE id = $1 AND used_at IS NULL`,
    [id, tokenHash, issuedAt, expiresAt],
  )
  return (rowCount ?? 0) === 1
}

export type UsablePasswordLink = Pick<StaffPasswordLink, 'id' | 'staffUserId'> & {
  purpose: PasswordLinkPurpose
  /** Null until the link is issued; only issued, unexpired links are read here. */
  expiresAt: NonNullable<StaffPasswordLink['expiresAt']>
}

/**
 * The link a token opens at `now`: issued, not used, not expired, of an
 * active account. `forUpdate` locks it, inside a transaction, so it can be
 * used only once.
 */
export async function findUsablePasswordLink(
  db: Queryable,
  tokenHash: string,
  now: Date,
  { forUpdate = false } = {},
): Promise<UsablePasswordLink | null> {
  const { rows } = await db.query<UsablePasswordLink>(
    `SELECT l.id, l.staff_user_id AS "staffUserId", l.purpose, l.expires_at AS "expiresAt"
       FROM staff_password_links l JOIN staff_users u ON u.id = l.staff_user_id AND u.active
      WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2
      ${forUpdate ? 'FOR UPDATE OF l' : ''}`,
    [tokenHash, now],
  )
  return rows[0] ?? null
}

/** Every link of the person not used yet stops working (used, replaced, or the account switched off). */
export async function closePasswordLinksOfUser(db: Queryable, staffUserId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE staff_password_links SET used_at = $2 WHERE staff_user_id = $1 AND used_at IS NULL`,
    [staffUserId, now],
  )
  return rowCount ?? 0
}

interface ResetRequestCounts {
  account: number
  address: number
}

export async function countPasswordResetRequests(
  db: Queryable,
  { accountKey, ip, since }: { accountKey: string; ip: string; since: Date },
): Promise<ResetRequestCounts> {
  const { rows } = await db.query<ResetRequestCounts>(
    `SELECT count(*) FILTER (WHERE account_key = $1)::int AS account,
            count(*) FILTER (WHERE ip = $2)::int AS address
       FROM staff_password_reset_requests
      WHERE requested_at > $3 AND (account_key = $1 OR ip = $2)`,
    [accountKey, ip, since],
  )
  return { account: rows[0]?.account ?? 0, address: rows[0]?.address ?? 0 }
}

export async function insertPasswordResetRequest(
  db: Queryable,
  { accountKey, ip, at }: { accountKey: string; ip: string; at: Date },
): Promise<void> {
  await db.query(`INSERT INTO staff_password_reset_requests (account_key, ip, requested_at) VALUES ($1, $2, $3)`, [
    accountKey,
    ip,
    at,
  ])
  // Nothing older than a day is of use to any limit.
  await db.query(`DELETE FROM staff_password_reset_requests WHERE requested_at < $1`, [new Date(at.getTime() - 86_400_000)])
}
