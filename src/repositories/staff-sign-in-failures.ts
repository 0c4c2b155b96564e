import type { FailureCounts } from '../domain/staff/sign-in-throttle.js'
import type { Queryable } from './db.js'

export async function countSignInFailures(
  db: Queryable,
  { accountKey, ip, since }: { accountKey: string; ip: string; since: Date },
): Promise<FailureCounts> {
  const { rows } = await db.query<{ account: number; address: number }>(
    `SELECT count(*) FILTER (WHERE account_key = $1)::int AS account,
            count(*) FILTER (WHERE ip = $2)::int AS address
       FROM staff_sign_in_failures
      WHERE attempted_at > $3 AND (account_key = $1 OR ip = $2)`,
    [accountKey, ip, since],
  )
  return { account: rows[0]?.account ?? 0, address: rows[0]?.address ?? 0 }
}

export async function insertSignInFailure(
  db: Queryable,
  { accountKey, ip, at }: { accountKey: string; ip: string; at: Date },
): Promise<void> {
  await db.query(`INSERT INTO staff_sign_in_failures (account_key, ip, attempted_at) VALUES ($1, $2, $3)`, [
    accountKey,
    ip,
    at,
  ])
}

/** After a successful sign-in the account starts afresh (the address does not). */
export async function clearAccountFailures(db: Queryable, accountKey: string): Promise<void> {
  await db.query(`DELETE FROM staff_sign_in_failures WHERE account_key = $1`, [accountKey])
}

/** Attempts older than any window are of no use: forget them. */
export async function deleteSignInFailuresBefore(db: Queryable, before: Date): Promise<void> {
  await db.query(`DELETE FROM staff_sign_in_failures WHERE attempted_at < $1`, [before])
}
