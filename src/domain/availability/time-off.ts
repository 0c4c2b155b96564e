/**
 * Adding time off: leave, training, anything else. From a date (and an
 * optional time) to a date (and an optional time) on the coach's clock,
 * stored as a range of real time (UTC).
 *
 * Field names: `start-day`, `start-month`, `start-year`, `start-time`,
 * `end-day`, `end-month`, `end-year`, `end-time`, `note`.
 *
 * No start time: from the start of the start date. No end time: to the end
 * of the end date (so 2 March to 6 March is five whole days). The start may
 * not be in the past, the end must be after the start, and time off is at
 * most a year long. The note is short and must not hold health details.
 */
import { clockTimeMessage, MINUTES_PER_DAY, parseClockTime } from './clock-times.js'
import type { DayNumber } from './local-dates.js'
import { FURTHEST_DAYS_AHEAD, dateFieldIds, instantAt, parseDateFields, todayIn } from './local-dates.js'
import type { AvailabilityFieldError, FormInput, FormResult, NewTimeOff, TimeOffRecord } from './types.js'
import { fieldError } from './types.js'
import { formatDate, formatTime, toZonedDateTime } from '../time/index.js'

const TIME_OFF_NOTE_MAXIMUM = 100
const TIME_OFF_LONGEST_DAYS = 366
export const TIME_OFF_NOTE_HINT =
  'For example, annual leave or a training course. Do not include health details, such as illness or medical appointments.'

interface TimeOffContext {
  now: Date
  /** The coach's zone: dates and times are read on this clock. */
  timeZone: string
}

export function parseTimeOffForm(input: FormInput, context: TimeOffContext): FormResult<NewTimeOff> {
  const errors: AvailabilityFieldError[] = []
  const today = todayIn(context.timeZone, context.now)

  const startDate = parseDateFields(input, { prefix: 'start', label: 'Start date' })
  let startDay: DayNumber | null = null
  if (!startDate.ok) errors.push(startDate.error)
  else if (startDate.day < today) errors.push(fieldError('start-day', 'Start date must be today or in the future', dateFieldIds('start')))
  else if (startDate.day > today + FURTHEST_DAYS_AHEAD) errors.push(fieldError('start-day', 'Start date must be within the next 2 years', dateFieldIds('start')))
  else startDay = startDate.day

  const startTimeText = (input['start-time'] ?? '').trim()
  let startMinute: number | null = 0
  if (startTimeText !== '') {
    const parsed = parseClockTime(startTimeText)
    if (parsed.ok) startMinute = parsed.minute
    else {
      startMinute = null
      errors.push(fieldError('start-time', clockTimeMessage(parsed.problem, { name: 'start time' })))
    }
  }

  const endDate = parseDateFields(input, { prefix: 'end', label: 'End date' })
  const endDay: DayNumber | null = endDate.ok ? endDate.day : null
  if (!endDate.ok) errors.push(endDate.error)

  const endTimeText = (input['end-time'] ?? '').trim()
  let endMinute: number | null = MINUTES_PER_DAY
  if (endTimeText !== '') {
    const parsed = parseClockTime(endTimeText, { end: true })
    if (parsed.ok) endMinute = parsed.minute
    else {
      endMinute = null
      errors.push(fieldError('end-time', clockTimeMessage(parsed.problem, { name: 'end time' })))
    }
  }

  let range: { startsAt: Date; endsAt: Date } | null = null
  if (startDay !== null && startMinute !== null && endDay !== null && endMinute !== null) {
    const startsAt = instantAt(context.timeZone, startDay, startMinute)
    const endsAt = instantAt(context.timeZone, endDay, endMinute)
    if (startTimeText !== '' && startsAt < context.now) {
      errors.push(fieldError('start-time', 'Start time must be in the future'))
    } else if (endDay < startDay) {
      errors.push(fieldError('end-day', 'End date must be the same as or after the start date', dateFieldIds('end')))
    } else if (endsAt <= startsAt) {
      errors.push(
        endTimeText !== ''
          ? fieldError('end-time', 'End time must be after the start time')
          : fieldError('end-day', 'End date must be the same as or after the start date', dateFieldIds('end')),
      )
    } else if (endDay - startDay >= TIME_OFF_LONGEST_DAYS) {
      errors.push(fieldError('end-day', 'Time off must be 1 year or shorter: add longer time off in parts', dateFieldIds('end')))
    } else {
      range = { startsAt, endsAt }
    }
  }

  const note = (input.note ?? '').replace(/\s+/g, ' ').trim()
  if (note.length > TIME_OFF_NOTE_MAXIMUM) {
    errors.push(fieldError('note', `Note must be ${TIME_OFF_NOTE_MAXIMUM} characters or fewer`))
  }

  if (errors.length > 0 || range === null) return { ok: false, errors: sortByForm(errors) }
  return { ok: true, value: { ...range, note: note === '' ? null : note } }
}

const FIELD_ORDER = ['start-day', 'start-month', 'start-year', 'start-time', 'end-day', 'end-month', 'end-year', 'end-time', 'note']

function sortByForm(errors: AvailabilityFieldError[]): AvailabilityFieldError[] {
  return [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
}

function isLocalMidnight(instant: Date, timeZone: string): boolean {
  const local = toZonedDateTime(instant, timeZone)
  return local.hour === 0 && local.minute === 0
}

/**
 * How a stretch of time off reads, on the coach's clock:
 * from "Monday 2 March 2026" (start of that day) or "Monday 2 March 2026, 1pm",
 * to "Friday 6 March 2026, end of the day" or "Friday 6 March 2026, 5pm".
 */
export function describeTimeOff(timeOff: Pick<TimeOffRecord, 'startsAt' | 'endsAt'>, timeZone: string): { from: string; to: string } {
  const from = isLocalMidnight(timeOff.startsAt, timeZone)
    ? formatDate(timeOff.startsAt, timeZone)
    : `${formatDate(timeOff.startsAt, timeZone)}, ${formatTime(timeOff.startsAt, timeZone)}`
  let to: string
  if (isLocalMidnight(timeOff.endsAt, timeZone)) {
    const lastDay = toZonedDateTime(timeOff.endsAt, timeZone).minus({ days: 1 })
    to = `${lastDay.toFormat('cccc d LLLL yyyy')}, end of the day`
  } else {
    to = `${formatDate(timeOff.endsAt, timeZone)}, ${formatTime(timeOff.endsAt, timeZone)}`
  }
  return { from, to }
}
