import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { programmeReport } from '../../../../domain/reports/index.js'
import { ErrorBody } from '../../../../schemas/common.js'
import { inFieldContext } from '../../../../schemas/field-context.js'
import { ProgrammeReportQuery, ProgrammeReportReply } from './schemas.js'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { CSV_CONTENT_TYPE } from '../../../../domain/csv/index.js'
import { programmeReportCsv, REPORT_CSV_COLUMNS } from '../../../../domain/reports/report-csv.js'

/**
 * /api/v1/reports: how a programme is doing (DOMAIN.md, the programme
 * outcomes). Admins only (./autohooks.ts): 401 signed out, 403 a coach. What
 * each figure counts: src/domain/reports/programme-report.ts.
 */
const reportsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

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
          'category and owner); coach utilisation; bookings per week; what candidates went on to (their 3 and 12-month answers and ' +
          'actions done); `feedback` a day after the conversation (response rate, usefulness, next step, confidence before and after) ' +
          'and `outcomes` at 3 and 12 months (response rates, outcomes by type, whether it helped); per coach only with 5 answers or more. ' +
          'Every figure is counted by ' +
          'PostgreSQL. `from` and `to` are UK dates, both included, at most 366 days. Problems are reported per field.',
        querystring: ProgrammeReportQuery,
        response: { 200: ProgrammeReportReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => inFieldContext('querystring', () => programmeReport(deps, request.query)),
  )

  app.get(
    '/programme/export',
    {
      schema: {
        tags: ['reports'],
        operationId: 'exportProgrammeReport',
        security: [{ session: [] }],
        summary: 'The programme figures for a period, as CSV',
        description:
          'The same figures as GET /api/v1/reports/programme, one a row (long form): ' +
          `${REPORT_CSV_COLUMNS.join(', ')}. Rates and shares are fractions from 0 to 1 (unit "share"); an empty value cannot be worked out. ` +
          'UTF-8 with a byte order mark, one header row; a cell that would start a formula begins with an apostrophe.',
        querystring: ProgrammeReportQuery,
        produces: ['text/csv'],
        response: {
          200: { description: 'The figures', content: { 'text/csv': { schema: Type.String({ description: 'CSV, one figure a row' }) } } },
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const report = await inFieldContext('querystring', () => programmeReport(deps, request.query))
      return (reply as FastifyReply)
        .type(CSV_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="programme-report-${report.programme.slug}-${report.from}-to-${report.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(programmeReportCsv(report))
    },
  )
}

export default reportsApi
