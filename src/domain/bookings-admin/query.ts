/**
 * The programme team's bookings list (/admin/bookings and
 * GET /api/v1/admin/bookings): the query checked in one place. Pure: no I/O,
 * no clock.
 *
 * Filters: programme (id or slug), coach (id), status (booked, cancelled,
 * completed, no_show), from / to (UK dates the conversation starts on, both
 * included), q (part of the candidate's name, email address or booking
 * reference, any case, 3 characters or more: the trigram index behind it has
 * nothing shorter to go on).
 *
 * Order: by when the conversation starts (`start`, soonest first, the
 * default; `-start` latest first), then by the booking's id, so every row has
 * its own place and keyset pagination neither repeats nor misses a booking
 * when bookings are made meanwhile (the approach of the follow-up review:
 * src/domain/actions/review.ts). The cursor is opaque: base64url JSON of the
 * order and the key (start instant, id) of the row it follows.
 */
import { DateTime } from 'luxon'
import type { FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import { BOOKING_STATUSES, type BookingStatus } from '../booking/types.js'
import { isPreciseInstant, readIsoDate } from '../time/date-input.js'

export { BOOKING_STATUSES }
export type BookingListStatus = BookingStatus
export const BOOKING_SORTS = ['start', '-start'] as const
type BookingSort = (typeof BOOKING_SORTS)[number]

const BOOKINGS_TIME_ZONE = 'Europe/London'
export const BOOKINGS_LIMIT_DEFAULT = 50
export const BOOKINGS_LIMIT_MAX = 200
const BOOKINGS_SEARCH_MIN_LENGTH = 3
export const BOOKINGS_SEARCH_MAX_LENGTH = 100
const CURSOR_MAX_LENGTH = 500

export const BOOKINGS_MESSAGES = {
  programmeUnknown: 'Choose a programme that exists (its id or slug)',
  coachUnknown: 'Choose a coach that exists (their coach id)',
  status: `Choose one of: ${BOOKING_STATUSES.join(', ')}`,
  notADate: 'Enter a real date, like 2026-03-02',
  toBeforeFrom: 'The last date must be the same as or after the first',
  searchTooShort: `Enter at least ${BOOKINGS_SEARCH_MIN_LENGTH} characters of a name, email address or booking reference`,
  searchTooLong: `Enter ${BOOKINGS_SEARCH_MAX_LENGTH} characters or fewer`,
  sort: `Choose one of: ${BOOKING_SORTS.join(', ')}`,
  limit: `Enter a whole number from 1 to ${BOOKINGS_LIMIT_MAX}`,
  cursor: 'This cursor is not one this list gave: start again from the first page',
  cursorSort: 'This cursor belongs to another order: start again from the first page with this order',
} as const

interface BookingListFilters {
  /** A programme id or slug as given; the service looks it up. */
  programme?: string
  coachId?: string
  status?: BookingListStatus
  /** UK dates, YYYY-MM-DD, both included: the day the conversation starts. */
  from?: string
  to?: string
  q?: string
}

/** The key of the row a page starts after: its start (ISO, microseconds) and id. */
interface BookingCursor {
  sort: BookingSort
  key: [string, string]
}

export interface BookingListQuery {
  filters: BookingListFilters
  sort: BookingSort
  limit: number
  cursor: BookingCursor | null
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

export interface BookingListInput {
  programme?: unknown
  coach?: unknown
  status?: unknown
  from?: unknown
  to?: unknown
  q?: unknown
  sort?: unknown
  cursor?: unknown
  limit?: unknown
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '')

const realDate = (value: string): string | null => readIsoDate(value)

export function encodeBookingCursor(cursor: BookingCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.sort, k: cursor.key }), 'utf8').toString('base64url')
}

function decodeBookingCursor(value: string, sort: BookingSort): ParseResult<BookingCursor> {
  const fail = (message: string): ParseResult<BookingCursor> => ({ ok: false, errors: [{ field: 'cursor', message }] })
  if (value.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return fail(BOOKINGS_MESSAGES.cursor)
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    return fail(BOOKINGS_MESSAGES.cursor)
  }
  if (typeof json !== 'object' || json === null) return fail(BOOKINGS_MESSAGES.cursor)
  const { v, s, k } = json as Record<string, unknown>
  if (v !== 1 || typeof s !== 'string' || !(BOOKING_SORTS as readonly string[]).includes(s)) return fail(BOOKINGS_MESSAGES.cursor)
  if (!Array.isArray(k) || k.length !== 2 || typeof k[0] !== 'string' || typeof k[1] !== 'string') return fail(BOOKINGS_MESSAGES.cursor)
  if (!isPreciseInstant(k[0]) || !looksLikeUuid(k[1])) return fail(BOOKINGS_MESSAGES.cursor)
  if (s !== sort) return fail(BOOKINGS_MESSAGES.cursorSort)
  return { ok: true, value: { sort: s as BookingSort, key: [k[0], k[1].toLowerCase()] } }
}

