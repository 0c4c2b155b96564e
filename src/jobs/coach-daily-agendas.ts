import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { coachesDueAnAgenda, composeAgenda } from '../emails/coach-daily-agenda.js'
import { deliverEmail } from '../emails/deliver-email.js'

/** Hourly (see the crontab in the jobs plugin): each coach's agenda at 7am in their own zone. */
export const COACH_AGENDA_CRONTAB = '0 * * * * coach-daily-agendas ?max=3'

export function coachDailyAgendasTask(app: FastifyInstance): Task {
  return async (_payload, helpers) => {
    const now = app.clock.now()
    const deps = { pool: app.pg.pool, mailer: app.mailer, publicUrl: app.config.PUBLIC_URL }
    for (const coach of await coachesDueAnAgenda(app.pg.pool, now)) {
      const email = await composeAgenda(app.pg.pool, coach, now, app.config.PUBLIC_URL)
      if (!email) continue
      await deliverEmail(deps, email, { jobPayload: {}, isLastAttempt: helpers.job.attempts >= helpers.job.max_attempts })
    }
  }
}
