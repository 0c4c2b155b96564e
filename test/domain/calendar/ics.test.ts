import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import {
  ICS_PRODID,
  bookingUid,
  buildBookingIcs,
  escapeText,
  foldLine,
  icsContentType,
  type BookingIcsInput,
} from '../../../src/domain/calendar/index.js'

const base: BookingIcsInput = {
  uid: bookingUid('8f14e45f-ceea-467f-a0e6-1b6f2ff0c2a1', 'careers.example.nhs.uk'),
  sequence: 0,
  method: 'REQUEST',
  start: '2026-03-02T09:30:00.000Z',
  end: '2026-03-02T10:15:00.000Z',
  summary: 'Career conversation with Sam Coach',
  description: 'Your free career conversation.\nTo change or cancel: https://careers.example.nhs.uk/bookings/manage/abc',
  location: 'Phone call: Sam will call you on the number you gave',
  organizer: { name: 'Career Conversations', email: 'no-reply@careers.example.nhs.uk' },
  attendee: { name: 'Alex Candidate', email: 'alex@example.com' },
  now: new Date('2026-02-20T14:05:09.000Z'),
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const event = calendar.getFirstSubcomponent('vevent')
  if (!event) throw new Error('no VEVENT')
  return { calendar, event }
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true)
  return ics.slice(0, -2).split('\r\n')
}

