import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
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
 * `report_data_changed` notices (src/plugins/app/change-notices.ts). An admin
 * who changes something and then looks at the report must see the change, so
 * while reports are kept a request that may have changed something answers
 * only once the notices of changes committed before it have been heard.
 */
export default fp<AppOptions>(
  async (app) => {
    const cache = new ReportCache(app.clock)
    app.decorate('reports', cache)
    app.changeNotices.subscribe(CHANNEL, {
      onNotice: () => cache.changed(),
      onLive: () => cache.goLive(),
      onOffline: (error) => {
        cache.goOffline()
        if (error) app.log.warn({ err: error }, 'report listener lost its connection: reports are counted afresh until it is back')
      },
      keepsAnswers: () => cache.holdsAny(),
    })
    app.addHook('onClose', async () => {
      cache.goOffline()
    })
  },
  { name: 'reports', dependencies: ['postgres', 'change-notices'] },
)
