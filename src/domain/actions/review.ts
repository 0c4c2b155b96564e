/**
 * The follow-up review: the query an
 * admin asks of every action across the programme, checked in one place for
 * GET /api/v1/admin/actions and the /admin/actions page. Pure: no I/O, no
 * clock (`today` is given).
 *
 * Filters: programme (id or slug), coach (id), owner, category, status,
 * overdue (true: only overdue; false: only not overdue), dueFrom / dueTo (the
 * due date, both included), agreedFrom / agreedTo (the UK date the action was
 * agreed, i.e. created, both included), q (part of the candidate's name,
 * email address or booking reference, any case).
 *
 * Sorts: a field name, `-` before it for the reverse. Each one ends in the
 * action's id, so every row has its own place and keyset pagination neither
 * repeats nor misses a row when actions are added meanwhile.
 *
 * | sort        | order (ascending)                                                      |
 * |-------------|------------------------------------------------------------------------|
 * | overdue     | overdue actions first, then the rest; each by due date (the default)   |
 * | dueOn       | due date, earliest first                                               |
 * | status      | not started, in progress, done, no longer relevant; then due date      |
 * | coach       | coach's name A to Z; then due date                                     |
 * | candidate   | candidate's name A to Z (any case); their actions by due date          |
 * | statusSince | when the status last changed, longest ago first                        |
 *
 * The cursor is opaque to clients: base64url JSON of the sort, the day the
 * walk began (so "overdue" means the same on every page of one walk), the
 * sort key of the row it follows and which way it points.
 */
