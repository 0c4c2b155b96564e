/**
 * Before each run (also on a kept database): take away what an earlier run
 * left (its bookings, holds, emails, jobs, sessions), vacuum, and open the bench
 * programmes to load. Load tests stand for many candidates on one loopback
 * address, so programme settings that would ask each candidate to prove
 * their address, or limit who may book, are switched off here (see
 * DECISIONS.md, "Limits and load tests"); limits that are service settings
 * are raised through the environment (service.ts).
 */
import pg from 'pg'
import { LOAD_EMAIL_DOMAIN, PROGRAMMES } from './fixtures.js'

export interface Preparation {
  /** Programme settings changed so that anonymous load can book, in words. */
  programmeSettings: string[]
  removedBookings: number
  /** The server's autovacuum setting, and how long the VACUUM before the run took. */
  vacuum: { autovacuum: string; seconds: number }
}

interface Column {
  name: string
  type: string
  nullable: boolean
}

/** Programme columns that could stand between an anonymous load and a booking, and the value that opens them. */
function openingValue(column: Column): string | null {
  const name = column.name
  if (column.type === 'boolean' && /email_(code|proof)|proof|verify|verif/.test(name)) return 'false'
  if (name === 'who_may_book') return `'anyone'`
  if (/email_domains?$/.test(name)) return column.nullable ? 'NULL' : null
  if (/(per_email|per_address|per_candidate|bookings_per)/.test(name) && /int/.test(column.type)) return column.nullable ? 'NULL' : null
  if (column.type === 'boolean' && /invit(ed|ation)_only|requires_invitation/.test(name)) return 'false'
  return null
}

export async function prepareRun(url: string): Promise<Preparation> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const removed = await client.query(`DELETE FROM bookings WHERE candidate_email LIKE $1`, [`%@${LOAD_EMAIL_DOMAIN}`])
    await client.query('DELETE FROM slot_holds')
    await client.query('TRUNCATE email_deliveries')
    await client.query('DELETE FROM graphile_worker._private_jobs')
    await client.query('UPDATE staff_two_factor SET last_used_step = NULL')
    await client.query('DELETE FROM staff_sessions')
    await client.query('DELETE FROM staff_pending_sign_ins')
    await client.query('DELETE FROM staff_sign_in_failures')
    // What an earlier run left, and the seed itself, vacuumed as autovacuum would have done between runs in
    // production. A server with autovacuum off (this machine's is) otherwise piles up the dead rows of every run:
    // after a few runs graphile-worker's queue held 161,640 dead rows for 7,268 live ones, its job fetch took 1.4 ms,
    // and each run measured slower than the one before. Within a run nothing is vacuumed, as in production (autovacuum
    // wakes once a minute).
    const { rows: setting } = await client.query<{ autovacuum: string }>('SHOW autovacuum')
    const vacuumStarted = performance.now()
    await client.query('VACUUM (ANALYZE)')
    const vacuum = { autovacuum: setting[0]!.autovacuum, seconds: (performance.now() - vacuumStarted) / 1000 }

    const { rows: columns } = await client.query<Column>(
      `SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'programmes'`,
    )
    const slugs = Object.values(PROGRAMMES).map((p) => p.slug)
    const changed: string[] = []
    for (const column of columns) {
      const value = openingValue(column)
      if (value === null) continue
      try {
        const { rowCount } = await client.query(
          `UPDATE programmes SET ${pg.escapeIdentifier(column.name)} = ${value}
            WHERE slug = ANY($1) AND ${pg.escapeIdentifier(column.name)} IS DISTINCT FROM ${value}`,
          [slugs],
        )
        changed.push(`${column.name} = ${value}${rowCount ? '' : ' (already)'}`)
      } catch (error) {
        changed.push(`${column.name}: could not set ${value} (${(error as Error).message})`)
      }
    }
    return { programmeSettings: changed, removedBookings: removed.rowCount ?? 0, vacuum }
  } finally {
    await client.end()
  }
}
