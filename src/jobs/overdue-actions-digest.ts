import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { londonDate } from '../domain/reports/index.js'
import { deliverEmail } from '../emails/deliver-email.js'
import { overdueActionsDigestEmail } from '../emails/follow-up-emails.js'
import { listOverdueActions } from '../repositories/actions.js'
import { listActiveAdmins } from '../repositories/staff.js'

/**
 * Every Monday at 8am UTC (8am or 9am UK time; see the crontab in the jobs
 * plugin): each active admin gets the list of overdue actions, by coach and
 * by kind. Sent once per admin per day (the delivery's dedupe key), so a
 * retried run sends only what did not go.
 */
export const OVERDUE_ACTIONS_DIGEST_CRONTAB = '0 8 * * 1 overdue-actions-digest ?max=3'

export function overdueActionsDigestTask(app: FastifyInstance): Task {
  return async (_payload, helpers) => {
    const today = londonDate(app.clock.now())
    const overdue = await listOverdueActions(app.pg.pool, today)
    if (overdue.length === 0) return
    const admins = await listActiveAdmins(app.pg.pool)
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl: app.config.PUBLIC_URL }
    for (const admin of admins) {
      const email = overdueActionsDigestEmail(admin, overdue, today, app.config.PUBLIC_URL)
      if (!email) continue
      await deliverEmail(deps, email, { jobPayload: {}, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    }
  }
}
