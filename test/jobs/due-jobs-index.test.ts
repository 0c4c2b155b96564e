import pg from 'pg'
import { runMigrations } from 'graphile-worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DUE_JOBS_INDEX } from '../../src/repositories/due-jobs-index.js'
import { ensureDueJobsIndex, ensureNoRunAtStatistics } from '../../src/jobs/due-jobs-index.js'
import { createTestDatabase } from '../support/database.js'

/**
 * The shape of graphile-worker's own fetch of the next job (its get_job
 * statement, 0.17): due, available, of a task this worker knows, in
 * (priority, run_at) order. Written out here to look at its plan; if an
 * upgrade changes the statement, this should change with it.
 */
const NEXT_JOB = `
  SELECT jobs.id FROM graphile_worker._private_jobs AS jobs
   WHERE jobs.is_available = true AND run_at <= now() AND task_id = ANY($1::int[])
     AND (jobs.job_queue_id IS NULL OR jobs.job_queue_id IN (
           SELECT id FROM graphile_worker._private_job_queues AS job_queues WHERE job_queues.is_available = true FOR UPDATE SKIP LOCKED))
   ORDER BY priority ASC, run_at ASC LIMIT 1 FOR UPDATE SKIP LOCKED`

describe('the index of due jobs on graphile-worker’s queue', () => {
  let pool: pg.Pool

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 4 })
    await runMigrations({ pgPool: pool, logger: undefined })
  })
  afterAll(async () => {
    await pool.end()
  })

  async function planOfNextJob(): Promise<string> {
    const { rows: tasks } = await pool.query<{ id: number }>(`SELECT id FROM graphile_worker._private_tasks`)
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${NEXT_JOB}`, [tasks.map((t) => t.id)])
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  }

  it('is made once, however many instances start together', async () => {
    await Promise.all([ensureDueJobsIndex(pool), ensureDueJobsIndex(pool), ensureDueJobsIndex(pool)])
    const { rows } = await pool.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'graphile_worker' AND indexname = $1`, [DUE_JOBS_INDEX])
    expect(rows).toHaveLength(1)
  })

  it('once made, lets a starting worker by without waiting on jobs being added', async () => {
    await ensureDueJobsIndex(pool)
    const adding = await pool.connect()
    try {
      // A booking's transaction that has added its jobs and not yet committed.
      await adding.query('BEGIN')
      await adding.query(`SELECT graphile_worker.add_job('send-email', '{}'::json)`)
      const outcome = await Promise.race([
        ensureDueJobsIndex(pool).then(() => 'done'),
        new Promise((resolve) => setTimeout(resolve, 2_000, 'waited on the open transaction')),
      ])
      expect(outcome).toBe('done')
    } finally {
      await adding.query('ROLLBACK')
      adding.release()
    }
  })

  /** A queue that has worked a while, its statistics gathered while nothing was due, then a burst of 2,000 due now. */
  async function queueWithABurstAfterQuietStatistics(): Promise<void> {
    // A queue that has worked for a while: many emails come and gone (its index keeps the pages they took).
    for (let round = 0; round < 6; round++) {
      await pool.query(
        `SELECT graphile_worker.add_jobs(ARRAY(
           SELECT json_populate_record(NULL::graphile_worker.job_spec, json_build_object('identifier', 'send-email'))
             FROM generate_series(1, 5000)))`,
      )
      await pool.query('DELETE FROM graphile_worker._private_jobs')
    }
    // Then as a programme's holds it: thousands of reminders due later, its statistics gathered while nothing was due.
    await pool.query(
      `SELECT graphile_worker.add_jobs(ARRAY(
         SELECT json_populate_record(NULL::graphile_worker.job_spec, json_build_object(
                  'identifier', 'send-email', 'run_at', now() + interval '1 day' + i * interval '1 minute',
                  'job_key', 'booking:' || gen_random_uuid() || ':reminder:1440',
                  'payload', json_build_object('email', 'reminder', 'bookingId', gen_random_uuid(), 'offsetMinutes', 1440)))
           FROM generate_series(1, 7000) AS i))`,
    )
    await pool.query('VACUUM (ANALYZE) graphile_worker._private_jobs, graphile_worker._private_job_queues')
    // Then a burst: emails due now.
    await pool.query(
      `SELECT graphile_worker.add_jobs(ARRAY(
         SELECT json_populate_record(NULL::graphile_worker.job_spec, json_build_object(
                  'identifier', 'send-email', 'payload', json_build_object('email', 'booking-confirmation', 'bookingId', gen_random_uuid())))
           FROM generate_series(1, 2000)))`,
    )
  }

  it('keeps the next job from being looked for through the whole queue when the statistics say none is due', async () => {
    await queueWithABurstAfterQuietStatistics()

    // Without the index, PostgreSQL before 18 reads the whole queue for every job (what this guards against); 18 skips
    // through graphile-worker's own (priority, run_at) index to the due jobs instead.
    await pool.query(`DROP INDEX IF EXISTS graphile_worker.${DUE_JOBS_INDEX}`)
    const { rows: version } = await pool.query<{ major: number }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`)
    if (version[0]!.major < 18) expect(await planOfNextJob()).toMatch(/Seq Scan on _private_jobs/)
    // With it, only the due jobs are read, on every version.
    await ensureDueJobsIndex(pool)
    expect(await planOfNextJob()).not.toMatch(/Seq Scan on _private_jobs/)
  })

  it('takes the first due job in order through graphile-worker’s own index once run_at has no statistics, not by sorting every due job', async () => {
    await queueWithABurstAfterQuietStatistics()
    await ensureDueJobsIndex(pool)
    const { rows: version } = await pool.query<{ major: number }>(`SELECT current_setting('server_version_num')::int / 10000 AS major`)
    // With the statistics of a quiet hour, every due job is read through our index and sorted for the first.
    if (version[0]!.major < 18) expect(await planOfNextJob()).toMatch(new RegExp(`Sort[\\s\\S]*Index Scan using ${DUE_JOBS_INDEX}`))

    expect(await ensureNoRunAtStatistics(pool)).toBe('removed')
    const inOrder = await planOfNextJob()
    expect(inOrder).toMatch(/Index Scan using jobs_main_index/)
    expect(inOrder).not.toMatch(/Sort/)
    // An ANALYZE (autovacuum's, in a quiet hour) does not gather them again, and there is nothing left to do.
    await pool.query('ANALYZE graphile_worker._private_jobs')
    expect(await planOfNextJob()).toBe(inOrder)
    expect(await ensureNoRunAtStatistics(pool)).toBe('none')
  })

  it('changes nothing, and says so, for a role that may not', async () => {
    const role = `cc_not_superuser_${process.pid}`
    await pool.query(`CREATE ROLE ${role} NOLOGIN`)
    await pool.query(`GRANT USAGE ON SCHEMA graphile_worker TO ${role}`)
    const asRole = new pg.Pool({ connectionString: pool.options.connectionString, max: 1 })
    asRole.on('connect', (client) => void client.query(`SET ROLE ${role}`))
    try {
      await pool.query('ALTER TABLE graphile_worker._private_jobs ALTER COLUMN run_at SET STATISTICS -1')
      await pool.query('ANALYZE graphile_worker._private_jobs')
      expect(await ensureNoRunAtStatistics(asRole)).toBe('not allowed')
      const { rows } = await pool.query<{ target: number | null }>(
        `SELECT attstattarget AS target FROM pg_attribute WHERE attrelid = 'graphile_worker._private_jobs'::regclass AND attname = 'run_at'`,
      )
      // The default target: -1 before PostgreSQL 17, null from 17 on.
      expect(rows[0]!.target ?? -1).toBe(-1)

      // The queue's owner, not a superuser, on a queue never analysed (as a new one is): the target is set, and that is all it needs.
      await pool.query(`ALTER TABLE graphile_worker._private_jobs OWNER TO ${role}`)
      await pool.query(
        `DELETE FROM pg_statistic s USING pg_attribute a WHERE a.attrelid = s.starelid AND a.attnum = s.staattnum
            AND s.starelid = 'graphile_worker._private_jobs'::regclass AND a.attname = 'run_at'`,
      )
      expect(await ensureNoRunAtStatistics(asRole)).toBe('removed')
      expect(await ensureNoRunAtStatistics(asRole)).toBe('none')
    } finally {
      await asRole.end()
      await pool.query(`ALTER TABLE graphile_worker._private_jobs OWNER TO CURRENT_USER`)
      await pool.query(`REVOKE ALL ON SCHEMA graphile_worker FROM ${role}`)
      await pool.query(`DROP ROLE ${role}`)
    }
  })
})
