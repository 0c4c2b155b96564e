import type pg from 'pg'

/**
 * The job queue as the domain sees it: work that runs later or elsewhere
 * (an email, a webhook, a calendar write), added inside the caller's
 * transaction so it exists only if the change commits. graphile-worker's
 * queue implements it (src/plugins/app/jobs.ts).
 */

/** What this process's worker is doing: `off` when this process runs none. */
export type WorkerState = 'running' | 'restarting' | 'off'

interface AddJobOptions {
  /** Enqueue inside this transaction: the job exists only if it commits. */
  client?: pg.ClientBase
  runAt?: Date
  /** A later add with the same key replaces the waiting job (e.g. a moved reminder). */
  jobKey?: string
  maxAttempts?: number
  /** Jobs of one named queue run one at a time, oldest first (a webhook endpoint's deliveries, in order). */
  queueName?: string
}

/** One job of several added together (addMany). */
export interface JobSpec {
  task: string
  payload: object
  runAt?: Date
  jobKey?: string
  maxAttempts?: number
}

export interface JobQueue {
  add(task: string, payload: object, options?: AddJobOptions): Promise<void>
  /** Adds several jobs in one statement (a booking's emails): a later add with the same key replaces the waiting job, as add does. */
  addMany(jobs: readonly JobSpec[], client?: pg.ClientBase): Promise<void>
  /** Removes a waiting job by its key; a job already running finishes. */
  remove(jobKey: string, client?: pg.ClientBase): Promise<void>
  isRunning(): boolean
  /** From the supervisor: running, being started again after it stopped, or not run by this process. */
  workerState(): WorkerState
}

