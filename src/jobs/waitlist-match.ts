import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { matchProgramme } from '../domain/waitlist/matching.js'
import { WAITLIST_MATCH_TASK } from '../domain/waitlist/emails.js'

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
    const result = await matchProgramme(deps, payload.programmeId)
    if (result.offered > 0 || result.expired > 0) helpers.logger.info(`waitlist-match: ${result.offered} offered, ${result.expired} expired`)
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
    const { rows } = await app.pg.query<{ programmeId: string }>(
      `SELECT DISTINCT e.programme_id AS "programmeId" FROM waitlist_entries e JOIN programmes p ON p.id = e.programme_id
        WHERE e.status = 'waiting' AND p.active`,
    )
    for (const { programmeId } of rows) {
      await app.jobs.add(WAITLIST_MATCH_TASK, { programmeId }, { jobKey: `waitlist-match:${programmeId}`, maxAttempts: 10 })
    }
  }
}
