import { DateTime } from 'luxon'

/**
 * A date typed into the NHS date input (day, month and year boxes), read the
 * one way every form reads it, with the GOV.UK / NHS date error messages
 * ("Start date must include a month", "... must be a real date"). Which
 * boxes are wrong comes back too, so a page marks only those.
 */

export type DatePart = 'day' | 'month' | 'year'

export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year']

export interface DateInputValues {
  day?: string
  month?: string
  year?: string
}

type DateInputReading =
  /** All three boxes empty: the caller decides whether the date was needed (`enterDateMessage`). */
  | { kind: 'blank' }
  /** A real calendar date, YYYY-MM-DD. */
  | { kind: 'date'; iso: string }
  | { kind: 'problem'; parts: DatePart[]; message: string }

/** `label` starts the message: "Start date", "The date from". */
export function readDateInput(values: DateInputValues, label: string): DateInputReading {
  const typed = DATE_PARTS.map((part) => (values[part] ?? '').trim())
  if (typed.every((value) => value === '')) return { kind: 'blank' }
  const problem = (parts: DatePart[], message: string): DateInputReading => ({ kind: 'problem', parts, message })
  const missing = DATE_PARTS.filter((_part, index) => typed[index] === '')
  if (missing.length > 0) return problem(missing, `${label} must include a ${missing.join(' and ')}`)
  const [day, month, year] = typed as [string, string, string]
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month)) return problem([...DATE_PARTS], `${label} must be a real date`)
  if (!/^\d{4}$/.test(year)) return problem(['year'], `${label} must include a year with 4 numbers, like 2026`)
  const date = DateTime.fromObject({ year: Number(year), month: Number(month), day: Number(day) }, { zone: 'UTC' })
  if (!date.isValid) return problem([...DATE_PARTS], `${label} must be a real date`)
  return { kind: 'date', iso: date.toISODate()! }
}

/** The message for a date that was needed and left blank: "Enter the start date". */
export function enterDateMessage(label: string): string {
  return `Enter the ${label.replace(/^the /i, '').toLowerCase()}`
}

/** A YYYY-MM-DD date as the three boxes show it (no leading zeros); empty boxes for none. */
export function dateInputValues(iso: string | null): Required<DateInputValues> {
  if (!iso) return { day: '', month: '', year: '' }
  const [year, month, day] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year: year! }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const PRECISE_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/**
 * A YYYY-MM-DD date from a query string, an API field or a cursor: the date
 * when it is a real one within `years` (so nothing PostgreSQL or luxon would
 * read differently gets through), else null. The caller trims if it wants to.
 */
export function readIsoDate(value: unknown, years: { from: number; to: number } = { from: 1900, to: 2200 }): string | null {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null
  const date = DateTime.fromISO(value, { zone: 'UTC' })
  return date.isValid && date.year >= years.from && date.year <= years.to ? date.toISODate() : null
}

/** An instant as a keyset cursor carries it, microseconds and all (2026-03-27T09:30:00.123456Z), when it is a real one. */
export function isPreciseInstant(value: unknown): value is string {
  return typeof value === 'string' && PRECISE_INSTANT.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid
}
