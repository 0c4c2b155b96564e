import pg from 'pg'
import { DEFAULT_CONVERSATION_MODEL_KEY } from '../domain/conversation-models/index.js'
import { generatePassword, hashPassword } from '../domain/staff/passwords.js'
import { inTransaction } from '../repositories/db.js'

/**
 * Demo data for trying the service: one programme on the four-stage model
 * with a small resource library, three coaches working Monday to Friday 9am
 * to 5pm UK time, and an admin.
 * Safe to run again: it changes nothing that is already there, and sets a
 * password only for accounts it creates (or for all, when DEMO_PASSWORD is given).
 */

export const demoProgramme = {
  slug: 'vaccinators',
  name: 'Career conversations for vaccinators',
}

export const demoStaff = [
  { email: 'admin@demo.career-conversations.example', name: 'Priya Shah', role: 'admin' as const },
  { email: 'amina.okafor@demo.career-conversations.example', name: 'Amina Okafor', role: 'coach' as const },
  { email: 'ben.hughes@demo.career-conversations.example', name: 'Ben Hughes', role: 'coach' as const },
  { email: 'chloe.davies@demo.career-conversations.example', name: 'Chloe Davies', role: 'coach' as const },
]

/** A starting resource library: public sites a coach can signpost as an action's resource. */
export const demoResources = [
  { title: 'Health Careers: explore roles in health', url: 'https://www.healthcareers.nhs.uk/explore-roles', description: 'Over 350 roles in the NHS, what they involve and how to get into them.' },
  { title: 'NHS Jobs', url: 'https://www.jobs.nhs.uk/', description: 'Vacancies across the NHS in England.' },
  { title: 'National Careers Service: find a course', url: 'https://nationalcareers.service.gov.uk/find-a-course', description: 'Courses and training near you or online.' },
]

const NINE_AM = 9 * 60
const FIVE_PM = 17 * 60
const WEEKDAYS = [1, 2, 3, 4, 5]

interface SeedOptions {
  databaseUrl: string
  /** Every demo account gets this password; otherwise each new one gets its own, printed once. */
  password?: string
  print?: (line: string) => void
}

export async function seedDemoData({ databaseUrl, password, print = () => undefined }: SeedOptions): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  try {
    // Printed after the commit: a transaction retried (on a deadlock) must not print twice.
    const credentials = await inTransaction(pool, async (client) => {
      await client.query(
        `INSERT INTO programmes (slug, name, conversation_model_key) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING`,
        [demoProgramme.slug, demoProgramme.name, DEFAULT_CONVERSATION_MODEL_KEY],
      )
      const programmeId = (await client.query<{ id: string }>('SELECT id FROM programmes WHERE slug = $1', [demoProgramme.slug])).rows[0]!.id
      // The library is added once: resources an admin removed stay removed.
      await client.query(
        `INSERT INTO programme_resources (programme_id, title, url, description)
         SELECT $1, r.title, r.url, r.description
           FROM jsonb_to_recordset($2::jsonb) AS r(title text, url text, description text)
          WHERE NOT EXISTS (SELECT 1 FROM programme_resources WHERE programme_id = $1)`,
        [programmeId, JSON.stringify(demoResources)],
      )
      const given: string[] = []
      for (const person of demoStaff) {
        const chosen = await upsertStaff(client, person, password)
        if (chosen) given.push(`  ${person.role.padEnd(5)}  ${person.email}  ${chosen}`)
        if (person.role === 'coach') await ensureCoach(client, person.email, programmeId)
      }
      return given
    })
    if (credentials.length > 0) {
      print('Demo staff accounts (shown once; set DEMO_PASSWORD to choose the password):')
      credentials.forEach((line) => print(line))
    }
  } finally {
    await pool.end()
  }
}

/** Returns the password it set, if it set one. */
async function upsertStaff(client: pg.ClientBase, person: (typeof demoStaff)[number], password: string | undefined): Promise<string | undefined> {
  const existing = await client.query('SELECT 1 FROM staff_users WHERE email = $1', [person.email])
  if (existing.rowCount && !password) return undefined
  const chosen = password ?? generatePassword()
  await client.query(
    `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
    [person.email, person.name, person.role, await hashPassword(chosen)],
  )
  return chosen
}

/** A coach profile on the programme, Monday to Friday 9am to 5pm UK time, unless the person has one already. */
async function ensureCoach(client: pg.ClientBase, email: string, programmeId: string): Promise<void> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO coaches (staff_user_id, time_zone)
     SELECT id, 'Europe/London' FROM staff_users WHERE email = $1
     ON CONFLICT (staff_user_id) DO NOTHING
     RETURNING id`,
    [email],
  )
  const coachId = rows[0]?.id
  if (!coachId) return
  await client.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programmeId, coachId])
  await client.query(
    `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute)
     SELECT $1, weekday, $3, $4 FROM unnest($2::int[]) AS weekday`,
    [coachId, WEEKDAYS, NINE_AM, FIVE_PM],
  )
}
