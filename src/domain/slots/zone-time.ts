/**
 * Clock arithmetic in an IANA zone, on plain numbers (epoch milliseconds) so
 * that listing weeks of slots stays fast. Offsets come from luxon's IANAZone.
 *
 * A local date is a day number: days since 1970-01-01, with no zone attached.
 *
 * Daylight saving (see `ZoneClock.instantAt`): a local time is read as the
 * first moment the clock shows it. So
 * - a time that happens twice (clocks go back) is its earlier occurrence:
 *   01:30 on 25 October 2026 in Europe/London is 00:30 UTC (BST);
 * - a time that never happens (clocks go forward) is the moment the clocks
 *   jump: 01:30 on 29 March 2026 in Europe/London is 01:00 UTC (02:00 BST).
 */
import { IANAZone } from 'luxon'
import type { Weekday } from './types.js'

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

export type DayNumber = number

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** "2026-03-02" → its day number, or null when it is not a real date in that exact form. */
export function dayNumberFromIsoDate(text: string): DayNumber | null {
  const match = ISO_DATE.exec(text)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return Math.round(date.getTime() / DAY_MS)
}

/** Day number → "2026-03-02". */
export function isoDateFromDayNumber(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 1 = Monday ... 7 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: DayNumber): Weekday {
  return ((((day + 3) % 7) + 7) % 7 + 1) as Weekday
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/**
 * "HH:MM" (24-hour, two digits each) → minutes since midnight, or null.
 * "24:00" (1440) is accepted only when `endOfDay` is true: the end of a window.
 */
export function parseLocalTime(text: string, { endOfDay = false }: { endOfDay?: boolean } = {}): number | null {
  if (endOfDay && text === '24:00') return 24 * 60
  const match = LOCAL_TIME.exec(text)
  if (!match) return null
  return Number(match[1]) * 60 + Number(match[2])
}

const clocks = new Map<string, ZoneClock>()
/** Days remembered per zone before the memory is cleared (about 27 years). */
const MAXIMUM_REMEMBERED_DAYS = 10_000

/** Local-clock arithmetic in one IANA zone, remembering which days have no clock change. */
export class ZoneClock {
  readonly name: string
  private readonly zone: IANAZone
  /** day → the zone's offset (minutes) all through that day, or NaN when the clocks change near it */
  private readonly steadyOffsets = new Map<DayNumber, number>()

  /** Throws a RangeError for a name that is not an IANA zone. */
  constructor(name: string) {
    // IANAZone.create caches by name and checks validity once; isValidZone would build an Intl formatter every call.
    const zone = typeof name === 'string' && name !== '' ? IANAZone.create(name) : null
    if (!zone?.isValid) throw new RangeError(`Unknown time zone: ${String(name)}`)
    this.name = name
    this.zone = zone
  }

  /** The clock for a zone, shared so that what it has worked out is reused. Throws a RangeError for an unknown zone. */
  static for(name: string): ZoneClock {
    let clock = clocks.get(name)
    if (!clock) {
      clock = new ZoneClock(name)
      clocks.set(name, clock)
    }
    return clock
  }

  /** The zone's offset from UTC, in minutes, at an instant. */
  offsetMinutes(instant: number): number {
    return this.zone.offset(instant)
  }

  /** The local date at an instant. */
  localDayOf(instant: number): DayNumber {
    // The steady offset of the instant's UTC date holds from a day before to two days after its start.
    const steady = this.steadyOffset(Math.floor(instant / DAY_MS))
    const offset = Number.isNaN(steady) ? this.offsetMinutes(instant) : steady
    return Math.floor((instant + offset * MINUTE_MS) / DAY_MS)
  }

  /**
   * The first instant at which the local clock shows `minuteOfDay` (0 to 1440)
   * on local date `day`; 1440 is midnight at the start of the next day.
   * A time skipped by the clocks going forward gives the moment they jump.
   */
  instantAt(day: DayNumber, minuteOfDay: number): number {
    const wall = day * DAY_MS + minuteOfDay * MINUTE_MS
    const steady = this.steadyOffset(day)
    if (!Number.isNaN(steady)) return wall - steady * MINUTE_MS
    return this.instantAtWall(wall)
  }

  /** Midnight at the start of a local date. */
  startOfDay(day: DayNumber): number {
    return this.instantAt(day, 0)
  }

  /**
   * The offset on `day` when it is the same from a day before to two days
   * after the day's midnight (wide enough for every zone's offset, -12 to
   * +14 hours), else NaN. Zones change their clocks at most a few times a year,
   * never twice within three days, so equal ends mean no change in between.
   */
  private steadyOffset(day: DayNumber): number {
    const known = this.steadyOffsets.get(day)
    if (known !== undefined) return known
    const midnight = day * DAY_MS
    const before = this.offsetMinutes(midnight - DAY_MS)
    const after = this.offsetMinutes(midnight + 2 * DAY_MS)
    const steady = before === after ? before : Number.NaN
    if (this.steadyOffsets.size >= MAXIMUM_REMEMBERED_DAYS) this.steadyOffsets.clear()
    this.steadyOffsets.set(day, steady)
    return steady
  }

  /** Wall-clock time (local time written as if it were UTC) → instant, near a clock change. */
  private instantAtWall(wall: number): number {
    const before = this.offsetMinutes(wall - DAY_MS)
    const after = this.offsetMinutes(wall + DAY_MS)
    const occurrences = [before, after]
      .map((offset) => ({ offset, instant: wall - offset * MINUTE_MS }))
      .filter(({ offset, instant }) => this.offsetMinutes(instant) === offset)
      .map(({ instant }) => instant)
    if (occurrences.length > 0) return Math.min(...occurrences)

    // The clock never shows this time: find when it jumps past it. Reading
    // the time with the later (larger) offset gives an instant before the
    // jump, with the earlier offset one after it.
    let lo = wall - Math.max(before, after) * MINUTE_MS
    let hi = wall - Math.min(before, after) * MINUTE_MS
    const loOffset = this.offsetMinutes(lo)
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      if (this.offsetMinutes(mid) === loOffset) lo = mid
      else hi = mid
    }
    return hi
  }
}