describe('buildBookingIcs', () => {
  it('makes a calendar invitation ical.js can read', () => {
    const ics = buildBookingIcs(base)
    const { calendar, event } = parse(ics)

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getFirstPropertyValue('prodid')).toBe(ICS_PRODID)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')

    expect(event.getFirstPropertyValue('uid')).toBe('booking-8f14e45f-ceea-467f-a0e6-1b6f2ff0c2a1@careers.example.nhs.uk')
    expect(event.getFirstPropertyValue('sequence')).toBe(0)
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(event.getFirstPropertyValue('summary')).toBe(base.summary)
    expect(event.getFirstPropertyValue('description')).toBe(base.description)
    expect(event.getFirstPropertyValue('location')).toBe(base.location)

    const ev = new ICAL.Event(event)
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-03-02T09:30:00.000Z')
    expect(ev.endDate.toJSDate().toISOString()).toBe('2026-03-02T10:15:00.000Z')
    expect(ev.startDate.zone?.tzid).toBe('UTC')
  })

  it('writes times in UTC with Z, and DTSTAMP from now', () => {
    const ics = buildBookingIcs({ ...base, start: '2026-03-29T08:30:00Z', end: '2026-03-29T09:15:00Z' })
    expect(ics).toContain('\r\nDTSTART:20260329T083000Z\r\n')
    expect(ics).toContain('\r\nDTEND:20260329T091500Z\r\n')
    expect(ics).toContain('\r\nDTSTAMP:20260220T140509Z\r\n')
  })

  it('converts times given with an offset to UTC', () => {
    const ics = buildBookingIcs({ ...base, start: '2026-03-30T09:30:00+01:00', end: '2026-03-30T10:15:00+01:00' })
    expect(ics).toContain('\r\nDTSTART:20260330T083000Z\r\n')
  })

  it('names the organiser and the attendee', () => {
    const { event } = parse(buildBookingIcs(base))
    const organizer = event.getFirstProperty('organizer')
    const attendee = event.getFirstProperty('attendee')
    expect(organizer?.getFirstValue()).toBe('mailto:no-reply@careers.example.nhs.uk')
    expect(organizer?.getParameter('cn')).toBe('Career Conversations')
    expect(attendee?.getFirstValue()).toBe('mailto:alex@example.com')
    expect(attendee?.getParameter('cn')).toBe('Alex Candidate')
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION')
    expect(attendee?.getParameter('rsvp')).toBe('FALSE')
  })

  it('quotes names with commas, semicolons or colons, and drops double quotes', () => {
    const ics = buildBookingIcs({ ...base, attendee: { name: 'O\'Brien, "Pat"; RN: ward 3', email: 'pat@example.com' } })
    const { event } = parse(ics)
    expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe("O'Brien, Pat; RN: ward 3")
    expect(event.getFirstProperty('attendee')?.getFirstValue()).toBe('mailto:pat@example.com')
  })

  it('leaves out LOCATION when there is none', () => {
    const { location: _location, ...withoutLocation } = base
    const ics = buildBookingIcs(withoutLocation)
    expect(ics).not.toContain('LOCATION')
    expect(parse(ics).event.getFirstPropertyValue('location')).toBeNull()
  })

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE', () => {
    const request = parse(buildBookingIcs(base))
    const cancel = parse(buildBookingIcs({ ...base, method: 'CANCEL', sequence: 2 }))
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(cancel.event.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(cancel.event.getFirstPropertyValue('uid')).toBe(request.event.getFirstPropertyValue('uid'))
    expect(cancel.event.getFirstPropertyValue('sequence')).toBe(2)
  })

  it('keeps the UID when a booking moves, with the new times and sequence', () => {
    const moved = parse(
      buildBookingIcs({ ...base, sequence: 1, start: '2026-03-03T14:00:00Z', end: '2026-03-03T14:45:00Z' }),
    )
    expect(moved.event.getFirstPropertyValue('uid')).toBe(base.uid)
    expect(moved.event.getFirstPropertyValue('sequence')).toBe(1)
    expect(new ICAL.Event(moved.event).startDate.toJSDate().toISOString()).toBe('2026-03-03T14:00:00.000Z')
  })

  it('uses CRLF only, and has the calendar-level lines in order', () => {
    const ics = buildBookingIcs(base)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = physicalLines(ics)
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      `PRODID:${ICS_PRODID}`,
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ])
    expect(lines.at(-1)).toBe('END:VCALENDAR')
  })

  it('escapes backslashes, semicolons, commas and new lines, and round-trips', () => {
    const tricky = 'Bring: notes; CV, questions\\ideas\r\nSecond line\rThird\nFourth'
    const ics = buildBookingIcs({ ...base, summary: 'A, B; C\\D', description: tricky })
    expect(ics).toContain('SUMMARY:A\\, B\\; C\\\\D\r\n')
    const { event } = parse(ics)
    expect(event.getFirstPropertyValue('summary')).toBe('A, B; C\\D')
    expect(event.getFirstPropertyValue('description')).toBe(
      'Bring: notes; CV, questions\\ideas\nSecond line\nThird\nFourth',
    )
  })

  it('drops control characters that TEXT cannot hold', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td')
  })

  it('folds long lines at 75 octets without splitting multibyte characters', () => {
    const description =
      'Café in Llanfairpwllgwyngyll — “your” career 😀 conversation. '.repeat(8) + '日本語のテキスト'.repeat(10)
    const summary = 'Sgwrs gyrfa / ñ é ü 😀 '.repeat(6)
    const ics = buildBookingIcs({ ...base, summary, description })

    const lines = physicalLines(ics)
    expect(lines.some((line) => line.startsWith(' '))).toBe(true)
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
      // no half of a surrogate pair at either end of a line
      expect(line).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/)
    }
    // Each folded byte sequence is still valid UTF-8 on its own
    for (const line of lines) {
      const bytes = Buffer.from(line, 'utf8')
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line)
    }

    const { event } = parse(ics)
    expect(event.getFirstPropertyValue('summary')).toBe(summary)
    expect(event.getFirstPropertyValue('description')).toBe(description)
  })

  it('folds at exactly 75 octets: first line 75, continuation space plus 74', () => {
    const folded = foldLine('X'.repeat(200))
    const parts = folded.split('\r\n')
    expect(parts.map((part) => part.length)).toEqual([75, 75, 52])
    expect(parts[1]?.startsWith(' ')).toBe(true)
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75))
  })

  it('does not split a 4-byte character across the fold', () => {
    // 73 ASCII bytes, then a 4-byte emoji that would overflow 75
    const folded = foldLine('A'.repeat(73) + '😀B')
    expect(folded).toBe(`${'A'.repeat(73)}\r\n 😀B`)
  })

  it('refuses bad input', () => {
    expect(() => buildBookingIcs({ ...base, end: base.start })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, sequence: -1 })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, sequence: 1.5 })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, uid: '' })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, uid: 'a\r\nX-EVIL:1' })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, attendee: { name: 'A', email: 'a@b.com\r\nX-EVIL:1' } })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, attendee: { name: 'A', email: 'not an email' } })).toThrow(RangeError)
    expect(() => buildBookingIcs({ ...base, start: 'yesterday' })).toThrow(RangeError)
  })

  it('keeps line breaks in names out of the structure', () => {
    const ics = buildBookingIcs({ ...base, attendee: { name: 'Alex\r\nX-EVIL:1', email: 'alex@example.com' } })
    expect(ics).not.toMatch(/\r\nX-EVIL/)
    expect(parse(ics).event.getFirstProperty('attendee')?.getParameter('cn')).toBe('Alex X-EVIL:1')
  })
})

describe('icsContentType', () => {
  it('carries the method, as Outlook expects', () => {
    expect(icsContentType('REQUEST')).toBe('text/calendar; charset=UTF-8; method=REQUEST')
    expect(icsContentType('CANCEL')).toBe('text/calendar; charset=UTF-8; method=CANCEL')
  })
})