import { DateTime } from 'luxon'
import type { FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import { ACTION_CATEGORIES, ACTION_OWNERS, ACTION_STATUSES, type ActionCategory, type ActionOwner, type ActionStatus } from './types.js'
import { isPreciseInstant, readIsoDate } from '../time/date-input.js'

const REVIEW_TIME_ZONE = 'Europe/London'

const REVIEW_SORT_FIELDS = ['overdue', 'dueOn', 'status', 'coach', 'candidate', 'statusSince'] as const
type ReviewSortField = (typeof REVIEW_SORT_FIELDS)[number]
export const REVIEW_SORTS = REVIEW_SORT_FIELDS.flatMap((field) => [field, `-${field}`]) as ReviewSort[]
export type ReviewSort = ReviewSortField | `-${ReviewSortField}`
export const DEFAULT_REVIEW_SORT: ReviewSort = 'overdue'

export const REVIEW_LIMIT_DEFAULT = 50
export const REVIEW_LIMIT_MAX = 200
export const REVIEW_SEARCH_MAX_LENGTH = 100
/**
 * Searching needs 3 characters: the trigram index behind it has nothing
 * shorter to go on, so 1 or 2 would read every booking (and match most).
 */
const REVIEW_SEARCH_MIN_LENGTH = 3

/**
 * What a sort key is made of, in order; the repository turns each kind into
 * its SQL type. rank: 0 for an overdue action, 1 for the rest.
 */
export type SortKeyKind = 'rank' | 'date' | 'uuid' | 'status' | 'text' | 'instant'
export const REVIEW_SORT_KEYS: Readonly<Record<ReviewSortField, readonly SortKeyKind[]>> = {
  overdue: ['rank', 'date', 'uuid'],
  dueOn: ['date', 'uuid'],
  status: ['status', 'date', 'uuid'],
  coach: ['text', 'uuid', 'date', 'uuid'],
  candidate: ['text', 'uuid', 'date', 'uuid'],
  statusSince: ['instant', 'uuid'],
}

export const REVIEW_MESSAGES = {
  programmeUnknown: 'Choose a programme that exists (its id or slug)',
  coachUnknown: 'Choose a coach that exists (their coach id)',
  owner: `Choose one of: ${ACTION_OWNERS.join(', ')}`,
  category: `Choose one of: ${ACTION_CATEGORIES.join(', ')}`,
  status: `Choose one of: ${ACTION_STATUSES.join(', ')}`,
  overdue: 'Give true or false',
  notADate: 'Enter a real date, like 2026-03-02',
  dueToBeforeFrom: 'The last due date must be the same as or after the first',
  agreedToBeforeFrom: 'The last date agreed must be the same as or after the first',
  searchTooLong: `Enter ${REVIEW_SEARCH_MAX_LENGTH} characters or fewer`,
  searchTooShort: `Enter at least ${REVIEW_SEARCH_MIN_LENGTH} characters of a name, email address or booking reference`,
  sort: `Choose one of: ${REVIEW_SORTS.join(', ')}`,
  limit: `Enter a whole number from 1 to ${REVIEW_LIMIT_MAX}`,
  cursor: 'This cursor is not one this list gave: start again from the first page',
  cursorSort: 'This cursor belongs to another sort order: start again from the first page with this sort',
} as const

interface ActionReviewFilters {
  /** A programme id or slug as given; the service looks it up. */
  programme?: string
  coachId?: string
  owner?: ActionOwner
  category?: ActionCategory
  status?: ActionStatus
  overdue?: boolean
  /** YYYY-MM-DD, both included. */
  dueFrom?: string
  dueTo?: string
  /** UK dates (YYYY-MM-DD), both included: when the action was agreed. */
  agreedFrom?: string
  agreedTo?: string
  q?: string
}

/** Where a page starts: after (or, for "previous", before) the row with this sort key. */
interface ReviewCursor {
  sort: ReviewSort
  /** The UK date the walk began: what "overdue" is measured against on every page of it. */
  today: string
  key: string[]
  direction: 'after' | 'before'
}

export interface ActionReviewQuery {
  filters: ActionReviewFilters
  sort: ReviewSort
  limit: number
  cursor: ReviewCursor | null
  /** The UK date "overdue" is measured against: the cursor's, or today's. */
  today: string
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

export function sortField(sort: ReviewSort): ReviewSortField {
  return (sort.startsWith('-') ? sort.slice(1) : sort) as ReviewSortField
}
export function isDescending(sort: ReviewSort): boolean {
  return sort.startsWith('-')
}

// --- The cursor -----------------------------------------------------------------

const CURSOR_MAX_LENGTH = 2000

export function encodeReviewCursor(cursor: ReviewCursor): string {
  const json = { v: 1, s: cursor.sort, t: cursor.today, k: cursor.key, ...(cursor.direction === 'before' ? { b: 1 } : {}) }
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url')
}

function keyFits(kind: SortKeyKind, value: unknown): boolean {
  if (typeof value !== 'string') return false
  switch (kind) {
    case 'rank':
      return value === '0' || value === '1'
    case 'date':
      return readIsoDate(value) !== null
    case 'uuid':
      return looksLikeUuid(value)
    case 'status':
      return (ACTION_STATUSES as readonly string[]).includes(value)
    case 'text':
      return value.length <= 1000
    case 'instant':
      return isPreciseInstant(value)
  }
}

/** The cursor a client sent, checked against the sort it asks for; a problem naming the field otherwise. */
function decodeReviewCursor(text: string, sort: ReviewSort): ParseResult<ReviewCursor> {
  const fail = (message: string): ParseResult<ReviewCursor> => ({ ok: false, errors: [{ field: 'cursor', message }] })
  if (text.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return fail(REVIEW_MESSAGES.cursor)
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    return fail(REVIEW_MESSAGES.cursor)
  }
  if (typeof json !== 'object' || json === null) return fail(REVIEW_MESSAGES.cursor)
  const { v, s, t, k, b } = json as Record<string, unknown>
  if (v !== 1 || typeof s !== 'string' || !(REVIEW_SORTS as string[]).includes(s)) return fail(REVIEW_MESSAGES.cursor)
  if (typeof t !== 'string' || readIsoDate(t) === null) return fail(REVIEW_MESSAGES.cursor)
  const kinds = REVIEW_SORT_KEYS[sortField(s as ReviewSort)]
  if (!Array.isArray(k) || k.length !== kinds.length || !kinds.every((kind, i) => keyFits(kind, k[i]))) {
    return fail(REVIEW_MESSAGES.cursor)
  }
  if (b !== undefined && b !== 1) return fail(REVIEW_MESSAGES.cursor)
  if (s !== sort) return fail(REVIEW_MESSAGES.cursorSort)
  return { ok: true, value: { sort: s as ReviewSort, today: t, key: k as string[], direction: b === 1 ? 'before' : 'after' } }
}

// --- The query --------------------------------------------------------------------

/** What a client may send: strings from a page's form, or the API's coerced values. */
export interface ActionReviewInput {
  programme?: unknown
  coach?: unknown
  owner?: unknown
  category?: unknown
  status?: unknown
  overdue?: unknown
  dueFrom?: unknown
  dueTo?: unknown
  agreedFrom?: unknown
  agreedTo?: unknown
  q?: unknown
  sort?: unknown
  cursor?: unknown
  limit?: unknown
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '')


/** The UK date of an instant, YYYY-MM-DD. */
export function reviewDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: REVIEW_TIME_ZONE }).toISODate()!
}

/** The first instant of a UK date. */
export function startOfReviewDay(date: string): Date {
  return DateTime.fromISO(date, { zone: REVIEW_TIME_ZONE }).startOf('day').toJSDate()
}

