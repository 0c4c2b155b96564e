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
import { reviewActions, summariseActionReview } from '../../../../domain/actions/review-service.js'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { formatDate } from '../../../../domain/time/index.js'
import { listCoachesForReview } from '../../../../repositories/action-review.js'
import { listProgrammes } from '../../../../repositories/programmes.js'
import type { FastifyReply } from 'fastify'
import {
  BULK_REASON_TEXT,
  BULK_STATUS_LIMIT,
  bulkChangeActionStatus,
  checkBulkStatusCommand,
  previewBulkSelection,
  type BulkSelection,
} from '../../../../domain/actions/bulk-status.js'
import type { ReviewedAction } from '../../../../domain/actions/review-service.js'
import { candidateOverview } from '../../../../domain/actions/candidate-overview.js'
import { describeTimelineEntry, timelineWhen } from '../../../../domain/booking-timeline/index.js'
import { formatDateTimeRange } from '../../../../domain/time/index.js'
import { staffRequest } from '../../../../http/staff-request.js'

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

const BOOKING_STATUS_LABELS = { booked: 'Booked', cancelled: 'Cancelled', completed: 'Held', no_show: 'Did not attend' } as const

const adminActions: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

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
    return { ...view, ...errorsView(problems, { cursor: 'sort' }), filtersRefused: true }
  }

  /** The bulk change's part of the form: what was chosen, and the problems with it. */
  interface BulkForm {
    scope: string
    status: string
    comment: string
    actionIds: string[]
    problems: FieldProblem[]
  }
  const NO_BULK: BulkForm = { scope: '', status: '', comment: '', actionIds: [], problems: [] }

  const candidateUrl = (bookingId: string) => `/admin/actions/candidates/${bookingId}`

  /** The review's filters and sort as hidden fields (for the bulk change's form and its confirmation). */
  const hiddenFields = (params: URLSearchParams) => [...params.entries()].map(([name, value]) => ({ name, value }))

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
        statusItems: [option('', 'Choose a status', bulk.status), ...ACTION_STATUSES.map((st) => option(st, actionStatusLabels[st], bulk.status))],
        comment: bulk.comment,
      },
    })
  }

  /** The cursor of the page being shown, as given (so a refused bulk change comes back to the same page). */
  const encodeCursorOf = (query: QueryValues) => (query.cursor ?? '').trim()

  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => showList(reply, request.query as QueryValues))

  // --- Changing the status of many actions: choose, confirm, done (no JavaScript needed) ---

  const BulkBody = Type.Object({
    ...Query.properties,
    _csrf: Type.Optional(Type.String()),
    scope: text(20),
    /** Not `status`: that is the review's own filter, sent along with the form. */
    newStatus: text(100),
    comment: Type.Optional(Type.String({ maxLength: 5000 })),
    actionIds: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: BULK_STATUS_LIMIT + 1 })])),
  })
  type BulkValues = QueryValues & { scope?: string; newStatus?: string; comment?: string; actionIds?: string | string[] }

  const idsOf = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((id) => id.trim().toLowerCase())
  const filtersOf = (body: BulkValues): QueryValues => {
    const { scope: _s, newStatus: _st, comment: _c, actionIds: _a, ...rest } = body as BulkValues & { _csrf?: string }
    delete (rest as { _csrf?: string })._csrf
    return rest
  }

  const PAGE_BULK_MESSAGES = {
    scope: 'Choose which actions to change',
    nothingSelected: 'Select the actions to change, or choose every action that matches',
    tooMany: `More than ${BULK_STATUS_LIMIT} actions match: narrow the filters, or select the actions to change`,
    noneMatch: 'No actions match these filters',
    status: 'Choose the new status',
    comment: 'Enter a comment saying why the status is changing',
    commentTooLong: 'Enter a comment of 500 characters or fewer',
  }

  function rowsForPage(actions: ReviewedAction[]) {
    return actions.map((action) => ({
      summary: action.summary,
      candidate: action.candidate.name,
      candidateUrl: candidateUrl(action.bookingId),
      reference: action.bookingReference,
      status: actionStatusLabels[action.status],
      statusColour: actionStatusColours[action.status],
      due: formatDate(action.dueOn, 'UTC'),
    }))
  }

  app.post('/bulk-status', { schema: { hide: true, body: BulkBody } }, async (request, reply) => {
    const body = request.body as BulkValues
    const filters = filtersOf(body)
    const bulk: BulkForm = { scope: (body.scope ?? '').trim(), status: (body.newStatus ?? '').trim(), comment: (body.comment ?? '').trim(), actionIds: idsOf(body.actionIds), problems: [] }
    const problems: FieldProblem[] = []
    if (bulk.scope !== 'selected' && bulk.scope !== 'matching') problems.push({ field: 'scope', message: PAGE_BULK_MESSAGES.scope })
    else if (bulk.scope === 'selected' && bulk.actionIds.length === 0) problems.push({ field: 'actionIds', message: PAGE_BULK_MESSAGES.nothingSelected })
    try {
      checkBulkStatusCommand({ actionIds: ['00000000-0000-4000-8000-000000000000'], status: bulk.status, comment: bulk.comment })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      for (const problem of error.fields) {
        if (problem.field === 'status') problems.push({ field: 'status', message: PAGE_BULK_MESSAGES.status })
        if (problem.field === 'comment') {
          problems.push({ field: 'comment', message: bulk.comment === '' ? PAGE_BULK_MESSAGES.comment : PAGE_BULK_MESSAGES.commentTooLong })
        }
      }
    }
    let preview: Awaited<ReturnType<typeof previewBulkSelection>> | null = null
    if (!problems.some((p) => p.field === 'scope' || p.field === 'actionIds')) {
      const selection: BulkSelection = bulk.scope === 'matching' ? { matching: reviewInput(filters) } : { actionIds: bulk.actionIds }
      try {
        preview = await previewBulkSelection(deps, selection)
      } catch (error) {
        // Filters the review refuses: the list shows what is wrong with them.
        if (error instanceof ValidationError) return showList(reply, filters)
        throw error
      }
      if (preview.more) problems.push({ field: 'scope', message: PAGE_BULK_MESSAGES.tooMany })
      else if (preview.actions.length === 0) {
        problems.push({ field: 'scope', message: bulk.scope === 'matching' ? PAGE_BULK_MESSAGES.noneMatch : PAGE_BULK_MESSAGES.nothingSelected })
      }
    }
    if (problems.length > 0 || !preview) return showList(reply, filters, { ...bulk, problems })

    const back = reviewSearchParams({}, DEFAULT_REVIEW_SORT)
    for (const [name, value] of Object.entries(filters)) if (typeof value === 'string' && value.trim() !== '') back.set(name, value.trim())
    const count = preview.actions.length
    return reply.view('pages/admin/actions/bulk-confirm.njk', {
      count,
      countText: `${count} ${count === 1 ? 'action' : 'actions'}`,
      status: bulk.status,
      statusLabel: actionStatusLabels[bulk.status as keyof typeof actionStatusLabels],
      comment: bulk.comment,
      limit: BULK_STATUS_LIMIT,
      actionIds: preview.actions.map((a) => a.id),
      actions: rowsForPage(preview.actions),
      hidden: hiddenFields(back),
      backUrl: `/admin/actions${back.toString() ? `?${back.toString()}` : ''}`,
    })
  })

  app.post('/bulk-status/confirm', { schema: { hide: true, body: BulkBody } }, async (request, reply) => {
    const body = request.body as BulkValues
    const filters = filtersOf(body)
    const actionIds = idsOf(body.actionIds)
    let results
    try {
      results = await bulkChangeActionStatus(deps, { actionIds, status: body.newStatus, comment: body.comment }, staffRequest(request))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showList(reply, filters, {
        scope: 'selected',
        status: (body.newStatus ?? '').trim(),
        comment: (body.comment ?? '').trim(),
        actionIds,
        problems: error.fields.map((f) => ({ field: f.field, message: f.field === 'status' ? PAGE_BULK_MESSAGES.status : f.field === 'comment' ? PAGE_BULK_MESSAGES.comment : PAGE_BULK_MESSAGES.nothingSelected })),
      })
    }
    const notChanged = results.filter((r) => !r.changed)
    const { actions } = notChanged.length > 0 ? await previewBulkSelection(deps, { actionIds: notChanged.map((r) => r.actionId) }) : { actions: [] }
    const byId = new Map(actions.map((a) => [a.id, a]))
    const changed = results.length - notChanged.length
    const back = new URLSearchParams()
    for (const [name, value] of Object.entries(filters)) if (typeof value === 'string' && value.trim() !== '' && name !== 'cursor') back.set(name, value.trim())
    return reply.view('pages/admin/actions/bulk-done.njk', {
      changed,
      changedText: `${changed} ${changed === 1 ? 'action' : 'actions'}`,
      statusLabel: actionStatusLabels[body.newStatus as keyof typeof actionStatusLabels],
      notChanged: notChanged.map((r) => {
        const action = byId.get(r.actionId)
        return {
          summary: action?.summary ?? 'An action that no longer exists',
          candidate: action?.candidate.name ?? '',
          candidateUrl: action ? candidateUrl(action.bookingId) : null,
          reason: BULK_REASON_TEXT[r.reason!],
        }
      }),
      backUrl: `/admin/actions${back.toString() ? `?${back.toString()}` : ''}`,
    })
  })

  // --- A candidate's page: their bookings, actions and each booking's timeline ---

  app.get('/candidates/:bookingId', { schema: { hide: true, params: Type.Object({ bookingId: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const overview = await candidateOverview(app.deps, request.params.bookingId, staffRequest(request))
    return reply.view('pages/admin/actions/candidate.njk', {
      candidate: overview.candidate,
      bookings: overview.bookings.map((booking) => ({
        id: booking.id,
        opened: booking.id === overview.bookingId,
        reference: booking.reference,
        programme: booking.programmeName,
        coach: booking.coachName,
        when: formatDateTimeRange(booking.startsAt, booking.endsAt),
        status: BOOKING_STATUS_LABELS[booking.status],
        actions: booking.actions.map((action) => ({
          summary: action.summary,
          owner: actionOwnerLabels[action.owner],
          category: actionCategoryLabels[action.category],
          due: formatDate(action.dueOn, 'UTC'),
          status: actionStatusLabels[action.status],
          statusColour: actionStatusColours[action.status],
          since: formatDate(action.statusChangedAt),
        })),
        timeline: booking.timeline.map((entry) => ({ when: timelineWhen(entry.at), at: entry.at.toISOString(), ...describeTimelineEntry(entry) })),
      })),
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
