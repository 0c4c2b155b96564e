import type pg from 'pg'
import type { Clock } from '../../clock.js'
import type { JobQueue } from '../../../plugins/app/jobs.js'
import type { AvailabilityIndex } from '../../slots/index.js'

/**
 * What the booking service needs from the app: the pool (every change runs
 * in one transaction on one of its clients), the job queue (emails are
 * enqueued in that same transaction), the clock and the availability index.
 */
export interface BookingDeps {
  pool: pg.Pool
  jobs: Pick<JobQueue, 'add' | 'addMany' | 'remove'>
  clock: Clock
  /**
   * The free slots kept ready (app.availability). Without it, slots and the
   * coaches free at a time are read from the database at each question.
   */
  availability?: AvailabilityIndex
}
