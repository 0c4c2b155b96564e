/**
 * A coach's working hours on any local date: the weekly windows for that
 * weekday, less a day off, plus extra hours, turned into real time in the
 * coach's zone.
 *
 * Windows that overlap or touch are joined into one stretch of working time,
 * and slots step from the start of each joined stretch.
 *
 * Daylight saving: a window runs from the first moment the coach's clock shows
 * its start to the first moment it shows its end (see zone-time.ts). A 09:00
 * to 17:00 window is always 9am to 5pm on the coach's clock. A window in the
 * hour the clocks skip shrinks (01:00 to 03:00 on the last Sunday of March in
 * Europe/London is one real hour, 02:00 to 03:00 BST); a window wholly inside
 * it vanishes. A window in the hour the clocks repeat grows (01:00 to 02:00 on
 * the last Sunday of October is two real hours).
 */
import type { CoachSchedule, LocalTimeWindow, Weekday } from './types.js'
import type { Interval } from './busy-times.js'
import { mergeIntervals } from './busy-times.js'
import type { DayNumber, ZoneClock } from './zone-time.js'
import { dayNumberFromIsoDate, parseLocalTime, weekdayOf } from './zone-time.js'

/** A window as minutes since local midnight, [startMinute, endMinute). */
interface MinuteWindow {
  startMinute: number
  endMinute: number
}

interface DayChange {
  dayOff: boolean
  extra: MinuteWindow[]
}

/**
 * "HH:MM" window → minutes, or an error message. The end must be after the
 * start; "24:00" is allowed as an end.
 */
function parseLocalTimeWindow(window: LocalTimeWindow): MinuteWindow | string {
  const startMinute = parseLocalTime(window.start)
  if (startMinute === null) return `start time "${window.start}" must be HH:MM, like 09:30`
  const endMinute = parseLocalTime(window.end, { endOfDay: true })
  if (endMinute === null) return `end time "${window.end}" must be HH:MM, like 17:00`
  if (endMinute <= startMinute) return `end time ${window.end} must be after start time ${window.start}`
  return { startMinute, endMinute }
}

export class WorkingHours {
  private readonly weekly: MinuteWindow[][] = [[], [], [], [], [], [], [], []]
  private readonly changes = new Map<DayNumber, DayChange>()

  /** Reads the coach's windows and overrides; throws a RangeError naming the coach when one is malformed. */
  constructor(
    coach: Pick<CoachSchedule, 'coachId' | 'weeklyAvailability' | 'dateOverrides'>,
    private readonly clock: ZoneClock,
  ) {
    const fail = (problem: string): never => {
      throw new RangeError(`Coach ${coach.coachId}: ${problem}`)
    }
    const read = (window: LocalTimeWindow): MinuteWindow => {
      const parsed = parseLocalTimeWindow(window)
      return typeof parsed === 'string' ? fail(parsed) : parsed
    }
    for (const window of coach.weeklyAvailability) {
      if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) {
        fail(`weekday must be 1 (Monday) to 7 (Sunday), got ${String(window.weekday)}`)
      }
      this.weekly[window.weekday]!.push(read(window))
    }
    for (const override of coach.dateOverrides ?? []) {
      const day = dayNumberFromIsoDate(override.date)
      if (day === null) fail(`override date "${override.date}" must be a real date, YYYY-MM-DD`)
      let change = this.changes.get(day as DayNumber)
      if (!change) {
        change = { dayOff: false, extra: [] }
        this.changes.set(day as DayNumber, change)
      }
      if (override.kind === 'day-off') change.dayOff = true
      else change.extra.push(...override.windows.map(read))
    }
  }

  /** The coach's windows on a local date, on their clock, as given (not joined). */
  localWindowsOn(day: DayNumber): readonly MinuteWindow[] {
    const weekday: Weekday = weekdayOf(day)
    const change = this.changes.get(day)
    if (!change) return this.weekly[weekday]!
    return change.dayOff ? change.extra : [...this.weekly[weekday]!, ...change.extra]
  }

  /** The coach's working time on a local date, as joined stretches of real time in start order. */
  windowsOn(day: DayNumber): Interval[] {
    const local = this.localWindowsOn(day)
    if (local.length === 0) return []
    const real = local.map((w) => ({
      start: this.clock.instantAt(day, w.startMinute),
      end: this.clock.instantAt(day, w.endMinute),
    }))
    return real.length === 1 ? real.filter((i) => i.end > i.start) : mergeIntervals(real)
  }
}
