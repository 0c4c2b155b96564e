/**
 * GET /admin/actions: the list of actions, fifty at a time, with the form that
 * changes the status of many at once (./bulk-status.ts posts it, and shows the
 * list again when it is refused).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ACTION_STATUSES, actionCategoryLabels, actionOwnerLabels, actionStatusColours, actionStatusLabels } from '../../../../domain/actions/types.js'
import { DEFAULT_REVIEW_SORT, reviewSearchParams, timeInStatus } from '../../../../domain/actions/review.js'
import { reviewActions } from '../../../../domain/actions/review-service.js'
import { BULK_STATUS_LIMIT } from '../../../../domain/actions/bulk-status.js'
import type { FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { formatDate } from '../../../../domain/time/index.js'
import { Query, SORT_LABELS, candidateUrl, hiddenFields, reviewForm, reviewInput, type QueryValues } from './review-form.js'
import { selectOption } from '../../../../http/filter-options.js'

/** The bulk change's part of the form: what was chosen, and the problems with it. */
export interface BulkForm {
  scope: string
  status: string
  comment: string
  actionIds: string[]
  problems: FieldProblem[]
}
const NO_BULK: BulkForm = { scope: '', status: '', comment: '', actionIds: [], problems: [] }

/** The cursor of the page being shown, as given (so a refused bulk change comes back to the same page). */
const encodeCursorOf = (query: QueryValues) => (query.cursor ?? '').trim()

/** The list page, with the app's dependencies and clock. */
export function reviewList(app: FastifyInstance) {
  const deps = app.deps
  const { formView, refused } = reviewForm(app)

  async function showList(reply: FastifyReply, query: QueryValues, bulk: BulkForm = NO_BULK) {
    // The form's lists and the page of actions side by side.
    const [view, page] = await Promise.all([formView(query), reviewActions(deps, reviewInput(query)).catch((error: unknown) => error as Error)])
    if (page instanceof Error) return reply.code(400).view('pages/admin/actions/index.njk', refused(page, view))
    const now = app.clock.now()
    const base = reviewSearchParams(page.query.filters, page.query.sort)
    const withCursor = (cursor: string) => {
      const params = new URLSearchParams(base)
      params.set('cursor', cursor)
      return `/admin/actions?${params.toString()}#actions`
    }
    const summaryParams = reviewSearchParams(page.query.filters, DEFAULT_REVIEW_SORT).toString()
    const here = new URLSearchParams(base)
    if (page.query.cursor) here.set('cursor', encodeCursorOf(query))
    const bulkErrors = errorsView(bulk.problems, { scope: 'bulk-scope', actionIds: 'bulk-scope', status: 'bulk-status', comment: 'bulk-comment' })
    return reply.code(bulk.problems.length > 0 ? 400 : 200).view('pages/admin/actions/index.njk', {
      ...view,
      ...bulkErrors,
      sortLabel: SORT_LABELS[page.query.sort],
      summaryUrl: `/admin/actions/summary${summaryParams ? `?${summaryParams}` : ''}`,
      exportUrl: `/api/v1/admin/actions/export${base.toString() ? `?${base.toString()}` : ''}`,
      firstPageUrl: page.query.cursor ? `/admin/actions${base.toString() ? `?${base.toString()}` : ''}#actions` : null,
      actions: page.actions.map((action) => ({
        id: action.id,
        checked: bulk.actionIds.includes(action.id),
        candidateUrl: candidateUrl(action.bookingId),
        summary: action.summary,
        category: actionCategoryLabels[action.category],
        owner: actionOwnerLabels[action.owner],
        due: formatDate(action.dueOn, 'UTC'),
        overdue: action.overdue,
        status: actionStatusLabels[action.status],
        statusColour: actionStatusColours[action.status],
        timeInStatus: timeInStatus(new Date(action.statusSince), now),
        statusSince: formatDate(action.statusSince),
        candidate: action.candidate.name,
        coach: action.coach.name,
        reference: action.bookingReference,
        programme: action.programme.name,
        comment: action.latestCandidateComment,
      })),
      previousUrl: page.previousCursor ? withCursor(page.previousCursor) : null,
      nextUrl: page.nextCursor ? withCursor(page.nextCursor) : null,
      bulk: {
        limit: BULK_STATUS_LIMIT,
        hidden: hiddenFields(here),
        scopeItems: [
          { value: 'selected', text: 'The actions I have selected on this page', checked: bulk.scope === 'selected' },
          {
            value: 'matching',
            text: `Every action that matches ${view.filtered ? 'these filters' : 'the review'}, up to ${BULK_STATUS_LIMIT}`,
            checked: bulk.scope === 'matching',
          },
        ],
        statusItems: [selectOption('', 'Choose a status', bulk.status), ...ACTION_STATUSES.map((st) => selectOption(st, actionStatusLabels[st], bulk.status))],
        comment: bulk.comment,
      },
    })
  }

  return { showList }
}

const reviewListPage: FastifyPluginAsyncTypebox = async (app) => {
  const { showList } = reviewList(app)
  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => showList(reply, request.query as QueryValues))
}

export default reviewListPage
