import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
import { listenForChanges } from '../../database/change-listener.js'
import { ReportCache } from '../../domain/reports/report-cache.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Programme reports kept ready while nothing they read changes (src/domain/reports/report-cache.ts). */
    reports: ReportCache
  }
}

const CHANNEL = 'report_data_changed'

/**
 * `app.reports`: the report cache, emptied by the database's
 * `report_data_changed` notices on a connection of its own. An admin who
 * changes something and then looks at the report must see the change, so
 * a request that may have changed something waits, while reports are kept,
 * until the notices of changes committed before it have been heard (as the
 * availability index does).
 */
export default fp<AppOptions>(
  async (app, options) => {
    const cache = new ReportCache(app.clock)
    app.decorate('reports', cache)
    const listener = listenForChanges({
      connectionString: options.config.DATABASE_URL!,
      channel: CHANNEL,
      onNotice: () => cache.changed(),
      onLive: () => cache.goLive(),
      onOffline: (error) => {
        cache.goOffline()
        if (error) app.log.warn({ err: error }, 'report listener lost its connection: reports are counted afresh until it is back')
      },
    })
    app.addHook('onSend', async (request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && cache.holdsAny()) await listener.catchUp(app.pg.pool)
    })
    app.addHook('onClose', async () => {
      await listener.close()
      cache.goOffline()
    })
  },
  { name: 'reports', dependencies: ['postgres'] },
)
