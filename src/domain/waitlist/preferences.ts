/**
 * What times suit someone on the waitlist: days of the week, parts of the
 * day and a first and last date, all on their own clock (their time zone).
 * A time matches when its start falls on one of their days, in one of their
 * parts of the day, between their dates. Worked out with luxon in their zone,
 * so a time is judged by the wall clock they live by, across daylight saving.
 */
import { DateTime } from 'luxon'

export const PARTS_OF_DAY = ['morning', 'afternoon', 'early_evening'] as const
export type PartOfDay = (typeof PARTS_OF_DAY)[number]

/** Where each part of the day begins and ends, in minutes after local midnight (a start in [from, to)). */
export const PART_OF_DAY_MINUTES: Record<PartOfDay, { from: number; to: number; label: string; hint: string }> = {
  morning: { from: 0, to: 12 * 60, label: 'Morning', hint: 'Before midday' },
  afternoon: { from: 12 * 60, to: 17 * 60, label: 'Afternoon', hint: 'Midday to 5pm' },
  early_evening: { from: 17 * 60, to: 20 * 60, label: 'Early evening', hint: '5pm to 8pm' },
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

export interface WaitlistPreferences {
  /** ISO weekdays: 1 is Monday, 7 is Sunday. */
  days: number[]
  partsOfDay: PartOfDay[]
  /** YYYY-MM-DD on their clock, or null: from today. */
  from: string | null
  /** YYYY-MM-DD on their clock, or null: as far as the programme books ahead. */
  to: string | null
  timeZone: string
}

/** Whether a time starting at `start` suits these preferences. */
export function suits(preferences: WaitlistPreferences, start: Date): boolean {
  const local = DateTime.fromJSDate(start, { zone: preferences.timeZone })
  if (!preferences.days.includes(local.weekday)) return false
  const minute = local.hour * 60 + local.minute
  if (!preferences.partsOfDay.some((part) => minute >= PART_OF_DAY_MINUTES[part].from && minute < PART_OF_DAY_MINUTES[part].to)) return false
  const date = local.toISODate()!
  if (preferences.from && date < preferences.from) return false
  if (preferences.to && date > preferences.to) return false
  return true
}

/** "Mondays and Wednesdays, mornings and early evenings": the preferences as a person reads them. */
export function describeDays(days: readonly number[]): string {
  if (days.length === 7) return 'Any day'
  return listInWords([...days].sort().map((day) => `${WEEKDAY_NAMES[day - 1]}s`))
}

export function describePartsOfDay(parts: readonly PartOfDay[]): string {
  return listInWords(PARTS_OF_DAY.filter((part) => parts.includes(part)).map((part) => PART_OF_DAY_MINUTES[part].label.toLowerCase()))
    .replace(/^./, (first) => first.toUpperCase())
}

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** Today's date on the candidate's clock. */
export function todayIn(timeZone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!
}
