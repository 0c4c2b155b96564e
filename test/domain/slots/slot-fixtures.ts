/** Small builders for slot tests. */
import type { CoachSchedule, TimeRange, Weekday } from '../../../src/domain/slots/index.js'

export const EVERY_DAY: Weekday[] = [1, 2, 3, 4, 5, 6, 7]
export const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5]

/** A coach working the same hours on the given weekdays (Europe/London unless told). */
export function coachWorking(
  hours: { start: string; end: string }[],
  extra: Partial<CoachSchedule> = {},
  weekdays: Weekday[] = EVERY_DAY,
): CoachSchedule {
  return {
    coachId: 'coach-1',
    timeZone: 'Europe/London',
    weeklyAvailability: weekdays.flatMap((weekday) => hours.map((h) => ({ weekday, ...h }))),
    ...extra,
  }
}

export function at(iso: string): Date {
  return new Date(iso)
}

export function range(start: string, end: string): TimeRange {
  return { start: new Date(start), end: new Date(end) }
}

export function starts(slots: { start: string }[]): string[] {
  return slots.map((s) => s.start)
}
