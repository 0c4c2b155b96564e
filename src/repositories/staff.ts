import type { Queryable } from './db.js'
import type { Coach, StaffRole, StaffUser } from './rows.js'

export type { StaffRole } from './rows.js'

export type StaffAccount = Pick<StaffUser, 'id' | 'email' | 'name' | 'role' | 'passwordHash' | 'active'> & {
  /** The coach profile, when the person has one (every coach; an admin may). */
  coachId: Coach['id'] | null
}

const selectAccount = `
  SELECT u.id, u.email, u.name, u.role, u.password_hash AS "passwordHash", u.active, c.id AS "coachId"
    FROM staff_users u
    LEFT JOIN coaches c ON c.staff_user_id = u.id`

/** By email address, compared in lower case (as stored). */
export async function findStaffByEmail(db: Queryable, email: string): Promise<StaffAccount | null> {
  const { rows } = await db.query<StaffAccount>(`${selectAccount} WHERE u.email = lower($1)`, [email])
  return rows[0] ?? null
}

export async function findStaffById(db: Queryable, id: string): Promise<StaffAccount | null> {
  const { rows } = await db.query<StaffAccount>(`${selectAccount} WHERE u.id = $1`, [id])
  return rows[0] ?? null
}

/** Every active admin: the programme team that follow-up digests go to. */
export async function listActiveAdmins(db: Queryable): Promise<{ staffUserId: string; name: string; email: string }[]> {
  const { rows } = await db.query<{ staffUserId: string; name: string; email: string }>(
    `SELECT id AS "staffUserId", name, email FROM staff_users WHERE role = 'admin' AND active ORDER BY id`,
  )
  return rows
}

interface NewStaffUser {
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

/** One row of the staff list an admin sees. */
export type StaffListEntry = Pick<StaffUser, 'id' | 'name' | 'email' | 'role' | 'active' | 'createdAt'> & {
  coachId: Coach['id'] | null
  twoFactor: boolean
  /** Names of the programmes the person coaches on, in name order. */
  programmes: string[]
}

const selectListEntry = `
  SELECT u.id, u.name, u.email, u.role, u.active, c.id AS "coachId", u.created_at AS "createdAt",
         (t.staff_user_id IS NOT NULL) AS "twoFactor",
         COALESCE(ARRAY(
           SELECT p.name FROM programme_coaches pc JOIN programmes p ON p.id = pc.programme_id
            WHERE pc.coach_id = c.id ORDER BY p.name), '{}') AS programmes
    FROM staff_users u
    LEFT JOIN coaches c ON c.staff_user_id = u.id
    LEFT JOIN staff_two_factor t ON t.staff_user_id = u.id`

/** Everyone on the staff list: active accounts first, then by name. */
export async function listStaff(db: Queryable): Promise<StaffListEntry[]> {
  const { rows } = await db.query<StaffListEntry>(`${selectListEntry} ORDER BY u.active DESC, lower(u.name), u.email`)
  return rows
}

export async function findStaffListEntry(db: Queryable, id: string): Promise<StaffListEntry | null> {
  const { rows } = await db.query<StaffListEntry>(`${selectListEntry} WHERE u.id = $1`, [id])
  return rows[0] ?? null
}

export async function setStaffActive(db: Queryable, staffUserId: string, active: boolean, now: Date): Promise<void> {
  await db.query(`UPDATE staff_users SET active = $2, updated_at = $3 WHERE id = $1`, [staffUserId, active, now])
}

export async function setStaffRole(db: Queryable, staffUserId: string, role: StaffRole, now: Date): Promise<void> {
  await db.query(`UPDATE staff_users SET role = $2, updated_at = $3 WHERE id = $1`, [staffUserId, role, now])
}

/** Puts a coach on these programmes (ones already there are left alone). */
export async function addCoachToProgrammes(db: Queryable, coachId: string, programmeIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO programme_coaches (programme_id, coach_id)
     SELECT id, $1 FROM programmes WHERE id = ANY($2::uuid[])
     ON CONFLICT DO NOTHING`,
    [coachId, programmeIds],
  )
}

/** The open programmes a coach coaches on. */
export async function findCoachOpenProgrammeIds(db: Queryable, coachId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT p.id FROM programme_coaches pc JOIN programmes p ON p.id = pc.programme_id WHERE pc.coach_id = $1 AND p.active`,
    [coachId],
  )
  return rows.map((row) => row.id)
}

/** Takes a coach off these programmes (their booked conversations stay as they are). */
export async function removeCoachFromProgrammes(db: Queryable, coachId: string, programmeIds: string[]): Promise<void> {
  await db.query(`DELETE FROM programme_coaches WHERE coach_id = $1 AND programme_id = ANY($2::uuid[])`, [coachId, programmeIds])
}

/** Programmes an admin can put a coach on: the active ones, by name. */
export async function listProgrammesForStaff(
  db: Queryable,
): Promise<{ id: string; name: string; requireCoachTwoFactor: boolean }[]> {
  const { rows } = await db.query<{ id: string; name: string; requireCoachTwoFactor: boolean }>(
    `SELECT id, name, require_coach_two_factor AS "requireCoachTwoFactor" FROM programmes WHERE active ORDER BY lower(name)`,
  )
  return rows
}

/** The person a password link was made for; null when there is no such link. */
export async function findStaffOfPasswordLink(db: Queryable, passwordLinkId: string): Promise<Pick<StaffUser, 'id' | 'role'> | null> {
  const { rows } = await db.query<Pick<StaffUser, 'id' | 'role'>>(
    `SELECT u.id, u.role FROM staff_password_links l JOIN staff_users u ON u.id = l.staff_user_id WHERE l.id = $1`,
    [passwordLinkId],
  )
  return rows[0] ?? null
}
