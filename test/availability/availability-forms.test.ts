import { describe, expect, it } from 'vitest'
import {
  availabilityOverview,
  describeTimeOff,
  formatMinuteOfDay,
  parseClockTime,
  parseDateOverrideForm,
  parseSettingsForm,
  parseTimeOffForm,
  parseWeeklyHoursForm,
  timeZoneChoices,
  todayIn,
  weeklyHoursFormView,
  type WeeklyHoursWindow,
} from '../../src/domain/availability/index.js'
import { dayNumberFromIsoDate } from '../../src/domain/slots/zone-time.js'

/** The pure part: reading what coaches type, and how it reads back. */

describe('typed times', () => {
  it.each([
    ['9am', 540],
    ['9 AM', 540],
    ['9.30am', 570],
    ['9:30 a.m.', 570],
    ['12am', 0],
    ['12pm', 720],
    ['12:05pm', 725],
    ['midday', 720],
    ['Noon', 720],
    ['midnight', 0],
    ['00:00', 0],
    ['17:00', 1020],
    ['1730', 1050],
    ['0', 0],
    ['13', 780],
    ['23:55', 1435],
  ])('reads %j as a start at minute %i', (text, minute) => {
    expect(parseClockTime(text)).toEqual({ ok: true, minute })
  })

  it.each([
    ['midnight', 1440],
    ['12am', 1440],
    ['00:00', 1440],
    ['24:00', 1440],
    ['24', 1440],
    ['5pm', 1020],
  ])('reads %j as an end at minute %i', (text, minute) => {
    expect(parseClockTime(text, { end: true })).toEqual({ ok: true, minute })
  })

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['nine', 'format'],
    ['13pm', 'format'],
    ['0am', 'format'],
    ['9:60', 'format'],
    ['24:00', 'format'],
    ['25:00', 'format'],
    ['9:3', 'format'],
    ['x'.repeat(21), 'format'],
    ['9', 'ambiguous'],
    ['12', 'ambiguous'],
    ['9:07am', 'step'],
    ['17:02', 'step'],
  ])('refuses %j as a start (%s)', (text, problem) => {
    expect(parseClockTime(text)).toEqual({ ok: false, problem })
  })

  it('writes minutes back in NHS style', () => {
    expect([0, 540, 570, 720, 1020, 1050, 1440].map(formatMinuteOfDay)).toEqual([
      'midnight',
      '9am',
      '9:30am',
      'midday',
      '5pm',
      '5:30pm',
      'midnight',
    ])
  })
})

describe('weekly hours form', () => {
  it('gives the windows in weekday and start order; blank rows and days are no hours', () => {
    const result = parseWeeklyHoursForm({
      'monday-2-start': '9am',
      'monday-2-end': '12:30pm',
      'monday-1-start': '1:30pm',
      'monday-1-end': '5pm',
      'monday-3-start': ' ',
      'sunday-1-start': '10pm',
      'sunday-1-end': 'midnight',
      'wednesday-1-start': '9am',
      'wednesday-1-end': '12pm',
      'wednesday-2-start': '12pm',
      'wednesday-2-end': '5pm',
    })
    expect(result).toEqual({
      ok: true,
      value: [
        { weekday: 1, startMinute: 540, endMinute: 750 },
        { weekday: 1, startMinute: 810, endMinute: 1020 },
        { weekday: 3, startMinute: 540, endMinute: 720 },
        { weekday: 3, startMinute: 720, endMinute: 1020 },
        { weekday: 7, startMinute: 1320, endMinute: 1440 },
      ],
    })
    expect(parseWeeklyHoursForm({})).toEqual({ ok: true, value: [] })
  })

  it('refuses overlaps, each later row against the earlier ones', () => {
    const result = parseWeeklyHoursForm({
      'tuesday-1-start': '1pm',
      'tuesday-1-end': '5pm',
      'tuesday-2-start': '9am',
      'tuesday-2-end': '1:05pm',
      'tuesday-3-start': '2pm',
      'tuesday-3-end': '3pm',
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'tuesday-2-start', href: '#tuesday-2-start', text: 'Tuesday, hours 2 must not overlap hours 1 (1pm to 5pm)' },
        { field: 'tuesday-3-start', href: '#tuesday-3-start', text: 'Tuesday, hours 3 must not overlap hours 1 (1pm to 5pm)' },
      ],
    })
  })

  it('allows up to 3 sets of hours a day', () => {
    const result = parseWeeklyHoursForm({
      'friday-1-start': '8am',
      'friday-1-end': '9am',
      'friday-2-start': '10am',
      'friday-2-end': '11am',
      'friday-3-start': '12pm',
      'friday-3-end': '1pm',
      'friday-4-start': '2pm',
      'friday-4-end': '3pm',
    })
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'friday-4-start', href: '#friday-4-start', text: 'Friday can have up to 3 sets of hours: remove hours 4' }],
    })
  })

  it('fills the form from saved windows, 3 rows a day or more when more are saved, or from what was posted', () => {
    const saved: WeeklyHoursWindow[] = [
      { weekday: 1, startMinute: 840, endMinute: 1020 },
      { weekday: 1, startMinute: 540, endMinute: 780 },
      ...[1, 2, 3, 4].map((n) => ({ weekday: 2 as const, startMinute: n * 60, endMinute: n * 60 + 30 })),
    ]
    const view = weeklyHoursFormView(saved)
    expect(view).toHaveLength(7)
    expect(view[0]!.rows.map((r) => [r.startId, r.start, r.end])).toEqual([
      ['monday-1-start', '9am', '1pm'],
      ['monday-2-start', '2pm', '5pm'],
      ['monday-3-start', '', ''],
    ])
    expect(view[1]!.rows).toHaveLength(4)
    const posted = weeklyHoursFormView([], { 'monday-1-start': 'nine', 'sunday-5-end': '5pm' })
    expect(posted[0]!.rows[0]!.start).toBe('nine')
    expect(posted[6]!.rows).toHaveLength(5)
  })
})

