/**
 * A coach's availability as the availability pages read and write it. Times
 * of day are minutes after local midnight on the coach's clock (0 to 1440,
 * 1440 only as an end), dates are local dates "YYYY-MM-DD" in the coach's
 * zone, and time off is a range of real time (UTC).
 */
import type { Weekday } from '../slots/index.js'

export type { Weekday }

/** One weekly window: e.g. Monday 9am to 5pm is { weekday: 1, startMinute: 540, endMinute: 1020 }. */
export interface WeeklyHoursWindow {
  weekday: Weekday
  startMinute: number
  endMinute: number
}

/** Buffer, daily maximum and time zone. */
export interface CoachAvailabilitySettings {
  /** Minutes kept clear before and after every conversation, 0 to 240. */
  bufferMinutes: number
  /** Most conversations in one day on the coach's clock, 1 to 24. */
  dailyMaximum: number
  /** IANA zone the weekly hours and dates are read in. */
  timeZone: string
}

export type DateOverrideKind = 'day_off' | 'extra_hours'

/** A day off, or extra hours, to add on one local date. */
export type NewDateOverride =
  | { date: string; kind: 'day_off' }
  | { date: string; kind: 'extra_hours'; startMinute: number; endMinute: number }

export interface DateOverrideRecord {
  id: string
  date: string
  kind: DateOverrideKind
  startMinute: number | null
  endMinute: number | null
}

export interface NewTimeOff {
  startsAt: Date
  endsAt: Date
  /** Short and optional: no health details. */
  note: string | null
}

export interface TimeOffRecord extends NewTimeOff {
  id: string
}

/** Everything the overview page shows. */
export interface CoachAvailability extends CoachAvailabilitySettings {
  coachId: string
  weeklyHours: readonly WeeklyHoursWindow[]
  /** From today (coach's clock) on. */
  dateOverrides: readonly DateOverrideRecord[]
  /** Ending after now. */
  timeOff: readonly TimeOffRecord[]
}

/**
 * A problem with one field of a form: `field` is the input's id (the error
 * summary links to it), `text` the NHS-style message, and `highlight` the
 * boxes to mark in error when more than `field` is wrong (a whole date).
 */
export interface AvailabilityFieldError {
  field: string
  href: string
  text: string
  highlight?: string[]
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: AvailabilityFieldError[] }

/** A posted form: field name → value, as @fastify/formbody gives it. */
export type FormInput = Readonly<Record<string, string | undefined>>

export function fieldError(field: string, text: string, highlight?: string[]): AvailabilityFieldError {
  return highlight ? { field, href: `#${field}`, text, highlight } : { field, href: `#${field}`, text }
}
