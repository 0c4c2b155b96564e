import type pg from 'pg'
import type { Clock } from '../../clock.js'
import type { JobQueue } from '../../../plugins/app/jobs.js'
import type { AvailabilityIndex } from '../../slots/index.js'
import type { LimitRules, Limits } from '../../limits/index.js'

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

/**
 * What the anonymous paths (holding, booking, email codes) need on top: the
 * abuse limits (app.limits) and the session secret that keys the codes.
 */
export interface GuardedBookingDeps extends BookingDeps {
  limits: Pick<Limits, 'take' | 'refuse' | 'keyOf'> & { rules: LimitRules }
  secret: string
}

/** Who is asking: the client address (TRUST_PROXY decides what it is) and the request id, for limits and the audit log. */
export interface Visitor {
  ip: string
  requestId?: string | null
}
