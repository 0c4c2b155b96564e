import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
import { listenForChanges } from '../../database/change-listener.js'
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
 * `availability_changed` notices on a connection of its own.
 *
 * Someone who changes something and then looks (a candidate who held a time,
 * a coach who took a day off) must see their change at once, not a moment
 * later when the notice arrives. So every request that may have changed
 * something (any method but GET and HEAD) waits, before its answer goes,
 * until this process has heard a notice of its own sent after the change
 * committed: PostgreSQL delivers notices in commit order, so by then every
 * earlier change has reached the index too.
 */
export default fp<AppOptions>(
  async (app, options) => {
    const pool = app.pg.pool
    const index = new AvailabilityIndex({ schedules: (query) => loadCoachSchedules(pool, query) })
    app.decorate('availability', index)

    const listener = listenForChanges({
      connectionString: options.config.DATABASE_URL!,
      channel: CHANNEL,
      onNotice: (payload) => index.changed(parseAvailabilityChange(payload)),
      onLive: () => index.goLive(),
      onOffline: (error) => {
        index.goOffline()
        if (error) app.log.warn({ err: error }, 'availability listener lost its connection: slots are read from the database until it is back')
      },
    })

    app.addHook('onSend', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && index.isLive()) await listener.catchUp(pool)
    })
    app.addHook('onClose', async () => {
      await listener.close()
      index.goOffline()
    })
  },
  { name: 'availability', dependencies: ['postgres'] },
)