describe('settings form', () => {
  it('reads buffer, daily maximum and time zone', () => {
    expect(parseSettingsForm({ bufferMinutes: ' 0 ', dailyMaximum: '24', timeZone: 'America/New_York' })).toEqual({
      ok: true,
      value: { bufferMinutes: 0, dailyMaximum: 24, timeZone: 'America/New_York' },
    })
    expect(parseSettingsForm({ bufferMinutes: '240', dailyMaximum: '1', timeZone: 'Europe/London' })).toMatchObject({ ok: true })
  })

  it('offers UK time first, and keeps a zone that is not one of the common ones', () => {
    expect(timeZoneChoices('Europe/London')[0]).toEqual({ value: 'Europe/London', text: 'UK time (Europe/London)' })
    expect(timeZoneChoices('Pacific/Auckland').at(-1)).toEqual({ value: 'Pacific/Auckland', text: 'Auckland time (Pacific/Auckland)' })
    expect(timeZoneChoices('Europe/London').some((c) => c.value === 'Pacific/Auckland')).toBe(false)
  })
})

describe('day off or extra hours form', () => {
  const today = dayNumberFromIsoDate('2026-03-02')!

  it('reads a day off and extra hours; today is allowed', () => {
    expect(parseDateOverrideForm({ 'date-day': '2', 'date-month': '3', 'date-year': '2026', kind: 'day_off' }, { today, existing: [] })).toEqual({
      ok: true,
      value: { date: '2026-03-02', kind: 'day_off' },
    })
    expect(
      parseDateOverrideForm(
        { 'date-day': '09', 'date-month': '03', 'date-year': '2026', kind: 'extra_hours', start: '6pm', end: 'midnight' },
        { today, existing: [{ id: 'x', date: '2026-03-09', kind: 'extra_hours', startMinute: 540, endMinute: 1080 }] },
      ),
    ).toEqual({ ok: true, value: { date: '2026-03-09', kind: 'extra_hours', startMinute: 1080, endMinute: 1440 } })
  })

  it('ignores times for a day off', () => {
    expect(
      parseDateOverrideForm({ 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'day_off', start: 'nonsense' }, { today, existing: [] }),
    ).toMatchObject({ ok: true })
  })

  it('asks for a kind it knows', () => {
    const result = parseDateOverrideForm({ 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'holiday' }, { today, existing: [] })
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'kind', href: '#kind', text: 'Select whether this is a day off or extra hours' }],
    })
  })

  it('says which parts of a date are missing', () => {
    const only = (input: Record<string, string>) => {
      const result = parseDateOverrideForm({ ...input, kind: 'day_off' }, { today, existing: [] })
      return result.ok ? null : result.errors.map((e) => `${e.field}: ${e.text}`)
    }
    expect(only({ 'date-year': '2026' })).toEqual(['date-day: Date must include a day and month'])
    expect(only({ 'date-day': '9', 'date-year': '2026' })).toEqual(['date-month: Date must include a month'])
    expect(only({ 'date-day': '9', 'date-month': '3' })).toEqual(['date-year: Date must include a year'])
    expect(only({ 'date-day': '9', 'date-month': '13', 'date-year': '2026' })).toEqual(['date-day: Date must be a real date'])
  })

  it('marks the boxes that are wrong: all three for a whole-date problem, else the missing ones', () => {
    const highlight = (input: Record<string, string>) => {
      const result = parseDateOverrideForm({ ...input, kind: 'day_off' }, { today, existing: [] })
      return result.ok ? null : result.errors[0]!.highlight
    }
    expect(highlight({})).toEqual(['date-day', 'date-month', 'date-year'])
    expect(highlight({ 'date-day': '1', 'date-month': '3', 'date-year': '2026' })).toEqual(['date-day', 'date-month', 'date-year'])
    expect(highlight({ 'date-day': '9', 'date-year': '2026' })).toEqual(['date-month'])
    expect(highlight({ 'date-day': '9', 'date-month': '3', 'date-year': '26' })).toEqual(['date-year'])
  })
})

