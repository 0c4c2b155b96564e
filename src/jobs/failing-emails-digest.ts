import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { londonDate } from '../domain/reports/index.js'
import { deliverEmail } from '../emails/deliver-email.js'
import { DIGEST_LIST_LENGTH, failingEmailsDigestEmail } from '../emails/failing-emails-digest.js'
import { countFailingDeliveriesExcept, listFailingDeliveries } from '../repositories/failing-email-deliveries.js'
import { listActiveAdmins } from '../repositories/staff.js'

/**
 * Every day at 7am UTC (see the crontab in the jobs plugin: graphile-worker
 * runs a cron item once across every instance), while any email is failing
 * (its latest attempt was refused, or its retries ran out: what
 * /admin/emails lists), each active admin gets one message saying so. Once
 * per admin per day (the delivery's dedupe key); nothing when all is well.
 * The digest itself is refused too when the whole relay is down: the
 * emails page and /readyz (`mail: failing`) say it then.
 */
export const FAILING_EMAILS_DIGEST_CRONTAB = '0 7 * * * failing-emails-digest ?max=3'

export function failingEmailsDigestTask(app: FastifyInstance): Task {
  return async (_payload, helpers) => {
    const total = await countFailingDeliveriesExcept(app.pg.pool, 'failing-emails-digest')
    if (total === 0) return
    const failing = (await listFailingDeliveries(app.pg.pool, DIGEST_LIST_LENGTH + 5)).filter((d) => d.kind !== 'failing-emails-digest')
    const today = londonDate(app.clock.now())
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl: app.config.PUBLIC_URL }
    for (const admin of await listActiveAdmins(app.pg.pool)) {
      const email = failingEmailsDigestEmail(admin, failing, total, today, app.config.PUBLIC_URL)
      if (!email) continue
      await deliverEmail(deps, email, { jobPayload: {}, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    }
  }
}
