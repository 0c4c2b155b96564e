/**
 * The shapes the slot builder reads and returns.
 *
 * Instants going in are JS Dates (as Prisma returns them); ranges of time are
 * half-open, [start, end). Slots coming out carry UTC ISO 8601 strings with
 * milliseconds, like "2026-03-02T09:30:00.000Z".
 */

/** ISO weekday, as luxon counts them: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

/**
 * Working hours on the coach's own clock: "HH:MM" 24-hour times, `end` after
 * `start` on the same day. `end` may be "24:00" (midnight at the end of the day).
 * A window cannot run past midnight: split it in two.
 */
export interface LocalTimeWindow {
  start: string
  end: string
}

/** One window of a coach's usual week. A day can have several. */
export interface WeeklyWindow extends LocalTimeWindow {
  weekday: Weekday
}

/**
 * A change to one local date ("YYYY-MM-DD" in the coach's zone).
 * - `day-off`: the weekly windows of that date are dropped.
 * - `extra-hours`: these windows are added to that date's hours.
 * Both can be given for one date: the day's hours are then only the extra
 * hours (a day off plus extra hours is how "different hours that day" is said).
 */
export type DateOverride =
  | { date: string; kind: 'day-off' }
  | { date: string; kind: 'extra-hours'; windows: readonly LocalTimeWindow[] }

/** A stretch of real time, [start, end). */
export interface TimeRange {
  start: Date
  end: Date
}

/**
 * Everything about one coach's time the slot builder needs.
 *
 * `bookings` are the coach's live bookings (not cancelled) and `holds` the
 * unexpired holds (a slot kept for a candidate while they finish booking).
 * Both block their time plus the buffer on each side, and both count towards
 * the daily maximum, since a hold is a booking being made. When checking a
 * candidate's own hold or moving their own booking, leave that one out.
 */
export interface CoachSchedule {
  coachId: string
  /** IANA zone name, like "Europe/London". Working hours are read on this clock. */
  timeZone: string
  weeklyAvailability: readonly WeeklyWindow[]
  dateOverrides?: readonly DateOverride[]
  /** Leave, training, anything else: no slot may touch these (no buffer applies). */
  timeOff?: readonly TimeRange[]
  /** Minutes kept clear before and after every booking and hold. Default 0. */
  bufferMinutes?: number
  /**
   * Most conversations in one local day (coach's zone), counting existing
   * bookings and holds by the local day they start on. Null or absent: no limit.
   */
  dailyMaximum?: number | null
  bookings?: readonly TimeRange[]
  /** `expiresAt`, when known, is when the hold stops counting (the availability index needs it). */
  holds?: readonly (TimeRange & { expiresAt?: Date })[]
}

/** A bookable time for one coach. */
export interface Slot {
  /** UTC, with milliseconds: "2026-03-02T09:30:00.000Z" */
  start: string
  /** start + the conversation length */
  end: string
}

/** A bookable time across a programme, with the coaches free then (in the order given). */
export interface ProgrammeSlot extends Slot {
  coachIds: string[]
}

/** Why a start time is not a free slot for a coach. */
type SlotUnavailableReason =
  /** before now + minimum notice */
  | 'too-soon'
  /** after now + horizon */
  | 'too-far-ahead'
  /** not a slot start in the coach's working hours (outside them, or between two slot starts) */
  | 'outside-working-hours'
  /** the coach has time off then */
  | 'time-off'
  /** the coach already has their most conversations that day */
  | 'daily-maximum'
  /** it touches another booking or hold, or the buffer around one */
  | 'clash'

export type SlotCheck = { free: true } | { free: false; reason: SlotUnavailableReason }
