import type pg from 'pg'

/** The pool, or a client inside a transaction. */
export type Queryable = pg.Pool | pg.ClientBase

export type StaffRole = 'coach' | 'admin'

export interface StaffAccount {
  id: string
  email: string
  name: string
  role: StaffRole
  passwordHash: string
  active: boolean
  /** The coach profile, when the person has one (every coach; an admin may). */
  coachId: string | null
}

interface StaffRow {
  id: string
  email: string
  name: string
  role: StaffRole
  password_hash: string
  active: boolean
  coach_id: string | null
}

const selectAccount = `
  SELECT u.id, u.email, u.name, u.role, u.password_hash, u.active, c.id AS coach_id
    FROM staff_users u
    LEFT JOIN coaches c ON c.staff_user_id = u.id`

function toAccount(row: StaffRow): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    active: row.active,
    coachId: row.coach_id,
  }
}

/** By email address, compared in lower case (as stored). */
export async function findStaffByEmail(db: Queryable, email: string): Promise<StaffAccount | null> {
  const { rows } = await db.query<StaffRow>(`${selectAccount} WHERE u.email = lower($1)`, [email])
  return rows[0] ? toAccount(rows[0]) : null
}

export async function findStaffById(db: Queryable, id: string): Promise<StaffAccount | null> {
  const { rows } = await db.query<StaffRow>(`${selectAccount} WHERE u.id = $1`, [id])
  return rows[0] ? toAccount(rows[0]) : null
}

export interface NewStaffUser {
  email: string
  name: string
  role: StaffRole
  passwordHash: string
}

export async function insertStaffUser(db: Queryable, user: NewStaffUser, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO staff_users (email, name, role, password_hash, created_at, updated_at)
     VALUES (lower($1), $2, $3, $4, $5, $5) RETURNING id`,
    [user.email.trim(), user.name, user.role, user.passwordHash, now],
  )
  return rows[0]!.id
}

export async function insertCoachProfile(
  db: Queryable,
  staffUserId: string,
  now: Date,
  timeZone = 'Europe/London',
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO coaches (staff_user_id, time_zone, created_at) VALUES ($1, $2, $3) RETURNING id`,
    [staffUserId, timeZone, now],
  )
  return rows[0]!.id
}

export async function updatePasswordHash(db: Queryable, staffUserId: string, passwordHash: string, now: Date): Promise<void> {
  await db.query(`UPDATE staff_users SET password_hash = $2, updated_at = $3 WHERE id = $1`, [
    staffUserId,
    passwordHash,
    now,
  ])
}
