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
import { PREPARATION_LEAD_MS } from '../../src/emails/booking-notifications.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../../src/domain/ports/email-jobs.js'

export interface Preparation {
  /** Programme settings changed so that anonymous load can book, in words. */
  programmeSettings: string[]
  removedBookings: number
  /** The seeded bookings' preparation emails and reminders, waiting in the queue as a running service's would. */
  scheduledEmails: number
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
    const scheduledEmails = await scheduleSeededEmails(client)
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
    return { programmeSettings: changed, removedBookings: removed.rowCount ?? 0, scheduledEmails, vacuum }
  } finally {
    await client.end()
  }
}

/**
 * A running service's queue holds the preparation emails and reminders of
 * every booking still to come (src/emails/booking-notifications.ts adds them
 * with the booking), thousands at this scale; the seed writes bookings
 * straight into their tables, so they are added here, as the service would
 * have. Only those due after the run (an hour from now) are added, so none is
 * sent during it. Without them the queue started every run empty: its
 * statistics said so, and graphile-worker's add_jobs planned its look-up of
 * keyed jobs as a scan of the whole queue, which grew through the run (2.5 ms
 * a booking by the end of the bookings scenario).
 */
async function scheduleSeededEmails(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ added: number }>(
    `SELECT count(*)::int AS added FROM graphile_worker.add_jobs(ARRAY(
       SELECT json_populate_record(NULL::graphile_worker.job_spec, spec) FROM (
         SELECT json_build_object('identifier', 'send-email', 'max_attempts', $2::int, 'run_at', b.starts_at - $1::interval,
                  'job_key', 'booking:' || b.id || ':preparation',
                  'payload', json_build_object('email', 'preparation', 'bookingId', b.id)) AS spec
           FROM bookings b
          WHERE b.status = 'booked' AND b.starts_at - $1::interval > now() + interval '1 hour'
         UNION ALL
         SELECT json_build_object('identifier', 'send-email', 'max_attempts', $2::int, 'run_at', b.starts_at - make_interval(mins => r.minutes),
                  'job_key', 'booking:' || b.id || ':reminder:' || r.minutes,
                  'payload', json_build_object('email', 'reminder', 'bookingId', b.id, 'offsetMinutes', r.minutes,
                                               'start', to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
           FROM bookings b
           JOIN programmes p ON p.id = b.programme_id
          CROSS JOIN LATERAL unnest(p.reminder_offsets_minutes) AS r(minutes)
          WHERE b.status = 'booked' AND b.starts_at - make_interval(mins => r.minutes) > now() + interval '1 hour'
       ) AS specs))`,
    [`${PREPARATION_LEAD_MS / 1000} seconds`, SEND_EMAIL_MAX_ATTEMPTS],
  )
  return rows[0]!.added
}
