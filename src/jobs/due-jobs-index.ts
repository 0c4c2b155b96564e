import type pg from 'pg'
import { createDueJobsIndex, dueJobsIndexExists, removeRunAtStatistics, type RunAtStatistics } from '../repositories/due-jobs-index.js'

export { REMOVE_RUN_AT_STATISTICS_SQL } from '../repositories/due-jobs-index.js'


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

/**
 * Keeps PostgreSQL from guessing from old statistics how many jobs are due.
 *
 * The index above reads only the due jobs, but it reads all of them and
 * sorts them for the first, at every job taken: when emails pile up under
 * load (each booking adds two due at once, and the worker gives way to
 * requests), that is a read of the whole backlog at each fetch. Measured on
 * the bench: 4.4 ms a fetch, 1.39 ms of PostgreSQL's 3.85 a booking, more
 * than any statement of the booking itself. PostgreSQL takes that plan
 * because the statistics on `run_at` were gathered while nothing was due.
 * Without statistics on `run_at` it assumes a share of the queue is due,
 * whatever was true when it last looked, and takes graphile-worker's own
 * (priority, run_at) index in order, stopping at the first due job: 0.09 ms
 * for the first of a backlog of 3,231 (docs/performance.md, session 31).
 * The price: with nothing due, a fetch reads that index to its end (2.2 ms
 * with 15,716 jobs queued), once a poll when the worker is idle.
 *
 * Removing statistics already gathered needs a superuser: without one,
 * 'not allowed' comes back, and the caller says what an operator can run.
 */
export function ensureNoRunAtStatistics(pool: pg.Pool): Promise<RunAtStatistics> {
  return removeRunAtStatistics(pool)
}
