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
        security: [{ session: [] }],
        summary: 'The programme figures for a period',
        description:
          'Invitations sent, bookings, conversations held, no-shows and cancellations; days from invitation to conversation; ' +
          'actions agreed per conversation, by category and status, and the share done 4, 8 and 12 weeks after the conversation; ' +
          'what candidates went on to. `from` and `to` are UK dates, both included, at most 366 days. Problems are reported per field.',
        querystring: ProgrammeReportQuery,
        response: { 200: ProgrammeReportReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => inFieldContext('querystring', () => programmeReport(deps, request.query)),
  )
}

export default reportsApi
