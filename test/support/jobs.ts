import type { FastifyInstance } from 'fastify'
import pg from 'pg'

/*
 * Tests reach graphile-worker through its public API: the `graphile_worker.jobs`
 * view and its SQL functions (add_job, complete_jobs, permanently_fail_jobs,
 * reschedule_jobs, remove_job). The few looks inside its private tables that
 * the public API cannot give are the functions at the end of this file, each
 * saying why; no test reads or writes `graphile_worker._private_*` itself.
 */

/** A job as graphile-worker's public `jobs` view shows it. */
export interface QueuedJob {
  id: string
  task_identifier: string
  key: string | null
  run_at: Date
  attempts: number
  max_attempts: number
  last_error: string | null
  locked_at: Date | null
  locked_by: string | null
}

/**
 * Moves the job queue to a test clock: jobs scheduled at or before `now`
 * become due at once; then waits until the worker has run everything due
 * (jobs that failed and wait for a retry are left waiting).
 */
export async function runDueJobs(app: FastifyInstance, now: Date, timeoutMs = 20_000): Promise<void> {
  await app.pg.query(
    `SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
       FROM graphile_worker.jobs WHERE run_at <= $1 AND locked_at IS NULL AND attempts < max_attempts
     HAVING count(*) > 0`,
    [now],
  )
  await app.pg.query(`SELECT pg_notify('jobs:insert', '{"count": 100}')`)
  await waitForIdleQueue(app, timeoutMs)
}

/**
 * Waits until no job is due or running. A running job counts whatever its
 * attempts say: graphile-worker sets a job replaced while it runs to its last
 * attempt, and it is still running.
 */
export async function waitForIdleQueue(app: FastifyInstance, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const { rows } = await app.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs
        WHERE locked_at IS NOT NULL OR (attempts < max_attempts AND run_at <= now())`,
    )
    if (rows[0]?.n === 0) return
    if (performance.now() > deadline) throw new Error(`${rows[0]?.n} jobs still due after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Empties the queue between tests: every job, waiting or failed, is taken
 * off as graphile-worker's `complete_jobs` does. That function leaves a job a
 * worker is running (it is locked), so this waits for such a job to finish
 * and then takes off whatever it left; it throws if the queue is not empty in
 * time rather than letting the next test start on someone else's jobs.
 */
export async function clearJobQueue(app: FastifyInstance, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    await app.pg.query(`SELECT graphile_worker.complete_jobs(array_agg(id)) FROM graphile_worker.jobs HAVING count(*) > 0`)
    const { rows } = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM graphile_worker.jobs')
    if (rows[0]?.n === 0) return
    if (performance.now() > deadline) throw new Error(`${rows[0]?.n} jobs still locked by a worker after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

// ---------------------------------------------------------------------------
// Looks inside graphile-worker's private tables. Only this file does this:
// the service never does, and graphile-worker may change these tables in any
// release, so each function says what the public API lacks.
// ---------------------------------------------------------------------------

/**
 * Every job (or a task's jobs), oldest run time first, with its payload.
 * The public `jobs` view has every column but the payload, so the payload
 * alone is read from `_private_jobs` by the job's id; tests that check what a
 * job will do, or that nothing personal is left in one, need it.
 */
export async function jobsWithPayloads(app: FastifyInstance, task?: string): Promise<(QueuedJob & { payload: Record<string, unknown> })[]> {
  const { rows } = await app.pg.query<QueuedJob & { payload: Record<string, unknown> }>(
    `SELECT v.id, v.task_identifier, v.key, v.run_at, v.attempts, v.max_attempts, v.last_error, v.locked_at, v.locked_by, p.payload
       FROM graphile_worker.jobs v JOIN graphile_worker._private_jobs p ON p.id = v.id
      WHERE $1::text IS NULL OR v.task_identifier = $1
      ORDER BY v.run_at, v.id`,
    [task ?? null],
  )
  return rows
}

/**
 * The waiting jobs of one task (not those that have used up their attempts),
 * with their keys, run times and payloads: see `jobsWithPayloads`.
 */
export async function waitingJobs(app: FastifyInstance, task: string) {
  return (await jobsWithPayloads(app, task)).filter((job) => job.attempts < job.max_attempts)
}

/**
 * Leaves the jobs as a worker leaves those it has taken and not finished
 * (locked in its name a minute ago, the attempt counted), to play a worker
 * that crashed mid-job. Only graphile-worker's own job fetching locks jobs
 * (graphile-worker dropped its `get_job` SQL function and fetches in JavaScript), so there
 * is no public way to do this; it is the same update that fetching makes.
 */
export async function lockJobsAsWorker(app: FastifyInstance, workerId: string, jobIds: readonly string[]): Promise<void> {
  await app.pg.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - interval '1 minute', attempts = attempts + 1
      WHERE id = ANY($2::bigint[])`,
    [workerId, jobIds],
  )
}

/**
 * The identifiers of the scheduled (cron) tasks a running worker has
 * registered. graphile-worker records them only in `_private_known_crontabs`;
 * neither a view nor its runner shows them.
 */
export async function registeredCronIdentifiers(app: FastifyInstance): Promise<string[]> {
  const { rows } = await app.pg.query<{ identifier: string }>(
    'SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier',
  )
  return rows.map((row) => row.identifier)
}

/**
 * Records a scheduled task as known to graphile-worker since `since`, as if a
 * worker had been running it from then, so a worker started now with `?fill=`
 * adds the runs it missed at once instead of the test waiting for the next
 * minute. graphile-worker keeps this only in `_private_known_crontabs`, and
 * backfills only tasks it knew before it started; nothing public sets it.
 */
export async function knownCronTaskSince(databaseUrl: string, identifier: string, since: Date): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since) VALUES ($1, $2)
       ON CONFLICT (identifier) DO UPDATE SET known_since = EXCLUDED.known_since, last_execution = NULL`,
      [identifier, since],
    )
  } finally {
    await client.end()
  }
}
