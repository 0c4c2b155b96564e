/**
 * The busy times in a coach's calendar file (iCalendar, RFC 5545), parsed by
 * ical.js: what blocks slots like time off.
 *
 * Busy means: not cancelled, not free (TRANSP:TRANSPARENT, or Outlook's
 * X-MICROSOFT-CDO-BUSYSTATUS FREE or WORKINGELSEWHERE), not declined by the
 * coach (an ATTENDEE with one of the coach's addresses and
 * PARTSTAT=DECLINED), and not one of our own events (our invitations
 * accepted into the calendar, our write-backs: `isOurs`). Tentative events
 * count as busy: a coach who may be somewhere should not be booked then.
 *
 * Recurrences are expanded (RRULE, RDATE, EXDATE by ical.js); a moved or
 * changed occurrence (a VEVENT with RECURRENCE-ID) replaces the occurrence it
 * names and is judged on its own. Times are read on their wall clock and
 * placed in their zone: an IANA TZID, a Windows zone name as Outlook writes
 * it ("GMT Standard Time"), else the file's own VTIMEZONE, else (floating
 * times, unknown zones) the coach's zone. All-day and multi-day events run
 * from midnight to midnight on the coach's clock.
 */
import ICAL from 'ical.js'
import { DateTime, IANAZone } from 'luxon'
import { ianaZoneForWindowsName } from './windows-zones.js'

type IcalComponent = InstanceType<typeof ICAL.Component>
type IcalTime = InstanceType<typeof ICAL.Time>
type IcalTimezone = InstanceType<typeof ICAL.Timezone>

export interface BusyTime {
  start: Date
  end: Date
}

export interface BusyTimeQuery {
  /** Busy times that touch [from, to) are read. */
  from: Date
  to: Date
  /** The coach's zone: floating times, unknown zones and all-day events are on this clock. */
  coachZone: string
  /** The coach's email addresses, lower case: an ATTENDEE with one of them that DECLINED is not busy. */
  coachEmails: readonly string[]
  /** Our own events (by UID) never count as busy. */
  isOurs: (uid: string) => boolean
}

/** The file is not a calendar, or cannot be read as one. */
export class CalendarFileError extends Error {}

/**
 * A recurring event is expanded from its start this many times at most (a
 * daily series for 270 years, an hourly one for 11): enough for any real
 * series to reach the window, while a file cannot keep a sync busy for ever.
 */
const MAX_OCCURRENCES_PER_EVENT = 100_000
/** More busy times than this in the window means something is wrong with the file. */
const MAX_BUSY_TIMES = 20_000

export function readBusyTimes(text: string, query: BusyTimeQuery): BusyTime[] {
  const calendar = parseCalendar(text)
  const zones = new Map<string, IcalTimezone>()
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid')
    if (typeof tzid === 'string' && tzid !== '') zones.set(tzid, new ICAL.Timezone(vtimezone))
  }
  // ical.js expands recurrences on the zone it knows the TZID by: register the
  // file's zones for the expansion (synchronous, so no other file's sync sees them).
  const registered: string[] = []
  for (const [tzid, zone] of zones) {
    if (!ICAL.TimezoneService.has(tzid)) {
      ICAL.TimezoneService.register(zone, tzid)
      registered.push(tzid)
    }
  }
  try {
    return busyTimesOf(calendar, new Placer(query.coachZone, zones), query)
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid)
  }
}

function parseCalendar(text: string): IcalComponent {
  if (!/BEGIN:VCALENDAR/i.test(text.slice(0, 2000))) throw new CalendarFileError('This is not a calendar file')
  let parsed: unknown
  try {
    parsed = ICAL.parse(text)
  } catch {
    throw new CalendarFileError('The calendar file is damaged and could not be read')
  }
  const first = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed
  const calendar = new ICAL.Component(first as unknown[])
  if (calendar.name !== 'vcalendar') throw new CalendarFileError('This is not a calendar file')
  return calendar
}

function busyTimesOf(calendar: IcalComponent, placer: Placer, query: BusyTimeQuery): BusyTime[] {
  const from = query.from.getTime()
  const to = query.to.getTime()
  const out: BusyTime[] = []
  const add = (start: number, end: number) => {
    if (end > from && start < to && end > start) {
      if (out.length >= MAX_BUSY_TIMES) throw new CalendarFileError('The calendar has too many events to read')
      out.push({ start: new Date(start), end: new Date(end) })
    }
  }

  // Group by UID: a series and the occurrences it moved or changed.
  const series = new Map<string, { master?: IcalComponent; exceptions: IcalComponent[] }>()
  let anonymous = 0
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const uidValue = vevent.getFirstPropertyValue('uid')
    const uid = typeof uidValue === 'string' && uidValue !== '' ? uidValue : `no-uid-${anonymous++}`
    if (query.isOurs(uid)) continue
    const group = series.get(uid) ?? { exceptions: [] }
    if (vevent.hasProperty('recurrence-id')) group.exceptions.push(vevent)
    else group.master = vevent
    series.set(uid, group)
  }

  for (const { master, exceptions } of series.values()) {
    const replaced = new Set<number>()
    for (const exception of exceptions) {
      const recurrenceId = exception.getFirstProperty('recurrence-id')
      const id = recurrenceId?.getFirstValue()
      if (id instanceof ICAL.Time) replaced.add(placer.instant(id, tzidOf(recurrenceId)))
      if (!isBusy(exception, query.coachEmails)) continue
      const span = spanOf(exception, placer)
      if (span) add(span.start, span.end)
    }
    if (!master || !isBusy(master, query.coachEmails)) continue
    const event = new ICAL.Event(master)
    const startProperty = master.getFirstProperty('dtstart')
    if (!startProperty || !(startProperty.getFirstValue() instanceof ICAL.Time)) continue
    const startZone = tzidOf(startProperty)
    const endZone = tzidOf(master.getFirstProperty('dtend')) ?? startZone
    if (!event.isRecurring()) {
      const span = spanOf(master, placer)
      if (span) add(span.start, span.end)
      continue
    }
    const duration = event.duration
    const iterator = event.iterator()
    for (let count = 0; count < MAX_OCCURRENCES_PER_EVENT; count++) {
      const next = iterator.next()
      if (!next) break
      const start = placer.instant(next, startZone)
      if (start >= to) break
      if (replaced.has(start)) continue
      const endTime = next.clone()
      endTime.addDuration(duration)
      const end = placer.instant(endTime, endZone)
      add(start, end > start ? end : placer.endOfDayAfter(next))
    }
  }
  return out
}

