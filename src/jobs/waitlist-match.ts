import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import type pg from 'pg'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { matchProgramme } from '../domain/waitlist/matching.js'
import { WAITLIST_MATCH_TASK } from '../domain/waitlist/emails.js'
import {
  JOBS_BEING_ADDED_MARK,
  listProgrammesWithPeopleWaiting,
  listTransactionsAddingJobs,
  listTransactionsStillOpen,
} from '../repositories/waitlist-match-runs.js'

const WaitlistMatchPayload = Type.Object({ programmeId: Type.String({ format: 'uuid' }) })

/**
 * `waitlist-match`: offers a programme's free times to the people in its
 * waitlist (src/domain/waitlist/matching.ts). Enqueued by the database
 * whenever a time can have freed up or opened (job key per programme), and
 * at each offer's deadline. A run that finds another run of the same
 * programme going throws, and graphile-worker tries it again shortly.
 */
export function waitlistMatchTask(app: FastifyInstance): Task {
  const deps = app.deps
  return async (payload, helpers) => {
    if (!Value.Check(WaitlistMatchPayload, payload)) {
      helpers.logger.error('waitlist-match: payload does not match its schema; dropped')
      return
    }
    await waitForJobsBeingAdded(app.pg.pool)
    const result = await matchProgramme(deps, payload.programmeId)
    if (result.offered > 0 || result.expired > 0) helpers.logger.info(`waitlist-match: ${result.offered} offered, ${result.expired} expired`)
  }
}

/** How long a run waits for transactions still adding jobs before it fails and is tried again. */
const JOBS_BEING_ADDED_WAIT_MS = 20_000
const JOBS_BEING_ADDED_POLL_MS = 10

/**
 * Waits until every transaction of this database that is adding jobs as this
 * run starts has ended.
 *
 * graphile-worker can drop a request to run this job again (its job key's
 * "replace" mode, a known race in graphile-worker itself): when a change's
 * add_job finds the job free and then, a moment later, taken by a worker, it
 * adds nothing. The change was still committing as the job was taken, so
 * this run could read the programme without it, and no run would follow for
 * it: a coach's new hours went unoffered until the hourly sweep. Such a
 * change's transaction had begun add_job before the job was taken, and
 * add_job's first statement writes to graphile-worker's tasks table, whose
 * lock the transaction holds until it ends. So this run, taken by then, first
 * waits for every open transaction holding that lock (transactions that
 * enqueue jobs are short), and then reads what they committed.
 */
export async function waitForJobsBeingAdded(pool: pg.Pool): Promise<void> {
  const deadline = performance.now() + JOBS_BEING_ADDED_WAIT_MS
  let open = await listTransactionsAddingJobs(pool)
  while (open.length > 0) {
    if (performance.now() > deadline) throw new Error(`${JOBS_BEING_ADDED_MARK}: ${open.length} still open after ${JOBS_BEING_ADDED_WAIT_MS} ms; tried again later`)
    await new Promise((resolve) => setTimeout(resolve, JOBS_BEING_ADDED_POLL_MS))
    open = await listTransactionsStillOpen(pool, open)
  }
}

/**
 * Every hour at 40 past: a matching run for each programme with people
 * waiting. Time alone opens times no trigger sees (each day, another day
 * comes into the programme's booking window), and a run whose retries all
 * failed is made good here.
 */
export const WAITLIST_SWEEP_CRONTAB = '40 * * * * waitlist-sweep ?max=1'

export function waitlistSweepTask(app: FastifyInstance): Task {
  return async () => {
    for (const programmeId of await listProgrammesWithPeopleWaiting(app.pg.pool)) {
      await app.jobs.add(WAITLIST_MATCH_TASK, { programmeId }, { jobKey: `waitlist-match:${programmeId}`, maxAttempts: 10 })
    }
  }
}
