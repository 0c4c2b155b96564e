import { describe, expect, it } from 'vitest'
import { CalendarFileError, readBusyTimes, type BusyTimeQuery } from '../../src/domain/calendar-sync/read-busy-times.js'
import { CUSTOM_CENTRAL_EUROPE, GMT_STANDARD_TIME, calendarFile, vevent } from './calendar-files.js'

const query: BusyTimeQuery = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-11-30T00:00:00Z'),
  coachZone: 'Europe/London',
  coachEmails: ['jo.coach@nhs.example'],
  isOurs: (uid) => uid.startsWith('coach-booking-'),
}

const read = (text: string, overrides: Partial<BusyTimeQuery> = {}) =>
  readBusyTimes(text, { ...query, ...overrides })
    .map(({ start, end }) => [start.toISOString(), end.toISOString()])
    .sort(([a], [b]) => (a! < b! ? -1 : 1))

describe('busy times from a calendar file', () => {
  it('expands a weekly series across the last Sunday of March, leaving out an EXDATE and moving an occurrence', () => {
    const text = calendarFile(
      GMT_STANDARD_TIME,
      vevent([
        'UID:team-meeting',
        'DTSTART;TZID=GMT Standard Time:20260316T100000',
        'DTEND;TZID=GMT Standard Time:20260316T110000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5',
        'EXDATE;TZID=GMT Standard Time:20260323T100000',
        'SUMMARY:Team meeting',
      ]),
      // The 6 April meeting moved to 2pm that day.
      vevent(['UID:team-meeting', 'RECURRENCE-ID;TZID=GMT Standard Time:20260406T100000', 'DTSTART;TZID=GMT Standard Time:20260406T140000', 'DTEND;TZID=GMT Standard Time:20260406T150000']),
    )
    expect(read(text)).toEqual([
      ['2026-03-16T10:00:00.000Z', '2026-03-16T11:00:00.000Z'], // GMT
      // 23 March left out (EXDATE); from 30 March the clocks have gone forward: 10am is 09:00 UTC
      ['2026-03-30T09:00:00.000Z', '2026-03-30T10:00:00.000Z'],
      ['2026-04-06T13:00:00.000Z', '2026-04-06T14:00:00.000Z'], // moved to 2pm
      ['2026-04-13T09:00:00.000Z', '2026-04-13T10:00:00.000Z'],
    ])
  })

  it('keeps the wall clock across the last Sunday of October, in an IANA zone', () => {
    const text = calendarFile(
      vevent(['UID:daily', 'DTSTART;TZID=Europe/London:20261023T090000', 'DTEND;TZID=Europe/London:20261023T093000', 'RRULE:FREQ=DAILY;UNTIL=20261026T235959Z']),
    )
    expect(read(text)).toEqual([
      ['2026-10-23T08:00:00.000Z', '2026-10-23T08:30:00.000Z'],
      ['2026-10-24T08:00:00.000Z', '2026-10-24T08:30:00.000Z'],
      ['2026-10-25T09:00:00.000Z', '2026-10-25T09:30:00.000Z'], // clocks went back at 2am that day
      ['2026-10-26T09:00:00.000Z', '2026-10-26T09:30:00.000Z'],
    ])
  })

  it('reads other zones: a Windows name with no VTIMEZONE, a zone only the file defines, UTC and floating times', () => {
    const text = calendarFile(
      CUSTOM_CENTRAL_EUROPE,
      vevent(['UID:new-york', 'DTSTART;TZID=Eastern Standard Time:20260310T090000', 'DTEND;TZID=Eastern Standard Time:20260310T100000']),
      vevent(['UID:berlin', 'DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260401T090000', 'DTEND;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260401T100000']),
      vevent(['UID:utc', 'DTSTART:20260501T120000Z', 'DURATION:PT45M']),
      vevent(['UID:floating', 'DTSTART:20260601T090000', 'DTEND:20260601T100000']),
    )
    expect(read(text)).toEqual([
      ['2026-03-10T13:00:00.000Z', '2026-03-10T14:00:00.000Z'], // New York is on summer time from 8 March: UTC-4
      ['2026-04-01T07:00:00.000Z', '2026-04-01T08:00:00.000Z'], // Berlin summer time: UTC+2
      ['2026-05-01T12:00:00.000Z', '2026-05-01T12:45:00.000Z'],
      ['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z'], // floating: the coach's clock (BST)
    ])
  })

  it('reads all-day and multi-day events from midnight to midnight on the coach’s clock', () => {
    const text = calendarFile(
      vevent(['UID:all-day', 'DTSTART;VALUE=DATE:20260415', 'DTEND;VALUE=DATE:20260416']),
      vevent(['UID:no-end', 'DTSTART;VALUE=DATE:20260101']),
      vevent(['UID:leave', 'DTSTART;VALUE=DATE:20261023', 'DTEND;VALUE=DATE:20261027']),
      vevent(['UID:conference', 'DTSTART;TZID=Europe/London:20260505T090000', 'DTEND;TZID=Europe/London:20260507T170000']),
      vevent(['UID:yearly', 'DTSTART;VALUE=DATE:20250610', 'RRULE:FREQ=YEARLY']),
    )
    expect(read(text, { from: new Date('2026-01-01T00:00:00Z') })).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-04-14T23:00:00.000Z', '2026-04-15T23:00:00.000Z'],
      ['2026-05-05T08:00:00.000Z', '2026-05-07T16:00:00.000Z'],
      ['2026-06-09T23:00:00.000Z', '2026-06-10T23:00:00.000Z'],
      ['2026-10-22T23:00:00.000Z', '2026-10-27T00:00:00.000Z'], // the clocks go back inside it
    ])
  })

  it('leaves out free, cancelled and declined events and our own; counts tentative ones', () => {
    const text = calendarFile(
      vevent(['UID:free', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'TRANSP:TRANSPARENT']),
      vevent(['UID:outlook-free', 'DTSTART:20260310T110000Z', 'DTEND:20260310T120000Z', 'X-MICROSOFT-CDO-BUSYSTATUS:FREE']),
      vevent(['UID:cancelled', 'DTSTART:20260311T090000Z', 'DTEND:20260311T100000Z', 'STATUS:CANCELLED']),
      vevent([
        'UID:declined',
        'DTSTART:20260312T090000Z',
        'DTEND:20260312T100000Z',
        'ORGANIZER:mailto:boss@nhs.example',
        'ATTENDEE;PARTSTAT=DECLINED;CN=Jo:mailto:Jo.Coach@nhs.example',
      ]),
      vevent([
        'UID:someone-else-declined',
        'DTSTART:20260312T110000Z',
        'DTEND:20260312T120000Z',
        'ATTENDEE;PARTSTAT=DECLINED:mailto:other@nhs.example',
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:jo.coach@nhs.example',
      ]),
      vevent(['UID:tentative', 'DTSTART:20260313T090000Z', 'DTEND:20260313T100000Z', 'STATUS:TENTATIVE']),
      vevent(['UID:coach-booking-7d1e3c52-0c55-4a34-9d64-0b4f1f0d2b11@careers.example.nhs.uk', 'DTSTART:20260314T090000Z', 'DTEND:20260314T100000Z']),
      // A cancelled occurrence of a busy series, and a free series with one busy occurrence.
      vevent(['UID:series', 'DTSTART:20260316T090000Z', 'DTEND:20260316T093000Z', 'RRULE:FREQ=DAILY;COUNT=2']),
      vevent(['UID:series', 'RECURRENCE-ID:20260317T090000Z', 'DTSTART:20260317T090000Z', 'DTEND:20260317T093000Z', 'STATUS:CANCELLED']),
      vevent(['UID:free-series', 'DTSTART:20260318T090000Z', 'DTEND:20260318T093000Z', 'RRULE:FREQ=DAILY;COUNT=2', 'TRANSP:TRANSPARENT']),
      vevent(['UID:free-series', 'RECURRENCE-ID:20260319T090000Z', 'DTSTART:20260319T100000Z', 'DTEND:20260319T103000Z']),
    )
    expect(read(text)).toEqual([
      ['2026-03-12T11:00:00.000Z', '2026-03-12T12:00:00.000Z'],
      ['2026-03-13T09:00:00.000Z', '2026-03-13T10:00:00.000Z'],
      ['2026-03-16T09:00:00.000Z', '2026-03-16T09:30:00.000Z'],
      ['2026-03-19T10:00:00.000Z', '2026-03-19T10:30:00.000Z'],
    ])
  })

  it('adds RDATE occurrences and reads only the window asked', () => {
    const text = calendarFile(
      vevent(['UID:extra', 'DTSTART;TZID=Europe/London:20260302T150000', 'DTEND;TZID=Europe/London:20260302T160000', 'RRULE:FREQ=MONTHLY;COUNT=3', 'RDATE;TZID=Europe/London:20260320T150000']),
      vevent(['UID:forever', 'DTSTART:20200106T080000Z', 'DTEND:20200106T081500Z', 'RRULE:FREQ=WEEKLY']),
      // A daily series begun decades ago (13,000 occurrences before the window) still reaches it; all but its Wednesdays taken out, to keep the list short.
      vevent(['UID:since-1990', 'DTSTART;TZID=Europe/London:19900103T070000', 'DTEND;TZID=Europe/London:19900103T071500', 'RRULE:FREQ=DAILY', 'EXDATE:20260305T070000Z', 'EXDATE;TZID=Europe/London:20260302T070000,20260303T070000,20260306T070000,20260307T070000,20260308T070000,20260309T070000,20260310T070000,20260312T070000,20260313T070000,20260314T070000,20260315T070000,20260316T070000,20260317T070000,20260319T070000,20260320T070000,20260301T070000']),
    )
    expect(read(text, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-21T00:00:00Z') })).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T08:15:00.000Z'],
      ['2026-03-02T15:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['2026-03-04T07:00:00.000Z', '2026-03-04T07:15:00.000Z'],
      ['2026-03-09T08:00:00.000Z', '2026-03-09T08:15:00.000Z'],
      ['2026-03-11T07:00:00.000Z', '2026-03-11T07:15:00.000Z'],
      ['2026-03-16T08:00:00.000Z', '2026-03-16T08:15:00.000Z'],
      ['2026-03-18T07:00:00.000Z', '2026-03-18T07:15:00.000Z'],
      ['2026-03-20T15:00:00.000Z', '2026-03-20T16:00:00.000Z'],
    ])
  })

  it('refuses a file that is not a calendar, or is damaged, in plain words', () => {
    expect(() => read('<html><body>Sign in</body></html>')).toThrow(new CalendarFileError('This is not a calendar file'))
    expect(() => read('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\nthis is not a line\r\n')).toThrow(CalendarFileError)
  })
})
