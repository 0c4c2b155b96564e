/**
 * GET /admin/actions/summary: the same actions as the review's list, with the
 * same filters, counted by coach and by category.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actionCategoryLabels } from '../../../../domain/actions/types.js'
import { DEFAULT_REVIEW_SORT, reviewSearchParams } from '../../../../domain/actions/review.js'
import { summariseActionReview } from '../../../../domain/actions/review-service.js'
import { errorsView } from '../../../../http/error-summary.js'
import { Query, reviewForm, reviewInput, type QueryValues } from './review-form.js'

const summaryPage: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const { formView, refused } = reviewForm(app)

  app.get('/summary', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query as QueryValues
    const [view, result] = await Promise.all([formView(query), summariseActionReview(deps, reviewInput(query)).catch((error: unknown) => error as Error)])
    if (result instanceof Error) return reply.code(400).view('pages/admin/actions/summary.njk', refused(result, view))
    const params = reviewSearchParams(result.query.filters, DEFAULT_REVIEW_SORT).toString()
    const { summary } = result
    return reply.view('pages/admin/actions/summary.njk', {
      ...view,
      ...errorsView([]),
      listUrl: `/admin/actions${params ? `?${params}` : ''}`,
      summary: {
        totals: summary.totals,
        byCoach: summary.byCoach,
        byCategory: summary.byCategory.map((row) => ({ ...row, label: actionCategoryLabels[row.category] })),
      },
    })
  })
}

export default summaryPage
