/**
 * Dates and times in NHS content style, in a named IANA time zone.
 *
 *   formatDate          "Wednesday 6 August 2025"
 *   formatTime          "5pm", "5:30pm", "9:30am", "midday", "midnight"
 *   formatTimeRange     "9:30am to 10:15am"
 *   formatDateTimeRange "Monday 2 March 2026, 9:30am to 10:15am (UK time)"
 *   formatDayShort      "Monday 2 March"
 *   timeZoneLabel       "UK time", "New York time", "UTC", "UTC-5"
 *
 * Instants are JS Dates or ISO 8601 strings with an offset or Z (a string
 * without one is read as UTC, as the database and API store times).
 * Bad instants and unknown zones throw a RangeError.
 */
import { DateTime, IANAZone } from 'luxon'

export type Instant = Date | string

export const DEFAULT_TIME_ZONE = 'Europe/London'

const LOCALE = 'en-GB'

/** Zone names already found valid: checking builds an Intl formatter, too slow for every request. */
const validZones = new Set<string>()
/** Enough for every IANA name (about 600) in the spellings people use; junk is never remembered. */
const MAXIMUM_REMEMBERED_ZONES = 2_000

/** True when `zone` is an IANA zone name luxon (and Intl) understand. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false
  if (validZones.has(zone)) return true
  if (!IANAZone.isValidZone(zone)) return false
  if (validZones.size >= MAXIMUM_REMEMBERED_ZONES) validZones.clear()
  validZones.add(zone)
  return true
}

/** An instant as a luxon DateTime in `zone` (UTC when no zone is given). */
export function toZonedDateTime(instant: Instant, zone = 'UTC'): DateTime {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`)
  let dt: DateTime
  if (instant instanceof Date) {
    dt = DateTime.fromJSDate(instant)
  } else if (typeof instant === 'string') {
    dt = DateTime.fromISO(instant, { zone: 'UTC' })
  } else {
    throw new RangeError('Expected a Date or an ISO 8601 string')
  }
  if (!dt.isValid) throw new RangeError(`Not a valid date and time: ${String(instant)}`)
  return dt.setZone(zone).setLocale(LOCALE)
}

/**
 * One formatter per zone for formatDate. Pages list many dates (the follow-up
 * review, 100 a page): luxon built three objects and several formatters for
 * each, about 15 µs a date; a kept Intl formatter needs one call.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * Dates already written, by zone and instant: a page shows the same ones
 * again and again (the follow-up review's 100 a page), and writing one from
 * its parts takes about 5 µs against a lookup's fraction of one.
 */
const writtenDates = new Map<string, string>()
const MAXIMUM_WRITTEN_DATES = 20_000

/** "Wednesday 6 August 2025" */
export function formatDate(instant: Instant, zone: string = DEFAULT_TIME_ZONE): string {
  const key = instant instanceof Date ? `${zone}\u0000d${instant.getTime()}` : `${zone}\u0000s${String(instant)}`
  const written = writtenDates.get(key)
  if (written !== undefined) return written
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`)
  let format = dateFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    if (dateFormats.size >= MAXIMUM_REMEMBERED_ZONES) dateFormats.clear()
    dateFormats.set(zone, format)
  }
  const parts = format.formatToParts(toInstantDate(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const text = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`
  if (writtenDates.size >= MAXIMUM_WRITTEN_DATES) writtenDates.clear()
  writtenDates.set(key, text)
  return text
}

/** The instant as a JS Date (a string without an offset read as UTC, as toZonedDateTime does); RangeError when it is none. */
function toInstantDate(instant: Instant): Date {
  if (instant instanceof Date) {
    if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a valid date and time: ${String(instant)}`)
    return instant
  }
  return (typeof instant === 'string' && utcDate(instant)) || toZonedDateTime(instant).toJSDate()
}

const UTC_ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d{1,3})?)?Z)?$/

/**
 * "2026-03-02" or "2026-03-02T09:30:00.000Z", read by Date itself: luxon took
 * 7 µs a date, most of the review page's time in luxon (its due dates). Date
 * rolls "30 February" over into March, so the answer counts only when it
 * gives back the same day and minute; anything else (null) is luxon's to read
 * or refuse.
 */
function utcDate(text: string): Date | null {
  const match = UTC_ISO.exec(text)
  if (!match) return null
  const date = new Date(text)
  if (Number.isNaN(date.getTime())) return null
  const iso = date.toISOString()
  return iso.startsWith(match[1]!) && (match[2] === undefined || iso.slice(11, 16) === match[2]) ? date : null
}

