/**
 * Requests for a new manage link ("This link does not work"), counted for the
 * rate limits: an HMAC of the address and the IP, never the address.
 */
import { DAY_MS } from '../domain/slots/zone-time.js'
import type { Queryable } from './db.js'

/** Holds the address's lock until the transaction ends, so two requests for it are counted one after the other. */
export async function lockManageLinkRequests(db: Queryable, emailKey: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`new-manage-link:${emailKey}`])
}

export async function countManageLinkRequests(
  db: Queryable,
  { emailKey, ip, since }: { emailKey: string; ip: string; since: Date },
): Promise<{ byEmail: number; byIp: number }> {
  const { rows } = await db.query<{ byEmail: number; byIp: number }>(
    `SELECT count(*) FILTER (WHERE email_key = $1)::int AS "byEmail", count(*) FILTER (WHERE ip = $2)::int AS "byIp"
       FROM manage_link_requests WHERE requested_at > $3 AND (email_key = $1 OR ip = $2)`,
    [emailKey, ip, since],
  )
  return rows[0] ?? { byEmail: 0, byIp: 0 }
}

/** Records a request; requests older than a day, of no use to any limit, go. */
export async function insertManageLinkRequest(
  db: Queryable,
  { id, emailKey, ip, at }: { id: string; emailKey: string; ip: string; at: Date },
): Promise<void> {
  await db.query(`DELETE FROM manage_link_requests WHERE requested_at <= $1`, [new Date(at.getTime() - DAY_MS)])
  await db.query(`INSERT INTO manage_link_requests (id, email_key, ip, requested_at) VALUES ($1, $2, $3, $4)`, [id, emailKey, ip, at])
}

/**
 * The booking a new link is for: the address's next live booking, otherwise
 * its most recent one that is not cancelled and ended after `endedAfter`.
 */
export async function findBookingForNewLink(db: Queryable, email: string, now: Date, endedAfter: Date): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM bookings
      WHERE lower(candidate_email) = $1 AND status <> 'cancelled' AND ends_at > $3
      ORDER BY (ends_at > $2) DESC,
               CASE WHEN ends_at > $2 THEN starts_at END ASC,
               starts_at DESC
      LIMIT 1`,
    [email, now, endedAfter],
  )
  return rows[0]?.id ?? null
}
