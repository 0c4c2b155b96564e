/**
 * The follow-up review: checks the query (./review.ts), looks up the
 * programme and coach it names, and reads one page of actions by keyset
 * (src/repositories/action-review.ts). Used by GET /api/v1/admin/actions and
 * the /admin/actions pages alike.
 */
import type { Clock } from '../clock.js'
import { ValidationError, type FieldProblem } from '../errors.js'
import type pg from 'pg'
import { readWithKeptPlans, type Queryable } from '../../repositories/db.js'
import { coachExists, listReviewPage, summariseReview, type ReviewFilters, type ReviewRow, type ReviewSummary } from '../../repositories/action-review.js'
import { findProgrammeForReport } from '../../repositories/reports.js'
import {
  REVIEW_MESSAGES,
  encodeReviewCursor,
  parseActionReviewQuery,
  reviewDate,
  startOfNextReviewDay,
  startOfReviewDay,
  type ActionReviewInput,
  type ActionReviewQuery,
  type ReviewSort,
} from './review.js'
import type { ActionCategory, ActionOwner, ActionStatus } from './types.js'
import type { ReportCache } from '../reports/report-cache.js'

export interface ReviewDeps {
  pool: Queryable
  clock: Clock
}

/** For a read that runs in a transaction of its own, and whose pages may be kept (see reviewActions). */
interface ReviewPoolDeps extends ReviewDeps {
  pool: pg.Pool
  reports?: Pick<ReportCache, 'get'>
}

/** One action as the programme team reviews it: the action, whose it is, never the notes. */
export interface ReviewedAction {
  id: string
  bookingId: string
  summary: string
  owner: ActionOwner
  category: ActionCategory
  status: ActionStatus
  dueOn: string
  overdue: boolean
  /** When the status last changed (ISO 8601, UTC). */
  statusSince: string
  candidate: { name: string }
  coach: { name: string }
  programme: { slug: string; name: string }
  bookingReference: string
  latestCandidateComment: string | null
}

interface ActionReviewPage {
  actions: ReviewedAction[]
  nextCursor: string | null
  previousCursor: string | null
  query: ActionReviewQuery
}

const FIELD_ORDER = ['programme', 'coach', 'owner', 'category', 'status', 'overdue', 'dueFrom', 'dueTo', 'agreedFrom', 'agreedTo', 'q', 'sort', 'cursor', 'limit']
const byField = (a: FieldProblem, b: FieldProblem) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)

const flip = (sort: ReviewSort): ReviewSort => (sort.startsWith('-') ? sort.slice(1) : `-${sort}`) as ReviewSort

export function reviewed(row: ReviewRow): ReviewedAction {
  return {
    id: row.id,
    bookingId: row.bookingId,
    summary: row.summary,
    owner: row.owner,
    category: row.category,
    status: row.status,
    dueOn: row.dueOn,
    overdue: row.overdue,
    statusSince: row.statusSince.toISOString(),
    candidate: { name: row.candidateName },
    coach: { name: row.coachName },
    programme: { slug: row.programmeSlug, name: row.programmeName },
    bookingReference: row.bookingReference,
    latestCandidateComment: row.latestCandidateComment,
  }
}

/** The query checked and its programme and coach found: a ValidationError naming every bad field otherwise. */
export async function checkReviewQuery(deps: ReviewDeps, input: ActionReviewInput): Promise<{ query: ActionReviewQuery; filters: ReviewFilters }> {
  const parsed = parseActionReviewQuery(input, reviewDate(deps.clock.now()))
  const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.errors]
  const programmeKey = parsed.ok ? parsed.value.filters.programme : typeof input.programme === 'string' ? input.programme.trim() : undefined
  const coachId = parsed.ok ? parsed.value.filters.coachId : undefined
  const [programme, coachFound] = await Promise.all([
    programmeKey && programmeKey.length <= 100 ? findProgrammeForReport(deps.pool, programmeKey) : null,
    coachId ? coachExists(deps.pool, coachId) : true,
  ])
  if (programmeKey && !programme && !problems.some((p) => p.field === 'programme')) {
    problems.push({ field: 'programme', message: REVIEW_MESSAGES.programmeUnknown })
  }
  if (!coachFound) problems.push({ field: 'coach', message: REVIEW_MESSAGES.coachUnknown })
  if (!parsed.ok || problems.length > 0) throw new ValidationError(problems.sort(byField))

  const { filters: f } = parsed.value
  const filters: ReviewFilters = {
    ...(programme ? { programmeId: programme.id } : {}),
    ...(f.coachId ? { coachId: f.coachId } : {}),
    ...(f.owner ? { owner: f.owner } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.overdue !== undefined ? { overdue: f.overdue } : {}),
    ...(f.dueFrom ? { dueFrom: f.dueFrom } : {}),
    ...(f.dueTo ? { dueTo: f.dueTo } : {}),
    ...(f.agreedFrom ? { agreedStart: startOfReviewDay(f.agreedFrom) } : {}),
    ...(f.agreedTo ? { agreedEnd: startOfNextReviewDay(f.agreedTo) } : {}),
    ...(f.q ? { q: f.q } : {}),
  }
  return { query: parsed.value, filters }
}

/**
 * One page of the review. `nextCursor` continues after its last row (null at
 * the end); `previousCursor` goes back to the rows before its first (null on
 * the first page).
 */
export async function reviewActions(deps: ReviewPoolDeps, input: ActionReviewInput): Promise<ActionReviewPage> {
  // Read on one connection with each statement's plan made once and kept. Left to choose, PostgreSQL planned the
  // statements of a search, a programme's status or a range of due dates afresh at every read: 1-7 ms of planning for
  // 0.5-3 ms of running, and their kept plans run as fast or faster (docs/performance.md, session 16).
  const read = async () => keptPage(await readWithKeptPlans(deps.pool, (db) => readReviewPage({ ...deps, pool: db }, input)))
  return deps.reports ? deps.reports.get(reviewPageKey(input, reviewDate(deps.clock.now())), read, (page) => bytesOfActions(page.actions)) : read()
}

