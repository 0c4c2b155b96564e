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