/** "5pm", "5:30pm", "9:30am", "midday" (12:00), "midnight" (00:00). Seconds are dropped. */
export function formatTime(instant: Instant, zone: string = DEFAULT_TIME_ZONE): string {
  return clockTime(toZonedDateTime(instant, zone))
}

/** "9:30am to 10:15am" (times only; see formatDateTimeRange for the date and zone). */
export function formatTimeRange(start: Instant, end: Instant, zone: string = DEFAULT_TIME_ZONE): string {
  const [from, to] = orderedPair(start, end, zone)
  return `${clockTime(from)} to ${clockTime(to)}`
}

/**
 * "Monday 2 March 2026, 9:30am to 10:15am (UK time)".
 * When the range ends on another day in `zone`, both dates are shown:
 * "Monday 2 March 2026, 11pm to Tuesday 3 March 2026, 12:30am (UK time)".
 */
export function formatDateTimeRange(start: Instant, end: Instant, zone: string = DEFAULT_TIME_ZONE): string {
  const [from, to] = orderedPair(start, end, zone)
  const label = timeZoneLabel(zone)
  const fromDate = from.toFormat('cccc d LLLL yyyy')
  if (from.hasSame(to, 'day')) {
    return `${fromDate}, ${clockTime(from)} to ${clockTime(to)} (${label})`
  }
  return `${fromDate}, ${clockTime(from)} to ${to.toFormat('cccc d LLLL yyyy')}, ${clockTime(to)} (${label})`
}

/**
 * "Monday 2 March": for choosing a day. Takes an instant (shown in `zone`) or
 * a calendar date "YYYY-MM-DD" (taken as that day, whatever the zone).
 */
export function formatDayShort(date: Instant, zone: string = DEFAULT_TIME_ZONE): string {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`)
    const day = DateTime.fromISO(date, { zone }).setLocale(LOCALE)
    if (!day.isValid) throw new RangeError(`Not a valid date: ${date}`)
    return day.toFormat('cccc d LLLL')
  }
  return toZonedDateTime(date, zone).toFormat('cccc d LLLL')
}

const UK_ZONES = new Set(['europe/london', 'europe/belfast', 'gb', 'gb-eire'])
const UTC_ZONES = new Set([
  'utc',
  'gmt',
  'uct',
  'zulu',
  'universal',
  'greenwich',
  'etc/utc',
  'etc/gmt',
  'etc/uct',
  'etc/zulu',
  'etc/universal',
  'etc/greenwich',
  'etc/gmt0',
  'etc/gmt+0',
  'etc/gmt-0',
  'gmt0',
  'gmt+0',
  'gmt-0',
])

/**
 * A readable name for a zone, shown next to times.
 *
 * - Europe/London (and its aliases Europe/Belfast, GB, GB-Eire): "UK time".
 *   Not "GMT" or "BST", which are right for only half the year.
 * - UTC and its aliases: "UTC".
 * - Etc/GMT±N (POSIX signs are inverted): "UTC-5" for Etc/GMT+5.
 * - Otherwise the last part of the IANA name as given (not canonicalised, so
 *   Asia/Kolkata stays "Kolkata"), underscores as spaces, plus "time":
 *   America/New_York → "New York time", US/Eastern → "Eastern time",
 *   America/Argentina/Buenos_Aires → "Buenos Aires time", Japan → "Japan time".
 */
export function timeZoneLabel(zone: string): string {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`)
  const lower = zone.toLowerCase()
  if (UK_ZONES.has(lower)) return 'UK time'
  if (UTC_ZONES.has(lower)) return 'UTC'
  const etc = /^etc\/gmt([+-])(\d{1,2})$/.exec(lower)
  if (etc) {
    const sign = etc[1] === '+' ? '-' : '+'
    return `UTC${sign}${Number(etc[2])}`
  }
  const city = zone.split('/').pop() ?? zone
  const words = city.replace(/_/g, ' ')
  // Zone names are case-insensitive; tidy an all-lowercase one.
  const tidy = words === words.toLowerCase() ? words.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : words
  return `${tidy} time`
}

function clockTime(dt: DateTime): string {
  const { hour, minute } = dt
  if (minute === 0 && hour === 0) return 'midnight'
  if (minute === 0 && hour === 12) return 'midday'
  const suffix = hour < 12 ? 'am' : 'pm'
  const h12 = hour % 12 === 0 ? 12 : hour % 12
  return minute === 0 ? `${h12}${suffix}` : `${h12}:${String(minute).padStart(2, '0')}${suffix}`
}

function orderedPair(start: Instant, end: Instant, zone: string): [DateTime, DateTime] {
  const from = toZonedDateTime(start, zone)
  const to = toZonedDateTime(end, zone)
  if (to < from) throw new RangeError('The end of a time range must not be before its start')
  return [from, to]
}
