import type pg from 'pg'
import { createDueJobsIndex, dueJobsIndexExists } from '../repositories/due-jobs-index.js'


/**
 * An index of our own on graphile-worker's queue, so a worker finds the jobs
 * that are due without reading the ones that are not.
 *
 * The queue always holds the preparation emails and reminders of every
 * booking still to come (thousands at programme scale), all due later.
 * graphile-worker takes the next job in (priority, run_at) order through its
 * own index, which is quick when PostgreSQL expects many jobs to be due. But
 * when the queue's statistics were last gathered while nothing was due (a
 * quiet hour, as autovacuum may well find it), PostgreSQL expects none and
 * reads the whole queue for each job instead: measured on the bench, 8.3 ms
 * a job with 6,861 future jobs (0.2 ms through the index), which took the
 * 1,000 emails sent at once from 210 a second to 134. With this index on
 * `run_at` alone, the same statistics lead PostgreSQL to read only the jobs
 * that are due (1.4 ms for a backlog of 2,000, 0.4 ms for a few).
 *
 * Made when the worker starts, after graphile-worker has set up its schema,
 * under an advisory lock so that instances starting together do not race;
 * made again if an upgrade of graphile-worker ever rebuilds its table.
 */
export async function ensureDueJobsIndex(pool: pg.Pool): Promise<void> {
  // Looked for first: CREATE INDEX takes a lock on the queue that waits for, and holds up, every job being added, even
  // when the index is there already.
  if (await dueJobsIndexExists(pool)) return
  await createDueJobsIndex(pool)
}
