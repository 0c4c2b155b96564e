import type { Queryable } from './db.js'
import { prepared } from './db.js'
import type { Coach, StaffSession, StaffUser } from './rows.js'

interface NewSession {
  id: string
  staffUserId: string
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
  ip: string | null
  userAgent: string | null
}

/** Who a live session belongs to. */
export type SessionOwner = Pick<StaffUser, 'name' | 'role'> &
  Pick<StaffSession, 'expiresAt'> & {
    sessionId: StaffSession['id']
    userId: StaffUser['id']
    /** The coach profile, when the person has one. */
    coachId: Coach['id'] | null
  }

export async function insertSession(db: Queryable, session: NewSession): Promise<void> {
  await db.query(
    `INSERT INTO staff_sessions (id, staff_user_id, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      session.id,
      session.staffUserId,
      session.createdAt,
      session.lastSeenAt,
      session.expiresAt,
      session.ip,
      session.userAgent?.slice(0, 512) ?? null,
    ],
  )
}

/**
 * Finds a live session of an active account, in one statement, and marks it
 * used at `now` when its recorded use is from before `seenAgainCutoff`
 * (otherwise nothing is written). Null when there is none: unknown, idle
 * since before `idleCutoff`, past its absolute end, or its account switched
 * off.
 */
export async function touchSession(
  db: Queryable,
  id: string,
  times: { now: Date; idleCutoff: Date; seenAgainCutoff: Date },
): Promise<SessionOwner | null> {
  // Named: every staff request runs it, and planning it cost as much as running it.
  const { rows } = await db.query<SessionOwner>(
    prepared(
      'touch-session',
      `WITH live AS (
         SELECT id, staff_user_id, expires_at, last_seen_at FROM staff_sessions
          WHERE id = $1 AND expires_at > $2 AND last_seen_at > $3),
       seen AS (
         UPDATE staff_sessions s SET last_seen_at = $2
           FROM live WHERE s.id = live.id AND live.last_seen_at <= $4)
       SELECT live.id AS "sessionId", u.id AS "userId", u.name, u.role, c.id AS "coachId", live.expires_at AS "expiresAt"
         FROM live
         JOIN staff_users u ON u.id = live.staff_user_id AND u.active
         LEFT JOIN coaches c ON c.staff_user_id = u.id`,
      [id, times.now, times.idleCutoff, times.seenAgainCutoff],
    ),
  )
  return rows[0] ?? null
}

/** Ends one session; gives its owner, if it existed. */
export async function deleteSession(db: Queryable, id: string): Promise<string | null> {
  const { rows } = await db.query<{ staff_user_id: string }>(
    `DELETE FROM staff_sessions WHERE id = $1 RETURNING staff_user_id`,
    [id],
  )
  return rows[0]?.staff_user_id ?? null
}

/** Ends every session of a person, except `keep` when given; gives how many ended. */
export async function deleteSessionsOfUser(db: Queryable, staffUserId: string, keep?: string): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM staff_sessions WHERE staff_user_id = $1 AND ($2::text IS NULL OR id <> $2)`,
    [staffUserId, keep ?? null],
  )
  return rowCount ?? 0
}

/** Removes sessions that can no longer be used (of one person, or of everyone). */
export async function deleteDeadSessions(db: Queryable, now: Date, idleCutoff: Date, staffUserId?: string): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM staff_sessions
      WHERE (expires_at <= $1 OR last_seen_at <= $2) AND ($3::uuid IS NULL OR staff_user_id = $3)`,
    [now, idleCutoff, staffUserId ?? null],
  )
  return rowCount ?? 0
}
