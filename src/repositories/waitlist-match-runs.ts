/**
 * What a waitlist matching run (src/jobs/waitlist-match.ts) asks before it
 * starts: which transactions are still adding jobs to graphile-worker's
 * queue, and which programmes have people waiting.
 */
import type { Queryable } from './db.js'

/** Marks the query that waits, so a test can see a run waiting. */
export const JOBS_BEING_ADDED_MARK = 'waitlist-match: waiting for transactions adding jobs'

/**
 * The virtual transaction ids of the other open transactions of this database that are adding jobs: add_job's first
 * statement writes to graphile-worker's tasks table, whose lock the transaction holds until it ends.
 */
export async function listTransactionsAddingJobs(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ ids: string[] }>(
    `SELECT coalesce(array_agg(DISTINCT virtualtransaction), '{}') AS ids FROM pg_locks
      WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND relation = 'graphile_worker._private_tasks'::regclass AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()`,
  )
  return rows[0]?.ids ?? []
}

/** Those of these transactions still open: each holds its own virtual transaction id until it ends. */
export async function listTransactionsStillOpen(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ ids: string[] }>(
    `/* ${JOBS_BEING_ADDED_MARK} */ SELECT coalesce(array_agg(virtualxid), '{}') AS ids FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY($1::text[])`,
    [ids],
  )
  return rows[0]?.ids ?? []
}

/** The active programmes with someone waiting (a matching run for each, every hour). */
export async function listProgrammesWithPeopleWaiting(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ programmeId: string }>(
    `SELECT DISTINCT e.programme_id AS "programmeId" FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id
      WHERE e.status = 'waiting' AND p.active`,
  )
  return rows.map((row) => row.programmeId)
}
