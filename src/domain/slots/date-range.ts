/**
 * The dates a candidate asks to see slots for.
 *
 * `from` and `to` are calendar dates (YYYY-MM-DD) in the candidate's time
 * zone, both included: the slots returned start in
 * [from 00:00, the day after `to` 00:00) on the candidate's clock.
 */
import type { FieldProblem } from '../errors.js'
import { ValidationError } from '../errors.js'
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../time/index.js'
import type { Interval } from './busy-times.js'
import type { DayNumber } from './zone-time.js'
import { ZoneClock, dayNumberFromIsoDate } from './zone-time.js'

/** A checked query: real dates, `to` not before `from`, at most 93 days, a known zone. */
export interface SlotQuery {
  from: string
  to: string
  timeZone: string
}

/** What arrives from a form or query string; anything may be missing or wrong. */
interface SlotQueryInput {
  from?: unknown
  to?: unknown
  timeZone?: unknown
}

type SlotQueryField = 'from' | 'to' | 'timeZone'

interface SlotQueryProblem extends FieldProblem {
  field: SlotQueryField
}

type SlotQueryResult = { ok: true; value: SlotQuery } | { ok: false; errors: SlotQueryProblem[] }

/** The most days one query may cover, counting both ends. */
export const MAXIMUM_QUERY_DAYS = 93

const SLOT_QUERY_MESSAGES = {
  fromMissing: 'Enter a start date',
  toMissing: 'Enter an end date',
  notARealDate: 'Enter a real date, like 2026-03-02',
  unknownTimeZone: 'Enter a real time zone, like Europe/London',
  toBeforeFrom: 'The end date must be the same as or after the start date',
  tooLong: `Choose a range of ${MAXIMUM_QUERY_DAYS} days or fewer`,
} as const

/**
 * Checks a query. Surrounding spaces are ignored. A missing or blank time zone
 * means Europe/London. Every problem is reported, each with its field.
 */
export function parseSlotQuery(input: SlotQueryInput): SlotQueryResult {
  const errors: SlotQueryProblem[] = []
  const from = readDate(input.from, 'from', SLOT_QUERY_MESSAGES.fromMissing, errors)
  const to = readDate(input.to, 'to', SLOT_QUERY_MESSAGES.toMissing, errors)

  const zoneText = typeof input.timeZone === 'string' ? input.timeZone.trim() : input.timeZone
  const timeZone = zoneText === undefined || zoneText === null || zoneText === '' ? DEFAULT_TIME_ZONE : zoneText
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    errors.push({ field: 'timeZone', message: SLOT_QUERY_MESSAGES.unknownTimeZone })
  }

  if (from && to) {
    if (to.day < from.day) errors.push({ field: 'to', message: SLOT_QUERY_MESSAGES.toBeforeFrom })
    else if (to.day - from.day + 1 > MAXIMUM_QUERY_DAYS) errors.push({ field: 'to', message: SLOT_QUERY_MESSAGES.tooLong })
  }

  if (errors.length > 0 || !from || !to || typeof timeZone !== 'string') {
    return { ok: false, errors }
  }
  return { ok: true, value: { from: from.text, to: to.text, timeZone } }
}

/** parseSlotQuery for routes: the query, or a ValidationError listing every problem (a 400). */
export function requireSlotQuery(input: SlotQueryInput): SlotQuery {
  const result = parseSlotQuery(input)
  if (!result.ok) throw new ValidationError(result.errors)
  return result.value
}

/**
 * The real time a query covers: [from 00:00, the day after `to` 00:00) in the
 * candidate's zone, as epoch milliseconds. (Where a zone's clocks jump over
 * midnight, the day starts when they jump.) Throws a RangeError when the
 * query would not pass parseSlotQuery.
 */
export function slotQueryInterval(query: SlotQuery): Interval {
  const fromDay = dayNumberFromIsoDate(query.from)
  const toDay = dayNumberFromIsoDate(query.to)
  if (fromDay === null || toDay === null || toDay < fromDay || toDay - fromDay + 1 > MAXIMUM_QUERY_DAYS) {
    throw new RangeError(`Not a valid slot query: from ${query.from} to ${query.to}`)
  }
  // ZoneClock.for throws a RangeError for an unknown zone (and is cheaper than isValidZone on every listing).
  const clock = ZoneClock.for(query.timeZone)
  return { start: clock.startOfDay(fromDay), end: clock.startOfDay(toDay + 1) }
}

function readDate(
  value: unknown,
  field: 'from' | 'to',
  missing: string,
  errors: SlotQueryProblem[],
): { text: string; day: DayNumber } | null {
  const text = typeof value === 'string' ? value.trim() : value
  if (text === undefined || text === null || text === '') {
    errors.push({ field, message: missing })
    return null
  }
  const day = typeof text === 'string' ? dayNumberFromIsoDate(text) : null
  if (day === null) {
    errors.push({ field, message: SLOT_QUERY_MESSAGES.notARealDate })
    return null
  }
  return { text: text as string, day }
}
