import type { FastifyInstance } from 'fastify'

/**
 * Moves the job queue to a test clock: jobs scheduled at or before `now`
 * become due at once; then waits until the worker has run everything due
 * (jobs that failed and wait for a retry are left waiting).
 */
export async function runDueJobs(app: FastifyInstance, now: Date, timeoutMs = 20_000): Promise<void> {
  await app.pg.query(
    `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE run_at <= $1 AND locked_at IS NULL AND attempts < max_attempts`,
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
      `SELECT count(*)::int AS n FROM graphile_worker._private_jobs
        WHERE attempts < max_attempts AND (locked_at IS NOT NULL OR run_at <= now())`,
    )
    if (rows[0]?.n === 0) return
    if (performance.now() > deadline) throw new Error(`${rows[0]?.n} jobs still due after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The waiting jobs of one task, with their keys and run times. */
export async function waitingJobs(app: FastifyInstance, task: string) {
  const { rows } = await app.pg.query<{ key: string | null; run_at: Date; payload: Record<string, unknown> }>(
    `SELECT j.key, j.run_at, j.payload FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = $1 AND j.attempts < j.max_attempts ORDER BY j.run_at`,
    [task],
  )
  return rows
}
