import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
import { AvailabilityIndex, parseAvailabilityChange } from '../../domain/slots/index.js'
import { loadCoachSchedules } from '../../repositories/coaches.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every programme's free slots kept ready (src/domain/slots/availability-index.ts). */
    availability: AvailabilityIndex
  }
}

const CHANNEL = 'availability_changed'

/**
 * `app.availability`: the availability index, kept fresh by the database's
 * `availability_changed` notices (src/plugins/app/change-notices.ts). While
 * the index is live, a request that may have changed something (a candidate
 * who held a time, a coach who took a day off) answers only once the index
 * has heard every change committed before it.
 */
export default fp<AppOptions>(
  async (app) => {
    const pool = app.pg.pool
    const index = new AvailabilityIndex({ schedules: (query) => loadCoachSchedules(pool, query) })
    app.decorate('availability', index)

    app.changeNotices.subscribe(CHANNEL, {
      onNotice: (payload) => index.changed(parseAvailabilityChange(payload)),
      onLive: () => index.goLive(),
      onOffline: (error) => {
        index.goOffline()
        if (error) app.log.warn({ err: error }, 'availability listener lost its connection: slots are read from the database until it is back')
      },
      keepsAnswers: () => index.isLive(),
    })
    app.addHook('onClose', async () => {
      index.goOffline()
    })
  },
  { name: 'availability', dependencies: ['postgres', 'change-notices'] },
)