/** About what a page's actions weigh kept: their text at two bytes a character, and each object's fields. */
function bytesOfActions(actions: readonly ReviewedAction[]): number {
  let bytes = 1024
  for (const action of actions) {
    const text =
      action.summary.length + (action.latestCandidateComment?.length ?? 0) + action.candidate.name.length + action.coach.name.length + action.programme.name.length
    bytes += 2 * text + 600
  }
  return bytes
}

/**
 * A page of the review is the same for every admin who asks for it (it
 * depends on the query and the day, never on who asks), and admins working
 * through the review together ask for the same first pages again and again.
 * So pages are kept with the reports (src/domain/reports/report-cache.ts),
 * and go with them: every table a page reads (actions, their status changes,
 * bookings, programmes, coaches, staff accounts) tells the running services
 * when it changes, and every such notice drops every kept page. The key is
 * the query as given and the review's day (which decides "overdue"; how long
 * an action has been in its status is worked out when the page is shown).
 * A query the review refuses is never kept: its ValidationError is thrown
 * again each time. The summary of the actions a query matches
 * (summariseActionReview) is kept the same way, under a key of its own kind.
 */
export function reviewPageKey(input: ActionReviewInput, today: string, kind: 'review-page' | 'review-summary' = 'review-page'): string {
  const given = FIELD_ORDER.map((field) => input[field as keyof ActionReviewInput])
  return `${kind}|${today}|${JSON.stringify(given)}`
}

/** A kept page is shared by every request that asks for it: frozen, so none can change it for the others. */
function keptPage(page: ActionReviewPage): ActionReviewPage {
  for (const action of page.actions) {
    Object.freeze(action.candidate)
    Object.freeze(action.coach)
    Object.freeze(action.programme)
    Object.freeze(action)
  }
  Object.freeze(page.actions)
  Object.freeze(page.query.filters)
  Object.freeze(page.query)
  return Object.freeze(page)
}

async function readReviewPage(deps: ReviewDeps, input: ActionReviewInput): Promise<ActionReviewPage> {
  const { query, filters } = await checkReviewQuery(deps, input)
  const { sort, limit, cursor, today } = query
  const cursorAt = (direction: 'after' | 'before', key: string[]) => encodeReviewCursor({ sort, today, key, direction })

  if (cursor?.direction === 'before') {
    // Read backwards from the cursor's row, then turn the rows round.
    const rows = await listReviewPage(deps.pool, { filters, sort: flip(sort), today, after: cursor.key, limit: limit + 1 })
    if (rows.length > limit) {
      const page = rows.slice(0, limit).reverse()
      return {
        actions: page.map(reviewed),
        nextCursor: cursorAt('after', page[page.length - 1]!.sortKey),
        previousCursor: cursorAt('before', page[0]!.sortKey),
        query,
      }
    }
    // Back at the start: the first page, full.
    return firstOrLaterPage(deps, query, filters, null)
  }
  return firstOrLaterPage(deps, query, filters, cursor?.key ?? null)
}

async function firstOrLaterPage(deps: ReviewDeps, query: ActionReviewQuery, filters: ReviewFilters, after: string[] | null): Promise<ActionReviewPage> {
  const { sort, limit, today } = query
  const cursorAt = (direction: 'after' | 'before', key: string[]) => encodeReviewCursor({ sort, today, key, direction })
  const rows = await listReviewPage(deps.pool, { filters, sort, today, after, limit: limit + 1 })
  const page = rows.slice(0, limit)
  return {
    actions: page.map(reviewed),
    nextCursor: rows.length > limit ? cursorAt('after', page[page.length - 1]!.sortKey) : null,
    previousCursor: after === null ? null : cursorAt('before', page[0]?.sortKey ?? after),
    query: after === null ? { ...query, cursor: null } : query,
  }
}

/** The counts of the matching actions (in all, by coach, by category) for the summary page. */
export async function summariseActionReview(
  deps: ReviewDeps & Pick<ReviewPoolDeps, 'reports'>,
  input: ActionReviewInput,
): Promise<{ summary: ReviewSummary; query: ActionReviewQuery }> {
  const asked = { ...input, cursor: undefined, limit: undefined }
  const count = async () => {
    const { query, filters } = await checkReviewQuery(deps, asked)
    return keptSummary({ summary: await summariseReview(deps.pool, filters, query.today), query })
  }
  // Counting every action a summary covers took 60-120 ms of PostgreSQL for the whole review: kept like its pages.
  const bytesOf = ({ summary }: { summary: ReviewSummary }) => 1024 + 200 * (summary.byCoach.length + summary.byCategory.length)
  return deps.reports ? deps.reports.get(reviewPageKey(asked, reviewDate(deps.clock.now()), 'review-summary'), count, bytesOf) : count()
}

/** A kept summary is shared by every request that asks for it: frozen, as a kept page is. */
function keptSummary(result: { summary: ReviewSummary; query: ActionReviewQuery }): { summary: ReviewSummary; query: ActionReviewQuery } {
  for (const row of [...result.summary.byCoach, ...result.summary.byCategory]) Object.freeze(row)
  Object.freeze(result.summary.totals)
  Object.freeze(result.summary.byCoach)
  Object.freeze(result.summary.byCategory)
  Object.freeze(result.summary)
  Object.freeze(result.query.filters)
  Object.freeze(result.query)
  return Object.freeze(result)
}
