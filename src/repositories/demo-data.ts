/**
 * What the demo data writes (src/demo/seed-demo-data.ts): each statement
 * leaves what is already there as it is, so seeding twice changes nothing.
 * Every function takes the seed's transaction.
 */
import type { Queryable } from './db.js'

/** The programme by its slug, created when it is not there yet; its id either way. */
export async function ensureDemoProgramme(db: Queryable, programme: { slug: string; name: string; modelKey: string }): Promise<string> {
  await db.query(`INSERT INTO programmes (slug, name, conversation_model_key) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING`, [
    programme.slug,
    programme.name,
    programme.modelKey,
  ])
  const { rows } = await db.query<{ id: string }>('SELECT id FROM programmes WHERE slug = $1', [programme.slug])
  return rows[0]!.id
}

/** The starting resource library, only when the programme has no resources: ones an admin removed stay removed. */
export async function addResourceLibraryOnce(
  db: Queryable,
  programmeId: string,
  resources: readonly { title: string; url: string; description: string }[],
): Promise<void> {
  await db.query(
    `INSERT INTO programme_resources (programme_id, title, url, description)
     SELECT $1, r.title, r.url, r.description
       FROM jsonb_to_recordset($2::jsonb) AS r(title text, url text, description text)
      WHERE NOT EXISTS (SELECT 1 FROM programme_resources WHERE programme_id = $1)`,
    [programmeId, JSON.stringify(resources)],
  )
}

export async function staffAccountExists(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM staff_users WHERE email = $1', [email])
  return (rowCount ?? 0) > 0
}

/** A staff account with this password hash: created, or its password replaced when it exists. */
export async function upsertStaffAccount(
  db: Queryable,
  person: { email: string; name: string; role: 'admin' | 'coach' },
  passwordHash: string,
): Promise<void> {
  await db.query(
    `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
    [person.email, person.name, person.role, passwordHash],
  )
}

/**
 * A coach profile for the account, on the programme, with these weekly hours
 * (the same minutes on each weekday), unless the account has a profile
 * already: then nothing changes, so hours a coach has since set stay.
 */
export async function addCoachUnlessThere(
  db: Queryable,
  coach: { email: string; timeZone: string; programmeId: string; weekdays: readonly number[]; startMinute: number; endMinute: number },
): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO coaches (staff_user_id, time_zone)
     SELECT id, $2 FROM staff_users WHERE email = $1
     ON CONFLICT (staff_user_id) DO NOTHING
     RETURNING id`,
    [coach.email, coach.timeZone],
  )
  const coachId = rows[0]?.id
  if (!coachId) return
  await db.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [coach.programmeId, coachId])
  await db.query(
    `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute)
     SELECT $1, weekday, $3, $4 FROM unnest($2::int[]) AS weekday`,
    [coachId, coach.weekdays, coach.startMinute, coach.endMinute],
  )
}
