/**
 * graphile-worker's queue, through its own SQL functions (add_job, add_jobs,
 * remove_job), on the pool or inside the caller's transaction, so a job
 * exists only if the change that asked for it commits.
 */
import type { JobSpec } from '../domain/ports/job-queue.js'
import { prepared, type Queryable } from './db.js'

/** graphile-worker's own default. */
const DEFAULT_MAX_ATTEMPTS = 25

interface NewJob {
  runAt?: Date
  jobKey?: string
  maxAttempts?: number
  queueName?: string
}

/**
 * Adds a job (a waiting one with the same key is replaced); its id, or null when graphile-worker added nothing
 * because a worker took the keyed job between add_job's two statements (graphile/worker#580).
 */
export async function addJob(db: Queryable, task: string, payload: object, { runAt, jobKey, maxAttempts, queueName }: NewJob = {}): Promise<string | null> {
  const { rows } = await db.query<{ id: string | null }>(
    `SELECT (graphile_worker.add_job(
       identifier => $1::text, payload => $2::json, run_at => $3::timestamptz,
       max_attempts => $4::int, job_key => $5::text, job_key_mode => 'replace', queue_name => $6::text)).id AS id`,
    [task, JSON.stringify(payload), runAt ?? null, maxAttempts ?? DEFAULT_MAX_ATTEMPTS, jobKey ?? null, queueName ?? null],
  )
  return rows[0]?.id ?? null
}

/**
 * Adds several jobs in one statement; the keys of those added (null for a job without one). A keyed job a worker
 * took between add_jobs' statements is missing from them (the same race as addJob's).
 */
export async function addJobs(db: Queryable, specs: readonly JobSpec[]): Promise<Set<string | null>> {
  const { rows } = await db.query<{ key: string | null }>(
    prepared(
      'add-jobs',
      `SELECT key FROM graphile_worker.add_jobs(ARRAY(SELECT json_populate_recordset(NULL::graphile_worker.job_spec, $1::json)))`,
      [
        JSON.stringify(
          specs.map((spec) => ({
            identifier: spec.task,
            payload: spec.payload,
            run_at: spec.runAt?.toISOString() ?? null,
            max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            job_key: spec.jobKey ?? null,
          })),
        ),
      ],
    ),
  )
  return new Set(rows.map((row) => row.key))
}

/** Removes a waiting job by its key; a job already running finishes. */
export async function removeJob(db: Queryable, jobKey: string): Promise<void> {
  await db.query('SELECT graphile_worker.remove_job($1::text)', [jobKey])
}
