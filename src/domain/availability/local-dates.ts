/**
 * Dates on the coach's clock, typed into NHS date inputs (day, month and
 * year boxes), with the GOV.UK / NHS date error messages.
 */
import type { DayNumber } from '../slots/zone-time.js'
import { ZoneClock, dayNumberFromIsoDate } from '../slots/zone-time.js'
import { formatDate } from '../time/index.js'
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

export interface DateFieldWords {
  /** The field prefix: `date` gives fields `date-day`, `date-month`, `date-year`. */
  prefix: string
  /** "Date", "Start date" */
  label: string
}

export type DateFieldResult = { ok: true; day: DayNumber } | { ok: false; error: AvailabilityFieldError }

const PARTS = ['day', 'month', 'year'] as const

/** Reads day, month and year boxes into a local date. */
export function parseDateFields(input: FormInput, words: DateFieldWords): DateFieldResult {
  const values = PARTS.map((part) => (input[`${words.prefix}-${part}`] ?? '').trim())
  const field = (part: (typeof PARTS)[number]) => `${words.prefix}-${part}`
  const fail = (parts: readonly (typeof PARTS)[number][], text: string): DateFieldResult => ({
    ok: false,
    error: fieldError(field(parts[0]!), text, parts.map(field)),
  })

  if (values.every((value) => value === '')) return fail(PARTS, `Enter the ${words.label.toLowerCase()}`)
  const missing = PARTS.filter((_part, index) => values[index] === '')
  if (missing.length > 0) return fail(missing, `${words.label} must include a ${missing.join(' and ')}`)

  const [day, month, year] = values as [string, string, string]
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return fail(PARTS, `${words.label} must be a real date`)
  if (!/^\d{4}$/.test(year)) return fail(['year'], `${words.label} must include a year with 4 numbers, like 2026`)
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const number = dayNumberFromIsoDate(iso)
  if (number === null) return fail(PARTS, `${words.label} must be a real date`)
  return { ok: true, day: number }
}

/** The ids of a date's three boxes, to mark them all in error. */
export function dateFieldIds(prefix: string): string[] {
  return PARTS.map((part) => `${prefix}-${part}`)
}

/** A date as the boxes show it. */
export function dateFieldValues(input: FormInput, prefix: string): { day: string; month: string; year: string } {
  return {
    day: input[`${prefix}-day`] ?? '',
    month: input[`${prefix}-month`] ?? '',
    year: input[`${prefix}-year`] ?? '',
  }
}
