import type { FastifyPluginAsync } from 'fastify'
import { retentionReport, UPCOMING_DAYS } from '../../../../../domain/data-protection/index.js'
import { findAuditEvents } from '../../../../../repositories/audit-events.js'
import { formatDate, formatTime } from '../../../../../domain/time/index.js'

const when = (date: Date) => `${formatDate(date)}, ${formatTime(date)}`

/**
 * /admin/data/retention: the dry run. Who the next daily run would anonymise,
 * by programme, oldest first, and who follows within UPCOMING_DAYS; no names.
 * Also the last runs, from the audit log. Access: ../../autohooks.ts.
 */
const retention: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const report = await retentionReport(app.deps)
    const runs = await findAuditEvents(app.pg.pool, { action: 'data.retention', limit: 5 })
    return reply.view('pages/admin/data/retention.njk', {
      upcomingDays: UPCOMING_DAYS,
      totals: report.totals,
      dueNow: report.dueNow.map((p) => ({ ...p, oldest: formatDate(p.oldestActivityAt) })),
      dueSoon: report.dueSoon.map((p) => ({ ...p, oldest: formatDate(p.oldestActivityAt) })),
      oldest: report.oldest.map((c) => ({ ...c, lastActivity: formatDate(c.lastActivityAt), due: formatDate(c.dueAt) })),
      runs: runs.map((run) => ({ when: when(run.occurredAt), details: run.details })),
    })
  })
}

export default retention
