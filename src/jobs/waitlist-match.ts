import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { matchProgramme } from '../domain/waitlist/matching.js'

const WaitlistMatchPayload = Type.Object({ programmeId: Type.String({ format: 'uuid' }) })

/**
 * `waitlist-match`: offers a programme's free times to the people in its
 * waitlist (src/domain/waitlist/matching.ts). Enqueued by the database
 * whenever a time can have freed up or opened (job key per programme), and
 * at each offer's deadline. A run that finds another run of the same
 * programme going throws, and graphile-worker tries it again shortly.
 */
export function waitlistMatchTask(app: FastifyInstance): Task {
  const deps = { pool: app.pg.pool, jobs: app.jobs, clock: app.clock, limits: app.limits }
  return async (payload, helpers) => {
    if (!Value.Check(WaitlistMatchPayload, payload)) {
      helpers.logger.error('waitlist-match: payload does not match its schema; dropped')
      return
    }
    const result = await matchProgramme(deps, payload.programmeId)
    if (result.offered > 0 || result.expired > 0) helpers.logger.info(`waitlist-match: ${result.offered} offered, ${result.expired} expired`)
  }
}
