import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { reviewActions } from '../../../../../domain/actions/review-service.js'
import { ErrorBody } from '../../../../../schemas/common.js'
import { inFieldContext } from '../../../../../schemas/field-context.js'
import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { bulkChangeActionStatus } from '../../../../../domain/actions/bulk-status.js'
import { exportActionReview } from '../../../../../domain/actions/review-export.js'
import { staffRequest } from '../../../../../http/staff-request.js'
import { BulkStatusBody, BulkStatusReply, CsvFile, ExportQuery, ReviewQuery, ReviewReply } from './schemas.js'

/**
 * /api/v1/admin/actions: the follow-up review (the same query as the
 * /admin/actions page): every action agreed in any conversation, filtered,
 * sorted and read page by page by keyset. Admins only (../autohooks.ts): 401
 * signed out, 403 a coach. Only the action itself, its candidate's and
 * coach's names and the booking reference: never the notes.
 */
const adminActionsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get(
    '/',
    {
      schema: {
        tags: ['actions'],
        operationId: 'listAdminActions',
        security: [{ session: [] }],
        summary: 'Review the actions agreed across the programmes',
        description:
          'Filters: programme, coach, owner, category, status, overdue, dueFrom/dueTo, agreedFrom/agreedTo (when agreed), ' +
          'q (candidate name, email or booking reference). Keyset pagination: pass nextCursor as cursor for the next page, ' +
          'with the same sort; a page never repeats or misses an action when actions are added meanwhile. ' +
          '400 names each bad field (an unknown programme or coach, a cursor from another sort).',
        querystring: ReviewQuery,
        response: { 200: ReviewReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const page = await inFieldContext('querystring', () => reviewActions(deps, request.query))
      return { actions: page.actions, nextCursor: page.nextCursor, previousCursor: page.previousCursor }
    },
  )

  app.get(
    '/export',
    {
      schema: {
        tags: ['actions'],
        operationId: 'exportAdminActions',
        security: [{ session: [] }],
        summary: 'Download the actions that match, as CSV',
        description:
          'The same filters and sort as GET /api/v1/admin/actions (no cursor or limit: every matching action). ' +
          'Streamed page by page (each page its own short query), so there is no size limit. ' +
          'Each export is written to the audit log with its filters and the number of rows. 400 names each bad field.',
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: {
          200: { description: 'The actions, one row each', content: { 'text/csv': { schema: CsvFile } } },
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const chunks = await inFieldContext('querystring', () => exportActionReview(deps, request.query, staffRequest(request)))
      const day = app.clock.now().toISOString().slice(0, 10)
      // A stream: sent as it is read, never serialised against the schema (which documents it).
      return (reply as FastifyReply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="follow-up-actions-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(chunks))
    },
  )

  app.post(
    '/bulk-status',
    {
      schema: {
        tags: ['actions'],
        operationId: 'bulkChangeAdminActionStatus',
        security: [{ session: [] }],
        summary: 'Set the status of many actions at once, with a comment',
        description:
          "The programme team (admins) may change any action. Each action is answered on its own: changed, or why not. Each change is kept in the action's " +
          'history with the comment (as changed by the programme team, naming the admin) and written to the audit log, one entry per action. ' +
          'All in one transaction.',
        body: BulkStatusBody,
        response: { 200: BulkStatusReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const results = await inFieldContext('body', () => bulkChangeActionStatus(deps, request.body, staffRequest(request)))
      return { results: results.map(({ actionId, changed, reason }) => ({ actionId, changed, ...(reason ? { reason } : {}) })) }
    },
  )
}

export default adminActionsApi
