import { Writable } from 'node:stream'
import pg from 'pg'
import pino from 'pino'
import { runMigrations } from 'graphile-worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHURNING_TABLES, checkVacuum, vacuumWarning } from '../../src/database/vacuum-check.js'
import { buildTestApp, testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'

/** Whether this run's server vacuums by itself at all (the embedded one does; a developer's may not). */
async function serverVacuums(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ autovacuum: string; track_counts: string }>(
    `SELECT current_setting('autovacuum') AS autovacuum, current_setting('track_counts') AS track_counts`,
  )
  return rows[0]!.autovacuum === 'on' && rows[0]!.track_counts === 'on'
}

describe('whether PostgreSQL will vacuum the tables that churn', () => {
  let databaseUrl: string
  let pool: pg.Pool
  beforeAll(async () => {
    databaseUrl = await createTestDatabase()
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
    // graphile-worker's migrations ask for handlers; a test's own errors surface in its queries.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => client.on('error', () => undefined))
    await runMigrations({ pgPool: pool, logger: undefined })
  })
  afterAll(async () => {
    await pool.end()
  })

  it('finds every churning table, and names those told not to be vacuumed until they are told again', async () => {
    const { rows } = await pool.query<{ found: number }>(`SELECT count(to_regclass(name))::int AS found FROM unnest($1::text[]) AS name`, [CHURNING_TABLES])
    expect(rows[0]!.found).toBe(CHURNING_TABLES.length)
    expect(await checkVacuum(pool)).toEqual({ serverOff: !(await serverVacuums(pool)), tablesOff: [] })

    await pool.query('ALTER TABLE slot_holds SET (autovacuum_enabled = off)')
    await pool.query('ALTER TABLE graphile_worker._private_jobs SET (autovacuum_enabled = false)')
    await pool.query('ALTER TABLE bookings SET (autovacuum_enabled = false)') // not one of them: rows stay
    expect((await checkVacuum(pool)).tablesOff).toEqual(['graphile_worker._private_jobs', 'public.slot_holds'])

    await pool.query('ALTER TABLE slot_holds RESET (autovacuum_enabled)')
    await pool.query('ALTER TABLE graphile_worker._private_jobs SET (autovacuum_enabled = on)')
    await pool.query('ALTER TABLE bookings RESET (autovacuum_enabled)')
    expect((await checkVacuum(pool)).tablesOff).toEqual([])
  })

  it('says what is off and where to read what to do', () => {
    expect(vacuumWarning({ serverOff: false, tablesOff: [] })).toBeNull()
    expect(vacuumWarning({ serverOff: true, tablesOff: [] })).toMatch(/^autovacuum is off on the database server: .* \(docs\/operations\.md\)$/)
    expect(vacuumWarning({ serverOff: false, tablesOff: ['public.slot_holds', 'public.staff_sessions'] })).toMatch(
      /^autovacuum is off for public\.slot_holds, public\.staff_sessions: /,
    )
  })

  it('is logged as a warning when the job worker starts, and not otherwise', async () => {
    const warningsOf = async (url: string) => {
      const lines: { level: number; msg: string }[] = []
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()))
          done()
        },
      })
      const t = await buildTestApp({ config: testConfig({ DATABASE_URL: url, LOG_LEVEL: 'warn' }), runWorker: true, loggerInstance: pino({ level: 'warn' }, stream) })
      await t.app.close()
      return lines.filter((line) => line.level === 40 && line.msg.startsWith('autovacuum is off')).map((line) => line.msg)
    }

    await pool.query('ALTER TABLE email_codes SET (autovacuum_enabled = off)')
    try {
      const expected = vacuumWarning(await checkVacuum(pool))
      expect(expected).not.toBeNull()
      expect(await warningsOf(databaseUrl)).toEqual([expected])
    } finally {
      await pool.query('ALTER TABLE email_codes RESET (autovacuum_enabled)')
    }
    // Nothing off: nothing said. Only where the server itself vacuums (the embedded one; this machine's own PostgreSQL
    // has autovacuum off, and then the warning is right).
    if (await serverVacuums(pool)) expect(await warningsOf(databaseUrl)).toEqual([])
  })
})
