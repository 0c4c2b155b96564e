/**
 * Turning free slots into what the candidate chooses from: the days that
 * have free times, a week at a time, and the times of one day, all on the
 * candidate's own clock.
 */
import { DateTime } from 'luxon'
import { formatDayShort, formatTime, toZonedDateTime } from '../time/index.js'
import { readIsoDate } from '../time/date-input.js'

interface FreeSlot {
  /** ISO 8601 UTC, as listSlots returns it. */
  start: string
  end: string
}

/** The most days one slot listing may cover (see slots/date-range.ts). */
const LISTING_DAYS = 93

interface DateRange {
  from: string
  to: string
}

/**
 * The dates to list slots for, in the candidate's zone: from today to the
 * last day of the programme's horizon, cut into listings of at most 93 days.
 */
export function searchRanges(now: Date, horizonDays: number, zone: string): DateRange[] {
  const first = toZonedDateTime(now, zone).startOf('day')
  const last = toZonedDateTime(new Date(now.getTime() + horizonDays * 86_400_000), zone).startOf('day')
  const ranges: DateRange[] = []
  for (let from = first; from <= last; from = from.plus({ days: LISTING_DAYS })) {
    const to = DateTime.min(from.plus({ days: LISTING_DAYS - 1 }), last)
    ranges.push({ from: from.toISODate()!, to: to.toISODate()! })
  }
  return ranges
}

export interface AvailableDay {
  /** YYYY-MM-DD on the candidate's clock. */
  date: string
  /** "Tuesday 3 March" */
  text: string
  freeTimes: number
}

/**
 * The days with at least one free slot, in order (slots are sorted, but this does not rely on it). A slot's date is
 * read from the bounds of the last day worked out, and luxon is asked only for a slot outside them: turning each
 * slot into a zoned date was most of this function's time (a programme lists thousands of slots over a few weeks).
 */
export function availableDays(slots: readonly FreeSlot[], zone: string): AvailableDay[] {
  const counts = new Map<string, number>()
  let day = { date: '', from: Infinity, until: -Infinity }
  for (const slot of slots) {
    const at = Date.parse(slot.start)
    if (!(at >= day.from && at < day.until)) {
      // The local day's own bounds, from midnight to the next (23 or 25 hours on a clock change).
      const start = toZonedDateTime(slot.start, zone).startOf('day')
      day = { date: start.toISODate()!, from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() }
    }
    counts.set(day.date, (counts.get(day.date) ?? 0) + 1)
  }
  return [...counts.keys()]
    .sort()
    .map((date) => ({ date, text: formatDayShort(date, zone), freeTimes: counts.get(date)! }))
}

/** The Monday of the week a date is in, YYYY-MM-DD. */
function weekStartOf(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).startOf('week').toISODate()!
}

interface WeekOfDays {
  /** Monday, YYYY-MM-DD. */
  weekStart: string
  /** "Monday 2 March" */
  weekStartText: string
  /** "Sunday 8 March" */
  weekEndText: string
  days: AvailableDay[]
  /** Mondays of the nearest earlier and later weeks that have free days, if any. */
  previousWeek: string | null
  nextWeek: string | null
}


/**
 * One week of available days. Without a (usable) week asked for, the week of
 * the first available day; a week with no free days shows the next week that
 * has some (or the last one). Null when no day has a free time at all.
 */
export function weekOfDays(days: readonly AvailableDay[], requestedWeek?: string | null): WeekOfDays | null {
  if (days.length === 0) return null
  const weeks = [...new Set(days.map((day) => weekStartOf(day.date)))].sort()
  let week = weeks[0]!
  if (isIsoDate(requestedWeek)) {
    const wanted = weekStartOf(requestedWeek)
    week = weeks.find((candidate) => candidate >= wanted) ?? weeks[weeks.length - 1]!
  }
  const index = weeks.indexOf(week)
  const monday = DateTime.fromISO(week, { zone: 'UTC' })
  return {
    weekStart: week,
    weekStartText: formatDayShort(week, 'UTC'),
    weekEndText: formatDayShort(monday.plus({ days: 6 }).toISODate()!, 'UTC'),
    days: days.filter((day) => weekStartOf(day.date) === week),
    previousWeek: weeks[index - 1] ?? null,
    nextWeek: weeks[index + 1] ?? null,
  }
}

export interface TimeChoice {
  /** The slot's start, ISO 8601 UTC: the radio's value. */
  value: string
  /** "9:30am" */
  text: string
}

/** The free times on one date of the candidate's clock. */
export function timesOnDay(slots: readonly FreeSlot[], date: string, zone: string): TimeChoice[] {
  return slots
    .filter((slot) => toZonedDateTime(slot.start, zone).toISODate() === date)
    .map((slot) => ({ value: new Date(slot.start).toISOString(), text: formatTime(slot.start, zone) }))
}

/** The date (YYYY-MM-DD) an instant falls on, on the candidate's clock. */
export function dateInZone(instant: string | Date, zone: string): string {
  return toZonedDateTime(instant, zone).toISODate()!
}

/** True when the text is a real calendar date, YYYY-MM-DD. */
function isIsoDate(text: unknown): text is string {
  return readIsoDate(text, { from: 1, to: 9999 }) !== null
}