/** The first instant of the UK date after this one. */
export function startOfNextReviewDay(date: string): Date {
  return DateTime.fromISO(date, { zone: REVIEW_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate()
}

/**
 * Checks a review query: every problem is reported with its field. The
 * programme and coach are only checked for shape here; the service checks
 * that they exist.
 */
export function parseActionReviewQuery(input: ActionReviewInput, today: string): ParseResult<ActionReviewQuery> {
  const errors: FieldProblem[] = []
  const filters: ActionReviewFilters = {}

  const programme = text(input.programme)
  if (programme !== '') {
    if (programme.length > 100) errors.push({ field: 'programme', message: REVIEW_MESSAGES.programmeUnknown })
    else filters.programme = programme
  }
  const coach = text(input.coach)
  if (coach !== '') {
    if (!looksLikeUuid(coach)) errors.push({ field: 'coach', message: REVIEW_MESSAGES.coachUnknown })
    else filters.coachId = coach.toLowerCase()
  }
  const choice = <T extends string>(field: 'owner' | 'category' | 'status', allowed: readonly T[]): T | undefined => {
    const value = text(input[field])
    if (value === '') return undefined
    if ((allowed as readonly string[]).includes(value)) return value as T
    errors.push({ field, message: REVIEW_MESSAGES[field] })
    return undefined
  }
  const owner = choice('owner', ACTION_OWNERS)
  if (owner) filters.owner = owner
  const category = choice('category', ACTION_CATEGORIES)
  if (category) filters.category = category
  const status = choice('status', ACTION_STATUSES)
  if (status) filters.status = status

  const overdue = text(input.overdue).toLowerCase()
  if (overdue !== '') {
    if (['true', 'yes', '1'].includes(overdue)) filters.overdue = true
    else if (['false', 'no', '0'].includes(overdue)) filters.overdue = false
    else errors.push({ field: 'overdue', message: REVIEW_MESSAGES.overdue })
  }

  const date = (field: 'dueFrom' | 'dueTo' | 'agreedFrom' | 'agreedTo'): string | undefined => {
    const value = text(input[field])
    if (value === '') return undefined
    const checked = readIsoDate(value)
    if (checked === null) errors.push({ field, message: REVIEW_MESSAGES.notADate })
    return checked ?? undefined
  }
  const dueFrom = date('dueFrom')
  const dueTo = date('dueTo')
  const agreedFrom = date('agreedFrom')
  const agreedTo = date('agreedTo')
  if (dueFrom && dueTo && dueTo < dueFrom) errors.push({ field: 'dueTo', message: REVIEW_MESSAGES.dueToBeforeFrom })
  if (agreedFrom && agreedTo && agreedTo < agreedFrom) errors.push({ field: 'agreedTo', message: REVIEW_MESSAGES.agreedToBeforeFrom })
  Object.assign(
    filters,
    dueFrom ? { dueFrom } : {},
    dueTo ? { dueTo } : {},
    agreedFrom ? { agreedFrom } : {},
    agreedTo ? { agreedTo } : {},
  )

  const q = text(input.q).replace(/\s+/g, ' ')
  if (q.length > REVIEW_SEARCH_MAX_LENGTH) errors.push({ field: 'q', message: REVIEW_MESSAGES.searchTooLong })
  else if (q !== '' && q.length < REVIEW_SEARCH_MIN_LENGTH) errors.push({ field: 'q', message: REVIEW_MESSAGES.searchTooShort })
  else if (q !== '') filters.q = q

  let sort: ReviewSort = DEFAULT_REVIEW_SORT
  const sortText = text(input.sort)
  if (sortText !== '') {
    if ((REVIEW_SORTS as string[]).includes(sortText)) sort = sortText as ReviewSort
    else errors.push({ field: 'sort', message: REVIEW_MESSAGES.sort })
  }

  let limit = REVIEW_LIMIT_DEFAULT
  const limitText = text(input.limit)
  if (limitText !== '') {
    const n = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
    if (Number.isInteger(n) && n >= 1 && n <= REVIEW_LIMIT_MAX) limit = n
    else errors.push({ field: 'limit', message: REVIEW_MESSAGES.limit })
  }

  let cursor: ReviewCursor | null = null
  const cursorText = text(input.cursor)
  if (cursorText !== '' && !errors.some((e) => e.field === 'sort')) {
    const decoded = decodeReviewCursor(cursorText, sort)
    if (decoded.ok) cursor = decoded.value
    else errors.push(...decoded.errors)
  }

  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { filters, sort, limit, cursor, today: cursor?.today ?? today } }
}

/** The query string of a review query's filters and sort (not its cursor or limit), for links. */
export function reviewSearchParams(filters: ActionReviewFilters, sort: ReviewSort): URLSearchParams {
  const params = new URLSearchParams()
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.set(name, value)
  }
  add('programme', filters.programme)
  add('coach', filters.coachId)
  add('owner', filters.owner)
  add('category', filters.category)
  add('status', filters.status)
  if (filters.overdue !== undefined) params.set('overdue', filters.overdue ? 'yes' : 'no')
  add('dueFrom', filters.dueFrom)
  add('dueTo', filters.dueTo)
  add('agreedFrom', filters.agreedFrom)
  add('agreedTo', filters.agreedTo)
  add('q', filters.q)
  if (sort !== DEFAULT_REVIEW_SORT) params.set('sort', sort)
  return params
}

const DAY_MS = 86_400_000

/** "3 days", "5 weeks", "4 months": how long an action has been in its status. */
export function timeInStatus(since: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS))
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (days < 1) return 'less than a day'
  if (days < 14) return plural(days, 'day')
  if (days < 61) return plural(Math.floor(days / 7), 'week')
  if (days < 730) return plural(Math.floor(days / 30.44), 'month')
  return plural(Math.floor(days / 365.25), 'year')
}
