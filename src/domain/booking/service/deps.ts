import type { DomainDeps } from '../../ports/index.js'

/**
 * What the booking service needs from the app: the pool (every change runs
 * in one transaction on one of its clients), the job queue and the notifier
 * (emails and other work are enqueued in that same transaction), the clock
 * and the availability index.
 */
export interface BookingDeps extends Pick<DomainDeps, 'pool' | 'clock' | 'notifier'> {
  jobs: Pick<DomainDeps['jobs'], 'add' | 'addMany' | 'remove'>
  /**
   * The free slots kept ready (app.availability). Without it, slots and the
   * coaches free at a time are read from the database at each question.
   */
  availability?: DomainDeps['availability']
  /** Fair share's loads kept while the index is live (kept-coach-loads.ts). Without it, they are read at each booking. */
  coachLoads?: DomainDeps['coachLoads']
}

/**
 * What the anonymous paths (holding, booking, email codes) need on top: the
 * abuse limits (app.limits) and the session secret that keys the codes.
 */
export interface GuardedBookingDeps extends BookingDeps, Pick<DomainDeps, 'limits' | 'secret'> {}

/** Who is asking: the client address (TRUST_PROXY decides what it is) and the request id, for limits and the audit log. */
export interface Visitor {
  ip: string
  requestId?: string | null
}
