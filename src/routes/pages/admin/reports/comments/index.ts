import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { parseReportPeriod } from '../../../../../domain/reports/index.js'
import { formatDate } from '../../../../../domain/time/index.js'
import { feedbackComments } from '../../../../../repositories/outcome-report.js'
import { findProgrammeForReport } from '../../../../../repositories/reports.js'
import { DateTime } from 'luxon'

/**
 * /admin/reports/comments: the comments candidates left in their feedback on
 * the conversations of a report's period, linked from the report.
 * For the programme team only (../../autohooks.ts); never in the API, the CSV
 * or anything a coach sees. Newest first, with the month they were written:
 * no candidate, no coach, no conversation.
 */
const Query = Type.Object({
  programme: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ maxLength: 20 })),
  to: Type.Optional(Type.String({ maxLength: 20 })),
})

const reportComments: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const period = parseReportPeriod({ from: request.query.from, to: request.query.to })
    const programme = request.query.programme ? await findProgrammeForReport(app.pg.pool, request.query.programme) : null
    if (!period.ok || !programme) {
      // Reached only from the report's own link: a wrong one goes back to the report.
      return reply.redirect('/admin/reports', 303)
    }
    const { from, to } = period.value
    const comments = await feedbackComments(app.pg.pool, programme.id, from, to)
    reply.header('cache-control', 'no-store')
    return reply.view('pages/admin/reports/comments.njk', {
      programmeName: programme.name,
      period: `${formatDate(`${from}T12:00:00Z`, 'UTC')} to ${formatDate(`${to}T12:00:00Z`, 'UTC')}`,
      comments: comments.map((c) => ({ text: c.comment, month: DateTime.fromJSDate(c.answeredAt, { zone: 'Europe/London' }).toFormat('LLLL yyyy') })),
      backHref: `/admin/reports?${new URLSearchParams({ programme: programme.id }).toString()}`,
    })
  })
}

export default reportComments
