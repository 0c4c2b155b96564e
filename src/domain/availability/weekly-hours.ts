/**
 * The weekly hours form: each weekday, Monday to Sunday, with up to
 * WINDOWS_PER_DAY sets of hours (a start and an end time each). A blank row
 * is no hours; a blank week is allowed (a coach may take no conversations).
 *
 * Field names: `<day>-<row>-start` and `<day>-<row>-end`, e.g.
 * `monday-1-start`, rows numbered from 1.
 *
 * Each row gets at most one message (its first problem), pointing at the
 * field to fix. Hours on one day may touch (9am to 1pm, 1pm to 5pm) but not
 * overlap.
 */
import {
  clockTimeMessage,
  formatMinuteOfDay,
  formatMinuteRange,
  parseClockTime,
} from './clock-times.js'
import type { AvailabilityFieldError, FormInput, FormResult, Weekday, WeeklyHoursWindow } from './types.js'
import { fieldError } from './types.js'

const WINDOWS_PER_DAY = 3
/** Rows read from a post, however many were sent: more than WINDOWS_PER_DAY filled is refused. */
const MAXIMUM_ROWS_READ = 10

interface WeekdayInfo {
  weekday: Weekday
  /** "Monday" */
  name: string
  /** "monday": field names and anchors */
  key: string
}

export const WEEKDAYS: readonly WeekdayInfo[] = (
  ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
).map((name, index) => ({ weekday: (index + 1) as Weekday, name, key: name.toLowerCase() }))

export function windowFieldId(day: WeekdayInfo, row: number, end: 'start' | 'end'): string {
  return `${day.key}-${row}-${end}`
}

interface Row {
  row: number
  startMinute: number
  endMinute: number
}

/** Reads and checks the whole form; on success the windows in weekday then start order. */
export function parseWeeklyHoursForm(input: FormInput): FormResult<WeeklyHoursWindow[]> {
  const errors: AvailabilityFieldError[] = []
  const windows: WeeklyHoursWindow[] = []

  for (const day of WEEKDAYS) {
    const rows: Row[] = []
    let filled = 0
    for (let row = 1; row <= MAXIMUM_ROWS_READ; row++) {
      const startId = windowFieldId(day, row, 'start')
      const endId = windowFieldId(day, row, 'end')
      const startText = (input[startId] ?? '').trim()
      const endText = (input[endId] ?? '').trim()
      if (startText === '' && endText === '') continue
      filled += 1
      const context = ` for ${day.name}, hours ${row}`
      if (filled > WINDOWS_PER_DAY) {
        errors.push(fieldError(startId, `${day.name} can have up to ${WINDOWS_PER_DAY} sets of hours: remove hours ${row}`))
        continue
      }
      const start = parseClockTime(startText)
      if (!start.ok) {
        errors.push(fieldError(startId, clockTimeMessage(start.problem, { name: 'start time', context })))
        continue
      }
      const end = parseClockTime(endText, { end: true })
      if (!end.ok) {
        errors.push(fieldError(endId, clockTimeMessage(end.problem, { name: 'end time', context })))
        continue
      }
      if (end.minute <= start.minute) {
        errors.push(fieldError(endId, `End time${context} must be after the start time`))
        continue
      }
      rows.push({ row, startMinute: start.minute, endMinute: end.minute })
    }

    // Overlaps: each later row against the rows before it.
    const clear: Row[] = []
    for (const current of rows) {
      const clash = clear.find((earlier) => current.startMinute < earlier.endMinute && earlier.startMinute < current.endMinute)
      if (clash) {
        errors.push(
          fieldError(
            windowFieldId(day, current.row, 'start'),
            `${day.name}, hours ${current.row} must not overlap hours ${clash.row} (${formatMinuteRange(clash.startMinute, clash.endMinute)})`,
          ),
        )
        continue
      }
      clear.push(current)
    }
    for (const row of clear.sort((a, b) => a.startMinute - b.startMinute)) {
      windows.push({ weekday: day.weekday, startMinute: row.startMinute, endMinute: row.endMinute })
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: windows }
}

/** One row of the form as shown. */
interface WeeklyHoursRowView {
  row: number
  startId: string
  endId: string
  start: string
  end: string
}

interface WeeklyHoursDayView extends WeekdayInfo {
  rows: WeeklyHoursRowView[]
}

/**
 * The form's rows for each day: the saved windows in start order (shown as
 * "9am", "5:30pm"), or what was posted when it is shown again with errors.
 * At least WINDOWS_PER_DAY rows a day, more when more were saved, so none is
 * hidden.
 */
export function weeklyHoursFormView(saved: readonly WeeklyHoursWindow[], posted?: FormInput): WeeklyHoursDayView[] {
  return WEEKDAYS.map((day) => {
    const own = saved.filter((w) => w.weekday === day.weekday).sort((a, b) => a.startMinute - b.startMinute)
    let count = Math.max(WINDOWS_PER_DAY, own.length)
    if (posted) {
      for (let row = MAXIMUM_ROWS_READ; row > count; row--) {
        if ((posted[windowFieldId(day, row, 'start')] ?? '') !== '' || (posted[windowFieldId(day, row, 'end')] ?? '') !== '') {
          count = row
          break
        }
      }
    }
    const rows: WeeklyHoursRowView[] = []
    for (let row = 1; row <= count; row++) {
      const startId = windowFieldId(day, row, 'start')
      const endId = windowFieldId(day, row, 'end')
      const window = own[row - 1]
      rows.push({
        row,
        startId,
        endId,
        start: posted ? (posted[startId] ?? '') : window ? formatMinuteOfDay(window.startMinute) : '',
        end: posted ? (posted[endId] ?? '') : window ? formatMinuteOfDay(window.endMinute) : '',
      })
    }
    return { ...day, rows }
  })
}

/** "9am to 1pm, 2pm to 5pm" for one weekday, or null when there are no hours. */
export function describeDayHours(windows: readonly WeeklyHoursWindow[], weekday: Weekday): string | null {
  const own = windows.filter((w) => w.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)
  if (own.length === 0) return null
  return own.map((w) => formatMinuteRange(w.startMinute, w.endMinute)).join(', ')
}
