/**
 * The follow-up review's filter form, shared by the list (./review-list.ts),
 * its bulk status change (./bulk-status.ts) and the summary (./summary.ts):
 * the query it sends, its options, and what the page says when the review
 * refuses a filter.
 */
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import {
  ACTION_CATEGORIES,
  ACTION_OWNERS,
  ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusLabels,
} from '../../../../domain/actions/types.js'
import { DEFAULT_REVIEW_SORT, REVIEW_SORTS, type ActionReviewInput, type ReviewSort } from '../../../../domain/actions/review.js'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { formatDate } from '../../../../domain/time/index.js'
import { filterLists } from '../../../../domain/reports/filter-lists.js'
import { coachOptions, programmeOptions, selectOption } from '../../../../http/filter-options.js'

export const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }))
export const Query = Type.Object({
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
export type QueryValues = { [K in keyof typeof Query.properties]?: string }

export const SORT_LABELS: Record<ReviewSort, string> = {
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

/** The query for the domain: the page's own checkbox is "yes" when ticked, nothing otherwise. */
export const reviewInput = (query: QueryValues): ActionReviewInput => ({ ...query, overdue: query.overdue ? query.overdue : undefined })

export const candidateUrl = (bookingId: string) => `/admin/actions/candidates/${bookingId}`

/** The review's filters and sort as hidden fields (for the bulk change's form and its confirmation). */
export const hiddenFields = (params: URLSearchParams) => [...params.entries()].map(([name, value]) => ({ name, value }))

/** The form of the review's pages, with the app's programmes, coaches and clock. */
export function reviewForm(app: FastifyInstance) {
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
    const lists = await filterLists(app.deps)
    const filtered = Boolean(
      values.programme || values.coach || values.owner || values.category || values.status || values.overdue ||
        values.dueFrom || values.dueTo || values.agreedFrom || values.agreedTo || values.q,
    )
    return {
      values,
      filtered,
      programmeOptions: programmeOptions(lists, values.programme),
      coachOptions: coachOptions(lists, values.coach),
      ownerOptions: [selectOption('', 'Anyone', values.owner), ...ACTION_OWNERS.map((o) => selectOption(o, actionOwnerLabels[o], values.owner))],
      categoryOptions: [selectOption('', 'All categories', values.category), ...ACTION_CATEGORIES.map((c) => selectOption(c, actionCategoryLabels[c], values.category))],
      statusOptions: [selectOption('', 'All statuses', values.status), ...ACTION_STATUSES.map((s) => selectOption(s, actionStatusLabels[s], values.status))],
      sortOptions: REVIEW_SORTS.map((s) => selectOption(s, SORT_LABELS[s], values.sort)),
      today: formatDate(app.clock.now()),
    }
  }

  function refused(error: unknown, view: Awaited<ReturnType<typeof formView>>) {
    if (!(error instanceof ValidationError)) throw error
    const problems: FieldProblem[] = error.fields.map((f) => ({ field: f.field, message: PAGE_MESSAGES[f.field] ?? f.message }))
    return { ...view, ...errorsView(problems, { cursor: 'sort' }), filtersRefused: true }
  }

  return { formView, refused }
}
