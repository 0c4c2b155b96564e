import type pg from 'pg'
import type { AuditLog } from '../audit/events.js'
import type { Clock } from '../clock.js'
import type { LimitRules, Limits } from '../limits/index.js'
import type { AvailabilityIndex } from '../slots/index.js'
import type { KeptCoachLoads } from '../booking/kept-coach-loads.js'
import type { ReportCache } from '../reports/report-cache.js'
import type { JobQueue } from './job-queue.js'
import type { Notifier } from './notifier.js'

export type { Notifier, BookingChange } from './notifier.js'

/**
 * Everything the domain's services need from outside, built once when the
 * app starts (src/plugins/app/deps.ts, the composition root) and passed to
 * them as `app.deps`. Each service names only the part it uses (a
 * `Pick<DomainDeps, ...>` or a narrower interface of its own), so a test
 * builds just that part.
 */
export interface DomainDeps {
  /** Every change runs in one transaction on a client of this pool; repositories take that client. */
  pool: pg.Pool
  /** Later work (emails, webhooks, calendar writes), added inside the change's transaction. */
  jobs: JobQueue
  /** Tells the people concerned about a booking change, inside its transaction. */
  notifier: Notifier
  clock: Clock
  /** The free slots kept ready (src/domain/slots/availability-index.ts). */
  availability: AvailabilityIndex
  /** Fair share's loads of the coaches, kept while the index says they are unchanged (src/domain/booking/kept-coach-loads.ts). */
  coachLoads: KeptCoachLoads
  /** Programme reports (and the staff pages' filter lists) kept ready while nothing they read changes (src/domain/reports/report-cache.ts). */
  reports: ReportCache
  /** The abuse limits, counted in PostgreSQL. */
  limits: Pick<Limits, 'take' | 'refuse' | 'keyOf'> & { rules: LimitRules }
  /** The append-only audit log. */
  audit: AuditLog
  /** Keys the candidates' codes and tokens. */
  secret: string
}
