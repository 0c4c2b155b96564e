/**
 * Dates on the coach's clock, typed into NHS date inputs (day, month and
 * year boxes), with the GOV.UK / NHS date error messages.
 */
import type { DayNumber } from '../slots/zone-time.js'
import { ZoneClock, dayNumberFromIsoDate } from '../slots/zone-time.js'
import { formatDate } from '../time/index.js'
import { DATE_PARTS, enterDateMessage, readDateInput, type DatePart } from '../time/date-input.js'
import type { AvailabilityFieldError, FormInput } from './types.js'
import { fieldError } from './types.js'

/** Dates further ahead than this are refused (a typing slip, like 2062 for 2026). */
export const FURTHEST_DAYS_AHEAD = 2 * 365

export type { DayNumber }

/** Today on the coach's clock, as a day number. */
export function todayIn(timeZone: string, now: Date): DayNumber {
  return ZoneClock.for(timeZone).localDayOf(now.getTime())
}

/** "2026-03-09" → "Monday 9 March 2026" (a calendar date, whatever the zone). */
export function formatLocalDate(isoDate: string): string {
  return formatDate(`${isoDate}T12:00:00Z`, 'UTC')
}

/** The first instant of a local time on a local date in a zone (see ZoneClock.instantAt for daylight saving). */
export function instantAt(timeZone: string, day: DayNumber, minute: number): Date {
  return new Date(ZoneClock.for(timeZone).instantAt(day, minute))
}

interface DateFieldWords {
  /** The field prefix: `date` gives fields `date-day`, `date-month`, `date-year`. */
  prefix: string
  /** "Date", "Start date" */
  label: string
}

type DateFieldResult = { ok: true; day: DayNumber } | { ok: false; error: AvailabilityFieldError }

/** Reads day, month and year boxes into a local date. */
export function parseDateFields(input: FormInput, words: DateFieldWords): DateFieldResult {
  const field = (part: DatePart) => `${words.prefix}-${part}`
  const reading = readDateInput({ day: input[field('day')], month: input[field('month')], year: input[field('year')] }, words.label)
  const fail = (parts: readonly DatePart[], text: string): DateFieldResult => ({
    ok: false,
    error: fieldError(field(parts[0]!), text, parts.map(field)),
  })
  if (reading.kind === 'blank') return fail(DATE_PARTS, enterDateMessage(words.label))
  if (reading.kind === 'problem') return fail(reading.parts, reading.message)
  const number = dayNumberFromIsoDate(reading.iso)
  if (number === null) return fail(DATE_PARTS, `${words.label} must be a real date`)
  return { ok: true, day: number }
}

/** The ids of a date's three boxes, to mark them all in error. */
export function dateFieldIds(prefix: string): string[] {
  return DATE_PARTS.map((part) => `${prefix}-${part}`)
}

/** A date as the boxes show it. */
export function dateFieldValues(input: FormInput, prefix: string): { day: string; month: string; year: string } {
  return {
    day: input[`${prefix}-day`] ?? '',
    month: input[`${prefix}-month`] ?? '',
    year: input[`${prefix}-year`] ?? '',
  }
}
