import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { programmeReport } from '../../../../domain/reports/index.js'
import { ErrorBody } from '../../../../schemas/common.js'
import { inFieldContext } from '../../../../schemas/field-context.js'
import { ProgrammeReportQuery, ProgrammeReportReply } from './schemas.js'

/**
 * /api/v1/reports: how a programme is doing (DOMAIN.md, the programme
 * outcomes). Admins only (./autohooks.ts): 401 signed out, 403 a coach. What
 * each figure counts: src/domain/reports/programme-report.ts.
 */
const reportsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { pool: app.pg.pool, clock: app.clock }

  app.get(
    '/programme',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getProgrammeReport',
        security: [{ session: [] }],
        summary: 'The programme figures for a period',
        description:
          'Invitations sent, bookings, conversations held, no-shows and cancellations; the funnel from invitation to conversation ' +
          'with its rates; days from invitation to booking and to conversation (median, 90th percentile, mean); actions agreed ' +
          'per conversation, by category, owner and status, and the share done 4, 8 and 12 weeks after the conversation (also by ' +
          'category and owner); coach utilisation; bookings per week; what candidates went on to. Every figure is counted by ' +
          'PostgreSQL. `from` and `to` are UK dates, both included, at most 366 days. Problems are reported per field.',
        querystring: ProgrammeReportQuery,
        response: { 200: ProgrammeReportReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => inFieldContext('querystring', () => programmeReport(deps, request.query)),
  )
}

export default reportsApi