/** One event's own start and end (epoch ms): DTEND, else DTSTART + DURATION, else a day (all-day) or an instant. */
function spanOf(vevent: IcalComponent, placer: Placer): { start: number; end: number } | null {
  const startProperty = vevent.getFirstProperty('dtstart')
  const startTime = startProperty?.getFirstValue()
  if (!(startTime instanceof ICAL.Time)) return null
  const startZone = tzidOf(startProperty)
  const start = placer.instant(startTime, startZone)
  const endProperty = vevent.getFirstProperty('dtend')
  const endTime = endProperty?.getFirstValue()
  if (endTime instanceof ICAL.Time) return { start, end: placer.instant(endTime, tzidOf(endProperty) ?? startZone) }
  const duration = vevent.getFirstPropertyValue('duration')
  if (duration instanceof ICAL.Duration) {
    const end = startTime.clone()
    end.addDuration(duration)
    return { start, end: placer.instant(end, startZone) }
  }
  // RFC 5545 3.6.1: a DATE start without an end lasts the day; a DATE-TIME one takes no time.
  return startTime.isDate ? { start, end: placer.endOfDayAfter(startTime) } : null
}

function isBusy(vevent: IcalComponent, coachEmails: readonly string[]): boolean {
  const text = (name: string) => String(vevent.getFirstPropertyValue(name) ?? '').trim().toUpperCase()
  if (text('status') === 'CANCELLED') return false
  if (text('transp') === 'TRANSPARENT') return false
  const outlookStatus = text('x-microsoft-cdo-busystatus')
  if (outlookStatus === 'FREE' || outlookStatus === 'WORKINGELSEWHERE') return false
  for (const attendee of vevent.getAllProperties('attendee')) {
    const address = String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase()
    const partstat = String(attendee.getParameter('partstat') ?? '').toUpperCase()
    if (partstat === 'DECLINED' && coachEmails.includes(address)) return false
  }
  return true
}

function tzidOf(property: { getParameter(name: string): unknown } | null | undefined): string | null {
  const tzid = property?.getParameter('tzid')
  return typeof tzid === 'string' && tzid.trim() !== '' ? tzid.trim() : null
}

/** Places wall-clock times in real time, each in the zone its TZID names. */
class Placer {
  private readonly known = new Map<string, { iana: string } | { vtimezone: IcalTimezone } | null>()

  constructor(
    private readonly coachZone: string,
    private readonly fileZones: ReadonlyMap<string, IcalTimezone>,
  ) {}

  /** Epoch ms of a time as the file means it. */
  instant(time: IcalTime, tzid: string | null): number {
    const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }
    if (time.isDate) return this.local({ year: time.year, month: time.month, day: time.day }, this.coachZone)
    if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC') {
      return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
    }
    const zone = tzid ? this.zoneFor(tzid) : null
    if (zone && 'vtimezone' in zone) {
      const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
      return asUtc - zone.vtimezone.utcOffset(time) * 1000
    }
    return this.local(wall, zone?.iana ?? this.coachZone)
  }

  /** Midnight on the coach's clock at the end of the date of `time` (an all-day event without an end). */
  endOfDayAfter(time: IcalTime): number {
    return DateTime.fromObject({ year: time.year, month: time.month, day: time.day }, { zone: this.coachZone }).plus({ days: 1 }).toMillis()
  }

  private local(wall: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number }, zone: string): number {
    return DateTime.fromObject(wall, { zone }).toMillis()
  }

  private zoneFor(tzid: string): { iana: string } | { vtimezone: IcalTimezone } | null {
    if (this.known.has(tzid)) return this.known.get(tzid)!
    const found = resolveZone(tzid, this.fileZones)
    this.known.set(tzid, found)
    return found
  }
}

/**
 * An IANA name first (the tz database is kept up to date, a file's rules may
 * stop at some year), then a Windows name, then the file's VTIMEZONE, then an
 * IANA name at the end of a longer TZID ("/mozilla.org/20050126_1/Europe/London").
 */
function resolveZone(tzid: string, fileZones: ReadonlyMap<string, IcalTimezone>): { iana: string } | { vtimezone: IcalTimezone } | null {
  const name = tzid.replace(/^"|"$/g, '')
  if (/[A-Za-z]+\/[A-Za-z_]+/.test(name) && IANAZone.isValidZone(name)) return { iana: name }
  const windows = ianaZoneForWindowsName(name)
  if (windows) return { iana: windows }
  const own = fileZones.get(tzid)
  if (own) return { vtimezone: own }
  const tail = /([A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)$/.exec(name)?.[1]
  if (tail && IANAZone.isValidZone(tail)) return { iana: tail }
  return null
}
