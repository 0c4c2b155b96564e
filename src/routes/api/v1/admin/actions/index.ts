import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { reviewActions } from '../../../../../domain/actions/review-service.js'
import { ErrorBody } from '../../../../../schemas/common.js'
import { inFieldContext } from '../../../../../schemas/field-context.js'
import { ReviewQuery, ReviewReply } from './schemas.js'

/**
 * /api/v1/admin/actions: the follow-up review (the same query as the
 * /admin/actions page): every action agreed in any conversation, filtered,
 * sorted and read page by page by keyset. Admins only (../autohooks.ts): 401
 * signed out, 403 a coach. Only the action itself, its candidate's and
 * coach's names and the booking reference: never the notes.
 */
const adminActionsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { pool: app.pg.pool, clock: app.clock }

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
}

export default adminActionsApi
