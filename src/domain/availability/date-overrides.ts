/**
 * Adding a day off, or extra hours, on one date (the coach's clock).
 *
 * Field names: `date-day`, `date-month`, `date-year`; `kind` (day_off or
 * extra_hours); for extra hours `start` and `end`.
 *
 * A day off drops that date's weekly hours; extra hours add to them. Both on
 * one date means only the extra hours: that is how a coach works different
 * hours on a date. Past dates are refused (today is allowed).
 */
import { isoDateFromDayNumber } from '../slots/zone-time.js'
import { clockTimeMessage, formatMinuteRange, parseClockTime } from './clock-times.js'
import { FURTHEST_DAYS_AHEAD, dateFieldIds, formatLocalDate, parseDateFields } from './local-dates.js'
import type { DayNumber } from './local-dates.js'
import type {
  AvailabilityFieldError,
  DateOverrideKind,
  DateOverrideRecord,
  FormInput,
  FormResult,
  NewDateOverride,
} from './types.js'
import { fieldError } from './types.js'

interface DateOverrideContext {
  /** Today on the coach's clock. */
  today: DayNumber
  /** The coach's overrides already saved (at least those on the date being added). */
  existing: readonly DateOverrideRecord[]
}

export const DATE_OVERRIDE_KINDS: readonly { value: DateOverrideKind; text: string }[] = [
  { value: 'day_off', text: 'Day off' },
  { value: 'extra_hours', text: 'Extra hours' },
]

export function parseDateOverrideForm(input: FormInput, context: DateOverrideContext): FormResult<NewDateOverride> {
  const errors: AvailabilityFieldError[] = []

  const parsedDate = parseDateFields(input, { prefix: 'date', label: 'Date' })
  let date: string | null = null
  if (!parsedDate.ok) errors.push(parsedDate.error)
  else if (parsedDate.day < context.today) errors.push(fieldError('date-day', 'Date must be today or in the future', dateFieldIds('date')))
  else if (parsedDate.day > context.today + FURTHEST_DAYS_AHEAD) errors.push(fieldError('date-day', 'Date must be within the next 2 years', dateFieldIds('date')))
  else date = isoDateFromDayNumber(parsedDate.day)

  const kind = input.kind
  let hours: { startMinute: number; endMinute: number } | null = null
  if (kind !== 'day_off' && kind !== 'extra_hours') {
    errors.push(fieldError('kind', 'Select whether this is a day off or extra hours'))
  } else if (kind === 'extra_hours') {
    const context = ' for the extra hours'
    const start = parseClockTime(input.start)
    const end = parseClockTime(input.end, { end: true })
    if (!start.ok) errors.push(fieldError('start', clockTimeMessage(start.problem, { name: 'start time', context })))
    if (!end.ok) errors.push(fieldError('end', clockTimeMessage(end.problem, { name: 'end time', context })))
    if (start.ok && end.ok) {
      if (end.minute <= start.minute) errors.push(fieldError('end', `End time${context} must be after the start time`))
      else hours = { startMinute: start.minute, endMinute: end.minute }
    }
  }

  if (date !== null && kind === 'day_off') {
    if (context.existing.some((o) => o.date === date && o.kind === 'day_off')) {
      errors.push(fieldError('date-day', `There is already a day off on ${formatLocalDate(date)}`, dateFieldIds('date')))
    }
  }
  if (date !== null && hours !== null) {
    const extra = hours
    const clash = context.existing.find(
      (o) =>
        o.date === date &&
        o.kind === 'extra_hours' &&
        o.startMinute !== null &&
        o.endMinute !== null &&
        extra.startMinute < o.endMinute &&
        o.startMinute < extra.endMinute,
    )
    if (clash) {
      errors.push(
        fieldError(
          'start',
          `Extra hours must not overlap the extra hours already on ${formatLocalDate(date)} (${formatMinuteRange(clash.startMinute!, clash.endMinute!)})`,
        ),
      )
    }
  }

  if (errors.length > 0 || date === null) return { ok: false, errors }
  if (kind === 'day_off') return { ok: true, value: { date, kind } }
  return { ok: true, value: { date, kind: 'extra_hours', ...hours! } }
}

/** "Day off" or "Extra hours, 9am to 1pm" */
export function describeDateOverride(override: Pick<DateOverrideRecord, 'kind' | 'startMinute' | 'endMinute'>): string {
  if (override.kind === 'day_off' || override.startMinute === null || override.endMinute === null) return 'Day off'
  return `Extra hours, ${formatMinuteRange(override.startMinute, override.endMinute)}`
}
