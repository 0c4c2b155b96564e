/**
 * Our own index on graphile-worker's queue, on `run_at` alone, so a worker
 * finds the jobs that are due without reading the ones that are not (why:
 * src/jobs/due-jobs-index.ts).
 */
import type pg from 'pg'
import { inTransaction, type Queryable } from './db.js'

export const DUE_JOBS_INDEX = 'career_conversations_due_jobs'

/** The advisory lock (class, key) held while the index is made. */
const INDEX_LOCK = [7321, 1] as const

/** Whether the index is there (a look that takes no lock on the queue). */
export async function dueJobsIndexExists(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`graphile_worker.${DUE_JOBS_INDEX}`])
  return rows[0]?.present ?? false
}

/**
 * Makes the index unless it is there, under an advisory lock so that instances starting together do not race. Only
 * the database is touched, so inTransaction may run it again after a deadlock.
 */
export async function createDueJobsIndex(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...INDEX_LOCK])
    await client.query(`CREATE INDEX IF NOT EXISTS ${DUE_JOBS_INDEX} ON graphile_worker._private_jobs (run_at) WHERE is_available`)
  })
}

/** What became of the queue's statistics on `run_at` (see src/jobs/due-jobs-index.ts, ensureNoRunAtStatistics). */
export type RunAtStatistics = 'none' | 'removed' | 'not allowed'

const OF_RUN_AT = `a.attrelid = 'graphile_worker._private_jobs'::regclass AND a.attname = 'run_at'`

/** No ANALYZE gathers them again; the row an earlier one gathered (which ANALYZE leaves) removed: only a superuser may. */
const REMOVE_RUN_AT_STATISTICS = [
  'ALTER TABLE graphile_worker._private_jobs ALTER COLUMN run_at SET STATISTICS 0',
  `DELETE FROM pg_statistic s USING pg_attribute a WHERE a.attrelid = s.starelid AND a.attnum = s.staattnum AND ${OF_RUN_AT}`,
]

/** The same, for an operator to run as a superuser when the service may not. */
export const REMOVE_RUN_AT_STATISTICS_SQL = `${REMOVE_RUN_AT_STATISTICS.join('; ')};`

/**
 * Leaves `run_at` of the queue without statistics (why: src/jobs/due-jobs-index.ts), or says it may not: then
 * nothing is changed.
 */
export async function removeRunAtStatistics(pool: pg.Pool): Promise<RunAtStatistics> {
  try {
    // pg_stats, not pg_statistic: anyone may read the view (for the tables they may read); only a superuser the table.
    const { rows } = await pool.query<{ target: number | null; gathered: boolean }>(
      `SELECT a.attstattarget AS target,
              EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = 'graphile_worker' AND tablename = '_private_jobs' AND attname = 'run_at') AS gathered
         FROM pg_attribute a WHERE ${OF_RUN_AT}`,
    )
    const gathered = rows[0]?.gathered ?? false
    if (rows[0]?.target === 0 && !gathered) return 'none'
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...INDEX_LOCK])
      // The table's owner may set the target; only a superuser may delete from pg_statistic, so only when there is a
      // row to delete (a new queue has none, and its owner needs nothing more).
      for (const statement of gathered ? REMOVE_RUN_AT_STATISTICS : REMOVE_RUN_AT_STATISTICS.slice(0, 1)) await client.query(statement)
    })
    return 'removed'
  } catch (error) {
    // 42501: not the table's owner, or not a superuser (pg_statistic); the transaction changed nothing.
    if ((error as { code?: string }).code === '42501') return 'not allowed'
    throw error
  }
}