describe('time off form', () => {
  const now = new Date('2026-03-02T08:00:00.000Z')

  it('reads whole days and times on the coach clock, across a clock change, as UTC', () => {
    expect(
      parseTimeOffForm(
        { 'start-day': '2', 'start-month': '3', 'start-year': '2026', 'end-day': '2', 'end-month': '3', 'end-year': '2026' },
        { now, timeZone: 'Europe/London' },
      ),
    ).toEqual({ ok: true, value: { startsAt: new Date('2026-03-02T00:00:00.000Z'), endsAt: new Date('2026-03-03T00:00:00.000Z'), note: null } })
    expect(
      parseTimeOffForm(
        {
          'start-day': '28',
          'start-month': '3',
          'start-year': '2026',
          'start-time': '1pm',
          'end-day': '29',
          'end-month': '3',
          'end-year': '2026',
          'end-time': '1pm',
          note: '  Training   course ',
        },
        { now, timeZone: 'Europe/London' },
      ),
    ).toEqual({
      ok: true,
      value: { startsAt: new Date('2026-03-28T13:00:00.000Z'), endsAt: new Date('2026-03-29T12:00:00.000Z'), note: 'Training course' },
    })
    expect(
      parseTimeOffForm(
        { 'start-day': '2', 'start-month': '3', 'start-year': '2026', 'start-time': '9am', 'end-day': '2', 'end-month': '3', 'end-year': '2026', 'end-time': '5pm' },
        { now, timeZone: 'America/New_York' },
      ),
    ).toEqual({ ok: true, value: { startsAt: new Date('2026-03-02T14:00:00.000Z'), endsAt: new Date('2026-03-02T22:00:00.000Z'), note: null } })
  })

  it('reads "today" on the coach clock', () => {
    // 8am UTC on 2 March is still 1 March in Honolulu.
    expect(todayIn('Pacific/Honolulu', now)).toBe(dayNumberFromIsoDate('2026-03-01'))
    expect(todayIn('Europe/London', now)).toBe(dayNumberFromIsoDate('2026-03-02'))
  })

  it('describes time off on the coach clock', () => {
    const zone = 'Europe/London'
    expect(describeTimeOff({ startsAt: new Date('2026-03-02T00:00:00Z'), endsAt: new Date('2026-03-07T00:00:00Z') }, zone)).toEqual({
      from: 'Monday 2 March 2026',
      to: 'Friday 6 March 2026, end of the day',
    })
    expect(describeTimeOff({ startsAt: new Date('2026-03-28T13:00:00Z'), endsAt: new Date('2026-03-30T16:30:00Z') }, zone)).toEqual({
      from: 'Saturday 28 March 2026, 1pm',
      to: 'Monday 30 March 2026, 5:30pm',
    })
  })
})

describe('overview', () => {
  it('words everything on the coach clock', () => {
    const overview = availabilityOverview({
      coachId: 'c',
      timeZone: 'America/New_York',
      bufferMinutes: 1,
      dailyMaximum: 1,
      weeklyHours: [{ weekday: 2, startMinute: 540, endMinute: 1020 }],
      dateOverrides: [
        { id: 'b', date: '2026-03-10', kind: 'extra_hours', startMinute: 1080, endMinute: 1140 },
        { id: 'a', date: '2026-03-10', kind: 'day_off', startMinute: null, endMinute: null },
      ],
      timeOff: [],
    })
    expect(overview.timeZone).toBe('US Eastern (America/New_York)')
    expect(overview.timeZoneLabel).toBe('New York time')
    expect(overview.buffer).toBe('1 minute')
    expect(overview.dailyMaximum).toBe('1 conversation')
    expect(overview.weeklyHours.map((d) => `${d.name}: ${d.hours}`)).toEqual([
      'Monday: No hours',
      'Tuesday: 9am to 5pm',
      'Wednesday: No hours',
      'Thursday: No hours',
      'Friday: No hours',
      'Saturday: No hours',
      'Sunday: No hours',
    ])
    expect(overview.dateOverrides).toEqual([
      { id: 'a', date: 'Tuesday 10 March 2026', change: 'Day off' },
      { id: 'b', date: 'Tuesday 10 March 2026', change: 'Extra hours, 6pm to 7pm' },
    ])
  })
})
