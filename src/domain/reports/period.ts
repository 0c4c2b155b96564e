/**
 * The period a programme report covers: two calendar dates (YYYY-MM-DD) in
 * Europe/London, both included, at most 366 days. Checked like the slots
 * query: every problem is reported with its field.
 */
import { DateTime } from 'luxon'
import type { FieldProblem } from '../errors.js'
import { DEFAULT_TIME_ZONE } from '../time/index.js'
import { readIsoDate } from '../time/date-input.js'

export const REPORT_TIME_ZONE = DEFAULT_TIME_ZONE
/** The most days one report may cover, counting both ends. */
export const MAXIMUM_REPORT_DAYS = 366

export const REPORT_PERIOD_MESSAGES = {
  fromMissing: 'Enter a start date',
  toMissing: 'Enter an end date',
  notARealDate: 'Enter a real date, like 2026-03-02',
  toBeforeFrom: 'The end date must be the same as or after the start date',
  tooLong: `Choose a period of ${MAXIMUM_REPORT_DAYS} days or fewer`,
} as const

export interface ReportPeriod {
  /** YYYY-MM-DD, as given. */
  from: string
  to: string
  /** [from 00:00, the day after `to` 00:00) in UK time. */
  start: Date
  end: Date
}

export type ReportPeriodResult = { ok: true; value: ReportPeriod } | { ok: false; errors: FieldProblem[] }

function readDate(value: unknown, field: 'from' | 'to', missing: string, errors: FieldProblem[]): DateTime | null {
  const text = typeof value === 'string' ? value.trim() : ''
  if (text === '') {
    errors.push({ field, message: missing })
    return null
  }
  const iso = readIsoDate(text)
  const date = iso ? DateTime.fromISO(iso, { zone: REPORT_TIME_ZONE }) : null
  if (!date?.isValid) {
    errors.push({ field, message: REPORT_PERIOD_MESSAGES.notARealDate })
    return null
  }
  return date.startOf('day')
}

export function parseReportPeriod(input: { from?: unknown; to?: unknown }): ReportPeriodResult {
  const errors: FieldProblem[] = []
  const from = readDate(input.from, 'from', REPORT_PERIOD_MESSAGES.fromMissing, errors)
  const to = readDate(input.to, 'to', REPORT_PERIOD_MESSAGES.toMissing, errors)
  if (from && to) {
    // Calendar days, not hours: a period across a clock change is still whole days.
    const days = Math.round(to.startOf('day').diff(from.startOf('day'), 'days').days) + 1
    if (days < 1) errors.push({ field: 'to', message: REPORT_PERIOD_MESSAGES.toBeforeFrom })
    else if (days > MAXIMUM_REPORT_DAYS) errors.push({ field: 'to', message: REPORT_PERIOD_MESSAGES.tooLong })
  }
  if (errors.length > 0 || !from || !to) return { ok: false, errors }
  return {
    ok: true,
    value: {
      from: from.toISODate()!,
      to: to.toISODate()!,
      start: from.toJSDate(),
      end: to.plus({ days: 1 }).startOf('day').toJSDate(),
    },
  }
}

/** The UK calendar date of an instant, YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: REPORT_TIME_ZONE }).toISODate()!
}

