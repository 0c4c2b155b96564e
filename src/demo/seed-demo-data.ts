import pg from 'pg'
import { DEFAULT_CONVERSATION_MODEL_KEY } from '../domain/conversation-models/index.js'
import { generatePassword, hashPassword } from '../domain/staff/passwords.js'
import { inTransaction, type Queryable } from '../repositories/db.js'
import { addCoachUnlessThere, addResourceLibraryOnce, ensureDemoProgramme, staffAccountExists, upsertStaffAccount } from '../repositories/demo-data.js'

/**
 * Demo data for trying the service: one programme on the four-stage model
 * with a small resource library, three coaches working Monday to Friday 9am
 * to 5pm UK time (set once: hours a coach changes stay), and an admin.
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
      const programmeId = await ensureDemoProgramme(client, { ...demoProgramme, modelKey: DEFAULT_CONVERSATION_MODEL_KEY })
      await addResourceLibraryOnce(client, programmeId, demoResources)
      const given: string[] = []
      for (const person of demoStaff) {
        const chosen = await upsertStaff(client, person, password)
        if (chosen) given.push(`  ${person.role.padEnd(5)}  ${person.email}  ${chosen}`)
        if (person.role === 'coach') {
          await addCoachUnlessThere(client, { email: person.email, timeZone: 'Europe/London', programmeId, weekdays: WEEKDAYS, startMinute: NINE_AM, endMinute: FIVE_PM })
        }
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
async function upsertStaff(client: Queryable, person: (typeof demoStaff)[number], password: string | undefined): Promise<string | undefined> {
  if (!password && (await staffAccountExists(client, person.email))) return undefined
  const chosen = password ?? generatePassword()
  await upsertStaffAccount(client, person, await hashPassword(chosen))
  return chosen
}
