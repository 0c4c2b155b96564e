import type { FastifyInstance } from 'fastify'

/**
 * Moves the job queue to a test clock: jobs scheduled at or before `now`
 * become due at once; then waits until the worker has run everything due
 * (jobs that failed and wait for a retry are left waiting).
 */
export async function runDueJobs(app: FastifyInstance, now: Date, timeoutMs = 20_000): Promise<void> {
  // Through graphile-worker's public view and function (not its private tables).
  await app.pg.query(
    `SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
       FROM graphile_worker.jobs WHERE run_at <= $1 AND locked_at IS NULL AND attempts < max_attempts
     HAVING count(*) > 0`,
    [now],
  )
  await app.pg.query(`SELECT pg_notify('jobs:insert', '{"count": 100}')`)
  await waitForIdleQueue(app, timeoutMs)
}

/** Waits until no job is due or running. */
export async function waitForIdleQueue(app: FastifyInstance, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const { rows } = await app.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs
        WHERE attempts < max_attempts AND (locked_at IS NOT NULL OR run_at <= now())`,
    )
    if (rows[0]?.n === 0) return
    if (performance.now() > deadline) throw new Error(`${rows[0]?.n} jobs still due after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * The waiting jobs of one task, with their keys, run times and payloads.
 * graphile-worker's public `jobs` view has no payload, so this one reads its
 * private tables: a test's look inside, never the service's.
 */
export async function waitingJobs(app: FastifyInstance, task: string) {
  const { rows } = await app.pg.query<{ key: string | null; run_at: Date; payload: Record<string, unknown> }>(
    `SELECT j.key, j.run_at, j.payload FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = $1 AND j.attempts < j.max_attempts ORDER BY j.run_at`,
    [task],
  )
  return rows
}