/** Checks a list query: every problem is reported with its field (the programme and coach only for shape). */
export function parseBookingListQuery(input: BookingListInput): ParseResult<BookingListQuery> {
  const errors: FieldProblem[] = []
  const filters: BookingListFilters = {}
  const programme = text(input.programme)
  if (programme !== '') {
    if (programme.length > 100) errors.push({ field: 'programme', message: BOOKINGS_MESSAGES.programmeUnknown })
    else filters.programme = programme
  }
  const coach = text(input.coach)
  if (coach !== '') {
    if (!looksLikeUuid(coach)) errors.push({ field: 'coach', message: BOOKINGS_MESSAGES.coachUnknown })
    else filters.coachId = coach.toLowerCase()
  }
  const status = text(input.status)
  if (status !== '') {
    if ((BOOKING_STATUSES as readonly string[]).includes(status)) filters.status = status as BookingListStatus
    else errors.push({ field: 'status', message: BOOKINGS_MESSAGES.status })
  }
  for (const field of ['from', 'to'] as const) {
    const value = text(input[field])
    if (value === '') continue
    const date = realDate(value)
    if (date === null) errors.push({ field, message: BOOKINGS_MESSAGES.notADate })
    else filters[field] = date
  }
  if (filters.from && filters.to && filters.to < filters.from) errors.push({ field: 'to', message: BOOKINGS_MESSAGES.toBeforeFrom })
  const q = text(input.q).replace(/\s+/g, ' ')
  if (q.length > BOOKINGS_SEARCH_MAX_LENGTH) errors.push({ field: 'q', message: BOOKINGS_MESSAGES.searchTooLong })
  else if (q !== '' && q.length < BOOKINGS_SEARCH_MIN_LENGTH) errors.push({ field: 'q', message: BOOKINGS_MESSAGES.searchTooShort })
  else if (q !== '') filters.q = q

  let sort: BookingSort = 'start'
  const sortText = text(input.sort)
  if (sortText !== '') {
    if ((BOOKING_SORTS as readonly string[]).includes(sortText)) sort = sortText as BookingSort
    else errors.push({ field: 'sort', message: BOOKINGS_MESSAGES.sort })
  }
  let limit = BOOKINGS_LIMIT_DEFAULT
  const limitText = text(input.limit)
  if (limitText !== '') {
    const n = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN
    if (Number.isInteger(n) && n >= 1 && n <= BOOKINGS_LIMIT_MAX) limit = n
    else errors.push({ field: 'limit', message: BOOKINGS_MESSAGES.limit })
  }
  let cursor: BookingCursor | null = null
  const cursorText = text(input.cursor)
  if (cursorText !== '' && !errors.some((e) => e.field === 'sort')) {
    const decoded = decodeBookingCursor(cursorText, sort)
    if (decoded.ok) cursor = decoded.value
    else errors.push(...decoded.errors)
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { filters, sort, limit, cursor } }
}

/** The first instant of a UK date. */
export function startOfUkDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BOOKINGS_TIME_ZONE }).startOf('day').toJSDate()
}

/** The first instant of the UK date after this one. */
export function startOfNextUkDay(date: string): Date {
  return DateTime.fromISO(date, { zone: BOOKINGS_TIME_ZONE }).plus({ days: 1 }).startOf('day').toJSDate()
}

/** The UK date of an instant. */
export function ukDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BOOKINGS_TIME_ZONE }).toISODate()!
}

/** The query string of a list's filters and order (not its cursor or limit), for links. */
export function bookingListParams(filters: BookingListFilters, sort: BookingSort): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.programme) params.set('programme', filters.programme)
  if (filters.coachId) params.set('coach', filters.coachId)
  if (filters.status) params.set('status', filters.status)
  if (filters.from) params.set('from', filters.from)
  if (filters.to) params.set('to', filters.to)
  if (filters.q) params.set('q', filters.q)
  if (sort !== 'start') params.set('sort', sort)
  return params
}
