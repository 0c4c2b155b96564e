/**
 * iCalendar (RFC 5545) invitations for a booking, for email attachments
 * that Outlook, Gmail and Apple Calendar understand.
 *
 * - One VEVENT with a stable UID per booking. Send METHOD:REQUEST for a new
 *   or changed booking and METHOD:CANCEL to cancel it, always with the same
 *   UID and a SEQUENCE that goes up with every change; calendars then update
 *   or remove the event they already hold.
 * - Times in UTC ("...Z"), so no VTIMEZONE is needed.
 * - Text escaped (backslash, semicolon, comma, newline), control characters
 *   dropped, lines folded at 75 octets without splitting a UTF-8 character,
 *   CRLF line endings.
 * - The attendee gets RSVP=FALSE: replies are not processed, so Outlook is
 *   not told to send one (the event still lands in the calendar).
 */
import { toZonedDateTime, type Instant } from '../time/format.js'

export type IcsMethod = 'REQUEST' | 'CANCEL'

interface IcsPerson {
  readonly name: string
  readonly email: string
}

export interface BookingIcsInput {
  /** Stable for the life of the booking, e.g. bookingUid(booking.id, host, booking.calendarUid). */
  readonly uid: string
  /** 0 for the first invitation; higher on every change and on cancelling. */
  readonly sequence: number
  readonly method: IcsMethod
  readonly start: Instant
  readonly end: Instant
  readonly summary: string
  readonly description: string
  readonly location?: string
  readonly organizer: IcsPerson
  readonly attendee: IcsPerson
  /** When this version of the invitation was made (DTSTAMP). */
  readonly now: Instant
}

export const ICS_PRODID = '-//NHS Career Conversations//Bookings//EN'

const CRLF = '\r\n'
const MAX_LINE_OCTETS = 75

/**
 * A UID that stays the same for every version of one booking's invitation:
 * the booking's stored `calendar_uid` ("cc-" and 32 hex characters, naming no
 * host), or for a booking made before there was one (null), the
 * `booking-<id>@<host>` its people's calendars already hold.
 */
export function bookingUid(bookingId: string, domain: string, calendarUid?: string | null): string {
  if (calendarUid) {
    assertNoLineBreaks(calendarUid, 'calendarUid')
    return calendarUid
  }
  assertNoLineBreaks(bookingId, 'bookingId')
  assertNoLineBreaks(domain, 'domain')
  return `booking-${bookingId}@${domain}`
}

/** The MIME type for the attachment or alternative part, e.g. `text/calendar; charset=UTF-8; method=REQUEST`. */
export function icsContentType(method: IcsMethod): string {
  return `text/calendar; charset=UTF-8; method=${method}`
}

export function buildBookingIcs(input: BookingIcsInput): string {
  const { method } = input
  if (method !== 'REQUEST' && method !== 'CANCEL') throw new RangeError(`Unknown method: ${String(method)}`)
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...eventLines({ ...input, status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED' }),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join(CRLF) + CRLF
}

/** One event of a calendar that is not an invitation: a coach's feed, or an event written to their CalDAV calendar. */
export interface CalendarEventInput {
  readonly uid: string
  readonly sequence: number
  readonly start: Instant
  readonly end: Instant
  readonly summary: string
  readonly description: string
  readonly location?: string
  readonly organizer?: IcsPerson
  readonly attendee?: IcsPerson
  readonly now: Instant
}

/**
 * A calendar of events with no METHOD: what a subscription feed serves and
 * what CalDAV stores (RFC 4791 4.1: no METHOD in a calendar object). `name`
 * is the calendar's name in apps that show one (X-WR-CALNAME).
 */
export function buildCalendarIcs(events: readonly CalendarEventInput[], options: { name?: string } = {}): string {
  const lines: string[] = ['BEGIN:VCALENDAR', `PRODID:${ICS_PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN']
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`)
  for (const event of events) lines.push(...eventLines({ ...event, status: 'CONFIRMED' }))
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}

function eventLines(input: CalendarEventInput & { status: 'CONFIRMED' | 'CANCELLED' }): string[] {
  const { uid, sequence } = input
  if (typeof uid !== 'string' || uid.trim() === '') throw new RangeError('uid must not be empty')
  assertNoLineBreaks(uid, 'uid')
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError('sequence must be a whole number, 0 or more')
  }
  const start = toZonedDateTime(input.start)
  const end = toZonedDateTime(input.end)
  if (end <= start) throw new RangeError('end must be after start')

  const lines: string[] = [
    'BEGIN:VEVENT',
    `UID:${escapeText(uid)}`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${formatUtc(input.now)}`,
    `DTSTART:${formatUtc(input.start)}`,
    `DTEND:${formatUtc(input.end)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
  ]
  if (input.location !== undefined && input.location.trim() !== '') {
    lines.push(`LOCATION:${escapeText(input.location)}`)
  }
  if (input.organizer) lines.push(`ORGANIZER;CN=${paramValue(input.organizer.name)}:${mailto(input.organizer.email)}`)
  if (input.attendee) {
    lines.push(
      `ATTENDEE;CN=${paramValue(input.attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;` +
        `PARTSTAT=NEEDS-ACTION;RSVP=FALSE:${mailto(input.attendee.email)}`,
    )
  }
  lines.push(`STATUS:${input.status}`, 'TRANSP:OPAQUE', 'CLASS:PRIVATE', 'END:VEVENT')
  return lines
}

/** RFC 5545 3.3.11 TEXT: escape backslash, semicolon, comma and line breaks; drop other control characters. */
export function escapeText(value: string): string {
  return dropControlCharacters(value.replace(/\r\n?/g, '\n'), '\t\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

/**
 * RFC 5545 3.1: lines longer than 75 octets are split, each continuation
 * starting with one space (which counts towards its 75). Splits fall between
 * characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join(CRLF)
}

function formatUtc(instant: Instant): string {
  return toZonedDateTime(instant, 'UTC').toFormat("yyyyMMdd'T'HHmmss'Z'")
}

/** A quoted parameter value (RFC 5545 3.2): DQUOTE and control characters cannot appear: quotes are dropped, line breaks and tabs become spaces. */
function paramValue(value: string): string {
  const clean = dropControlCharacters(value.replace(/[\t\r\n]/g, ' ').replace(/"/g, ''), '').replace(/\s+/g, ' ').trim()
  return `"${clean}"`
}

function mailto(email: string): string {
  // Deliberately loose: the address was validated where it was collected.
  // This only stops it breaking the line structure.
  if (!/^[^\s@"<>;,:\\]+@[^\s@"<>;,:\\]+$/.test(email)) {
    throw new RangeError('Not an email address that can go in a calendar invitation')
  }
  return `mailto:${email}`
}

/** Removes C0 control characters and DEL, except those in `keep`. */
function dropControlCharacters(value: string, keep: string): string {
  let out = ''
  for (const char of value) {
    const code = char.charCodeAt(0)
    if ((code < 0x20 || code === 0x7f) && !keep.includes(char)) continue
    out += char
  }
  return out
}

function assertNoLineBreaks(value: string, name: string): void {
  if (/[\r\n]/.test(value)) throw new RangeError(`${name} must not contain line breaks`)
}
