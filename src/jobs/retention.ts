import type { FastifyInstance } from 'fastify'
import type { Task } from 'graphile-worker'
import { runRetention } from '../domain/data-protection/index.js'

/**
 * Daily at 2:30am UTC (see the crontab in the jobs plugin): anonymises the
 * candidates past their programme's retention period and records the counts
 * in the audit log. Running it twice does no harm: anonymised records are not
 * counted again.
 */
export const RETENTION_CRONTAB = '30 2 * * * data-retention ?max=3'

export function retentionTask(app: FastifyInstance): Task {
  return async () => {
    const result = await runRetention({ ...app.deps, outboxDir: app.mailer.outboxDir })
    app.log.info({ retention: result }, 'retention: candidates past their retention period anonymised')
  }
}
