import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ACTION_CATEGORIES,
  ACTION_OWNERS,
  ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusColours,
  actionStatusLabels,
} from '../../../../domain/actions/types.js'
import {
  DEFAULT_REVIEW_SORT,
  REVIEW_SORTS,
  reviewSearchParams,
  timeInStatus,
  type ActionReviewInput,
  type ReviewSort,
} from '../../../../domain/actions/review.js'
import { reviewActions, summariseActionReview, type ReviewDeps } from '../../../../domain/actions/review-service.js'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { formatDate } from '../../../../domain/time/index.js'
import { listCoachesForReview } from '../../../../repositories/action-review.js'
import { listProgrammes } from '../../../../repositories/programmes.js'

/**
 * /admin/actions: the follow-up review, for the programme team: every action
 * agreed in any conversation, filtered, searched and sorted, fifty at a time
 * ("Previous" and "Next" walk the list by keyset, so a page never repeats or
 * misses an action added meanwhile). /admin/actions/summary counts the same
 * actions by coach and by category. Both are GET forms (bookmarkable, no
 * JavaScript needed) over the same query as GET /api/v1/admin/actions
 * (src/domain/actions/review.ts). Only the action itself, the candidate's and
 * coach's names, the candidate's own comment and the booking reference are
 * shown: never the notes. Access: ../autohooks.ts (admins only).
 */

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }))
const Query = Type.Object({
  programme: text(100),
  coach: text(100),
  owner: text(100),
  category: text(100),
  status: text(100),
  overdue: text(10),
  dueFrom: text(20),
  dueTo: text(20),
  agreedFrom: text(20),
  agreedTo: text(20),
  q: text(200),
  sort: text(20),
  cursor: text(2000),
})
type QueryValues = { [K in keyof typeof Query.properties]?: string }

const SORT_LABELS: Record<ReviewSort, string> = {
  overdue: 'Overdue first, then by due date',
  '-overdue': 'Not overdue first, latest due first',
  dueOn: 'Due date, earliest first',
  '-dueOn': 'Due date, latest first',
  status: 'Status: not started first',
  '-status': 'Status: no longer relevant first',
  coach: 'Coach, A to Z',
  '-coach': 'Coach, Z to A',
  candidate: 'Candidate, A to Z',
  '-candidate': 'Candidate, Z to A',
  statusSince: 'Longest in their status first',
  '-statusSince': 'Most recently changed first',
}

/** What the page says for each field the review query refuses. */
const PAGE_MESSAGES: Record<string, string> = {
  programme: 'Choose a programme from the list',
  coach: 'Choose a coach from the list',
  owner: 'Choose who does it from the list',
  category: 'Choose a category from the list',
  status: 'Choose a status from the list',
  overdue: 'Choose whether to show overdue actions only',
  dueFrom: 'The first due date must be a real date',
  dueTo: 'The last due date must be a real date, on or after the first',
  agreedFrom: 'The first date agreed must be a real date',
  agreedTo: 'The last date agreed must be a real date, on or after the first',
  q: 'Enter 100 characters or fewer to search for',
  sort: 'Choose an order from the list',
  cursor: 'That page of actions is no longer available: start again from the first page',
}

const option = (value: string, label: string, selected: string) => ({ value, text: label, selected: value === selected })

const adminActions: FastifyPluginAsyncTypebox = async (app) => {
  const deps: ReviewDeps = { pool: app.pg.pool, clock: app.clock }

  /** The form's values as given, its options, and what every view of the review shares. */
  async function formView(query: QueryValues) {
    const values = {
      programme: (query.programme ?? '').trim(),
      coach: (query.coach ?? '').trim(),
      owner: (query.owner ?? '').trim(),
      category: (query.category ?? '').trim(),
      status: (query.status ?? '').trim(),
      overdue: ['yes', 'true', '1'].includes((query.overdue ?? '').trim().toLowerCase()),
      dueFrom: (query.dueFrom ?? '').trim(),
      dueTo: (query.dueTo ?? '').trim(),
      agreedFrom: (query.agreedFrom ?? '').trim(),
      agreedTo: (query.agreedTo ?? '').trim(),
      q: (query.q ?? '').trim(),
      sort: (query.sort ?? '').trim() || DEFAULT_REVIEW_SORT,
    }
    const [programmes, coaches] = await Promise.all([listProgrammes(app.pg.pool), listCoachesForReview(app.pg.pool)])
    const filtered = Boolean(
      values.programme || values.coach || values.owner || values.category || values.status || values.overdue ||
        values.dueFrom || values.dueTo || values.agreedFrom || values.agreedTo || values.q,
    )
    return {
      values,
      filtered,
      programmeOptions: [
        option('', 'All programmes', values.programme),
        ...programmes.map((p) => option(p.id, p.active ? p.name : `${p.name} (closed)`, values.programme)),
      ],
      coachOptions: [option('', 'All coaches', values.coach), ...coaches.map((c) => option(c.id, c.name, values.coach))],
      ownerOptions: [option('', 'Anyone', values.owner), ...ACTION_OWNERS.map((o) => option(o, actionOwnerLabels[o], values.owner))],
      categoryOptions: [option('', 'All categories', values.category), ...ACTION_CATEGORIES.map((c) => option(c, actionCategoryLabels[c], values.category))],
      statusOptions: [option('', 'All statuses', values.status), ...ACTION_STATUSES.map((s) => option(s, actionStatusLabels[s], values.status))],
      sortOptions: REVIEW_SORTS.map((s) => option(s, SORT_LABELS[s], values.sort)),
      today: formatDate(app.clock.now()),
    }
  }

  /** The query for the domain: the page's own checkbox is "yes" when ticked, nothing otherwise. */
  const reviewInput = (query: QueryValues): ActionReviewInput => ({ ...query, overdue: query.overdue ? query.overdue : undefined })

  function refused(error: unknown, view: Awaited<ReturnType<typeof formView>>) {
    if (!(error instanceof ValidationError)) throw error
    const problems: FieldProblem[] = error.fields.map((f) => ({ field: f.field, message: PAGE_MESSAGES[f.field] ?? f.message }))
    return { ...view, ...errorsView(problems, { cursor: 'sort' }) }
  }

  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query as QueryValues
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
    return reply.view('pages/admin/actions/index.njk', {
      ...view,
      ...errorsView([]),
      sortLabel: SORT_LABELS[page.query.sort],
      summaryUrl: `/admin/actions/summary${summaryParams ? `?${summaryParams}` : ''}`,
      firstPageUrl: page.query.cursor ? `/admin/actions${base.toString() ? `?${base.toString()}` : ''}#actions` : null,
      actions: page.actions.map((action) => ({
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
    })
  })

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

export default adminActions
