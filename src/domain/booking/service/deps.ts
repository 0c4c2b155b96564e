import type pg from 'pg'
import type { Clock } from '../../clock.js'
import type { JobQueue } from '../../../plugins/app/jobs.js'

/**
 * What the booking service needs from the app: the pool (every change runs
 * in one transaction on one of its clients), the job queue (emails are
 * enqueued in that same transaction) and the clock.
 */
export interface BookingDeps {
  pool: pg.Pool
  jobs: Pick<JobQueue, 'add' | 'remove'>
  clock: Clock
}
