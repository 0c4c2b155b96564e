import { describe, it, expect } from 'vitest'
import { DateTime } from 'luxon'
import {
  buildProgrammeSlots,
  buildSlotsForCoach,
  checkSlot,
  freeCoachIds,
  isSlotFree,
} from '../../../src/domain/slots/index.js'
import type { SlotListingContext } from '../../../src/domain/slots/index.js'
import { at, coachWorking, range, starts, WEEKDAYS } from './slot-fixtures.js'

const LONDON = 'Europe/London'
const NEW_YORK = 'America/New_York'

function listing(now: string, from: string, to: string, timeZone = LONDON, rules = {}): SlotListingContext {
  return { now: at(now), query: { from, to, timeZone }, rules }
}

/** First slot start per local day, as "YYYY-MM-DD HH:mm" in `zone` → UTC ISO. */
function firstPerDay(slotStarts: string[], zone: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const s of slotStarts) {
    const local = DateTime.fromISO(s, { zone }).toFormat('yyyy-MM-dd HH:mm')
    const day = local.slice(0, 10)
    if (!Object.keys(out).some((k) => k.startsWith(day))) out[local] = s
  }
  return out
}

describe('slot output', () => {
  it('gives UTC ISO strings with milliseconds, each a conversation long, in order', () => {
    const coach = coachWorking([{ start: '09:00', end: '12:00' }])
    const slots = buildSlotsForCoach(coach, listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02'))
    expect(slots).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z' },
      { start: '2026-03-02T09:45:00.000Z', end: '2026-03-02T10:30:00.000Z' },
      { start: '2026-03-02T10:30:00.000Z', end: '2026-03-02T11:15:00.000Z' },
      { start: '2026-03-02T11:15:00.000Z', end: '2026-03-02T12:00:00.000Z' },
    ])
    // the same text luxon gives
    expect(DateTime.fromISO(slots[0]!.start).toUTC().toISO()).toBe(slots[0]!.start)
  })

  it('steps by a chosen step, keeping each slot inside the window', () => {
    const coach = coachWorking([{ start: '09:00', end: '10:30' }])
    const slots = buildSlotsForCoach(
      coach,
      listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02', LONDON, { stepMinutes: 15 }),
    )
    expect(starts(slots)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:15:00.000Z',
      '2026-03-02T09:30:00.000Z',
      '2026-03-02T09:45:00.000Z',
    ])
  })

  it('uses the programme length', () => {
    const coach = coachWorking([{ start: '09:00', end: '11:00' }])
    const slots = buildSlotsForCoach(
      coach,
      listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02', LONDON, { durationMinutes: 60 }),
    )
    expect(slots).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z' },
      { start: '2026-03-02T10:00:00.000Z', end: '2026-03-02T11:00:00.000Z' },
    ])
  })

  it('joins windows that overlap or touch and steps from the start of the joined stretch', () => {
    const coach = coachWorking([
      { start: '09:00', end: '10:00' },
      { start: '10:00', end: '11:00' },
      { start: '10:30', end: '11:15' },
    ])
    const slots = buildSlotsForCoach(coach, listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02'))
    expect(starts(slots)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:45:00.000Z',
      '2026-03-02T10:30:00.000Z',
    ])
  })

  it('handles several windows a day and a window ending at 24:00', () => {
    const coach = coachWorking([
      { start: '09:00', end: '09:45' },
      { start: '14:00', end: '14:45' },
      { start: '23:15', end: '24:00' },
    ])
    const slots = buildSlotsForCoach(coach, listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02'))
    expect(slots).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z' },
      { start: '2026-03-02T14:00:00.000Z', end: '2026-03-02T14:45:00.000Z' },
      { start: '2026-03-02T23:15:00.000Z', end: '2026-03-03T00:00:00.000Z' },
    ])
  })

  it('only uses the weekdays the coach works (1 = Monday)', () => {
    const coach = coachWorking([{ start: '09:00', end: '09:45' }], {}, [1, 3])
    const slots = buildSlotsForCoach(coach, listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-08'))
    expect(starts(slots)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-04T09:00:00.000Z'])
  })
})

describe('daylight saving in Europe/London', () => {
  const coach = coachWorking([{ start: '09:00', end: '17:00' }])

  it('keeps 9am at 9am across the last Sunday of March (2026-03-29)', () => {
    const slots = buildSlotsForCoach(coach, listing('2026-03-20T12:00:00Z', '2026-03-27', '2026-03-31'))
    expect(firstPerDay(starts(slots), LONDON)).toEqual({
      '2026-03-27 09:00': '2026-03-27T09:00:00.000Z',
      '2026-03-28 09:00': '2026-03-28T09:00:00.000Z',
      '2026-03-29 09:00': '2026-03-29T08:00:00.000Z',
      '2026-03-30 09:00': '2026-03-30T08:00:00.000Z',
      '2026-03-31 09:00': '2026-03-31T08:00:00.000Z',
    })
    // the day itself has the full ten slots, the last 3:45pm to 4:30pm BST
    const onTheDay = slots.filter((s) => s.start.startsWith('2026-03-29'))
    expect(onTheDay.at(-1)).toEqual({ start: '2026-03-29T14:45:00.000Z', end: '2026-03-29T15:30:00.000Z' })
    expect(onTheDay).toHaveLength(10)
  })

  it('keeps 9am at 9am across the last Sunday of October (2026-10-25)', () => {
    const slots = buildSlotsForCoach(coach, listing('2026-10-20T12:00:00Z', '2026-10-24', '2026-10-26'))
    expect(firstPerDay(starts(slots), LONDON)).toEqual({
      '2026-10-24 09:00': '2026-10-24T08:00:00.000Z',
      '2026-10-25 09:00': '2026-10-25T09:00:00.000Z',
      '2026-10-26 09:00': '2026-10-26T09:00:00.000Z',
    })
    for (const slot of slots) {
      const start = DateTime.fromISO(slot.start, { zone: LONDON })
      const end = DateTime.fromISO(slot.end, { zone: LONDON })
      expect(start.hour).toBeGreaterThanOrEqual(9)
      expect(end.hour * 60 + end.minute).toBeLessThanOrEqual(17 * 60)
    }
  })

  it('shrinks a window in the hour the clocks skip: 01:00 to 03:00 on 29 March is one real hour', () => {
    const night = coachWorking([{ start: '01:00', end: '03:00' }])
    const rules = { durationMinutes: 30 }
    const before = buildSlotsForCoach(night, listing('2026-03-10T00:00:00Z', '2026-03-22', '2026-03-22', LONDON, rules))
    expect(before).toHaveLength(4)
    const onTheDay = buildSlotsForCoach(night, listing('2026-03-10T00:00:00Z', '2026-03-29', '2026-03-29', LONDON, rules))
    // 02:00 BST (the moment the clocks jump) and 02:30 BST
    expect(starts(onTheDay)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z'])
  })

  it.each([
    {
      name: 'drops a window wholly inside the skipped hour',
      window: { start: '01:15', end: '01:45' },
      now: '2026-03-10T00:00:00Z',
      day: '2026-03-29',
      expected: [],
    },
    {
      name: 'grows a window in the hour the clocks repeat: 01:00 to 02:00 on 25 October is two real hours',
      window: { start: '01:00', end: '02:00' },
      now: '2026-10-10T00:00:00Z',
      day: '2026-10-25',
      expected: [
        '2026-10-25T00:00:00.000Z', // 01:00 BST
        '2026-10-25T00:30:00.000Z', // 01:30 BST
        '2026-10-25T01:00:00.000Z', // 01:00 GMT
        '2026-10-25T01:30:00.000Z', // 01:30 GMT
      ],
    },
  ])('$name', ({ window, now, day, expected }) => {
    const slots = buildSlotsForCoach(coachWorking([window]), listing(now, day, day, LONDON, { durationMinutes: 30 }))
    expect(starts(slots)).toEqual(expected)
  })
})

describe('a candidate in America/New_York booking a London coach', () => {
  // US clocks change on 2026-03-08, UK clocks on 2026-03-29: for three weeks
  // New York is 4 hours behind London instead of 5.
  const coach = coachWorking([{ start: '09:00', end: '10:30' }])

  it('shows London 9am as 4am, then 5am in the gap weeks, then 4am again in New York', () => {
    const slots = buildSlotsForCoach(coach, listing('2026-02-20T12:00:00Z', '2026-03-06', '2026-04-01', NEW_YORK))
    const firstNewYork = (isoDate: string) =>
      DateTime.fromISO(starts(slots).find((s) => DateTime.fromISO(s, { zone: NEW_YORK }).toISODate() === isoDate)!, {
        zone: NEW_YORK,
      }).toFormat('HH:mm')
    expect(firstNewYork('2026-03-06')).toBe('04:00') // EST and GMT
    expect(firstNewYork('2026-03-09')).toBe('05:00') // EDT and GMT
    expect(firstNewYork('2026-03-27')).toBe('05:00')
    expect(firstNewYork('2026-03-30')).toBe('04:00') // EDT and BST
    // in UTC, the coach's 9am moves only with the UK change
    expect(starts(slots)).toContain('2026-03-09T09:00:00.000Z')
    expect(starts(slots)).toContain('2026-03-30T08:00:00.000Z')
  })

  it("reads from and to as New York days, both included", () => {
    // London 03:00 to 06:00, hour-long conversations: 03:00, 04:00, 05:00 London time.
    const early = coachWorking([{ start: '03:00', end: '06:00' }])
    const rules = { durationMinutes: 60 }
    const day = (isoDate: string) =>
      starts(buildSlotsForCoach(early, listing('2026-02-20T12:00:00Z', isoDate, isoDate, NEW_YORK, rules)))

    // EST (UTC-5) and GMT: the New York day is [05:00Z, next 05:00Z)
    expect(day('2026-03-02')).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-03T03:00:00.000Z',
      '2026-03-03T04:00:00.000Z',
    ])
    // EDT (UTC-4) and GMT, the gap weeks: [04:00Z, next 04:00Z)
    expect(day('2026-03-10')).toEqual([
      '2026-03-10T04:00:00.000Z',
      '2026-03-10T05:00:00.000Z',
      '2026-03-11T03:00:00.000Z',
    ])
    // EDT and BST: London 03:00 is 02:00Z
    expect(day('2026-03-30')).toEqual([
      '2026-03-30T04:00:00.000Z',
      '2026-03-31T02:00:00.000Z',
      '2026-03-31T03:00:00.000Z',
    ])
    // The US change day is 23 hours long in New York
    expect(day('2026-03-08')).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T03:00:00.000Z',
    ])
  })
})

describe('date overrides', () => {
  const coach = coachWorking([{ start: '09:00', end: '10:30' }], {}, WEEKDAYS)
  const context = listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-09')

  it('a day off replaces that day’s weekly windows', () => {
    const slots = buildSlotsForCoach(
      { ...coach, dateOverrides: [{ date: '2026-03-03', kind: 'day-off' }] },
      context,
    )
    expect(starts(slots).filter((s) => s.startsWith('2026-03-03'))).toEqual([])
    expect(starts(slots).filter((s) => s.startsWith('2026-03-04'))).toHaveLength(2)
    expect(slots).toHaveLength(5 * 2)
  })

  it('extra hours add to the weekly windows, or open a day the coach does not usually work', () => {
    const slots = buildSlotsForCoach(
      {
        ...coach,
        dateOverrides: [
          { date: '2026-03-03', kind: 'extra-hours', windows: [{ start: '14:00', end: '14:45' }] },
          { date: '2026-03-07', kind: 'extra-hours', windows: [{ start: '10:00', end: '11:30' }] },
        ],
      },
      context,
    )
    expect(starts(slots).filter((s) => s.startsWith('2026-03-03'))).toEqual([
      '2026-03-03T09:00:00.000Z',
      '2026-03-03T09:45:00.000Z',
      '2026-03-03T14:00:00.000Z',
    ])
    expect(starts(slots).filter((s) => s.startsWith('2026-03-07'))).toEqual([
      '2026-03-07T10:00:00.000Z',
      '2026-03-07T10:45:00.000Z',
    ])
  })

  it('a day off with extra hours gives only the extra hours', () => {
    const slots = buildSlotsForCoach(
      {
        ...coach,
        dateOverrides: [
          { date: '2026-03-04', kind: 'day-off' },
          { date: '2026-03-04', kind: 'extra-hours', windows: [{ start: '16:00', end: '16:45' }] },
        ],
      },
      context,
    )
    expect(starts(slots).filter((s) => s.startsWith('2026-03-04'))).toEqual(['2026-03-04T16:00:00.000Z'])
  })

  it('reads the override date on the coach’s clock', () => {
    // Sydney is UTC+11 in March: a Sydney 09:00 is 22:00 UTC the day before.
    const sydney = coachWorking([{ start: '09:00', end: '09:45' }], { timeZone: 'Australia/Sydney' }, WEEKDAYS)
    const slots = buildSlotsForCoach(
      { ...sydney, dateOverrides: [{ date: '2026-03-03', kind: 'day-off' }] },
      listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-04', 'UTC'),
    )
    // 2 March 22:00 UTC would be Sydney Tuesday 3 March, the day off
    expect(starts(slots)).toEqual(['2026-03-03T22:00:00.000Z', '2026-03-04T22:00:00.000Z'])
  })
})

describe('time off, buffer and daily maximum', () => {
  const context = listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02')
  const coach = coachWorking([{ start: '09:00', end: '13:30' }])
  // 09:00, 09:45, 10:30, 11:15, 12:00, 12:45

  it.each([
    {
      name: 'leaves out slots touching time off, keeping ones that end as it starts',
      schedule: { timeOff: [range('2026-03-02T10:30:00Z', '2026-03-02T11:20:00Z')] },
      expected: ['2026-03-02T09:00:00.000Z', '2026-03-02T09:45:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T12:45:00.000Z'],
    },
    {
      // booking 10:45 to 11:30 with a 15 minute buffer blocks [10:30, 11:45)
      name: 'a slot may end exactly where a buffer begins',
      schedule: { bookings: [range('2026-03-02T10:45:00Z', '2026-03-02T11:30:00Z')], bufferMinutes: 15 },
      expected: ['2026-03-02T09:00:00.000Z', '2026-03-02T09:45:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T12:45:00.000Z'],
    },
    {
      name: 'holds block time like bookings, buffer included',
      schedule: { holds: [range('2026-03-02T09:00:00Z', '2026-03-02T09:45:00Z')], bufferMinutes: 10 },
      expected: ['2026-03-02T10:30:00.000Z', '2026-03-02T11:15:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-02T12:45:00.000Z'],
    },
  ])('$name', ({ schedule, expected }) => {
    expect(starts(buildSlotsForCoach({ ...coach, ...schedule }, context))).toEqual(expected)
  })

  it('time off over whole days removes those days', () => {
    const slots = buildSlotsForCoach(
      { ...coach, timeOff: [range('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z')] },
      listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-03'),
    )
    expect(slots.every((s) => s.start.startsWith('2026-03-03'))).toBe(true)
    expect(slots).toHaveLength(6)
  })

  it('keeps the buffer clear on both sides of a booking', () => {
    const booking = range('2026-03-02T10:30:00Z', '2026-03-02T11:15:00Z')
    const without = buildSlotsForCoach({ ...coach, bookings: [booking] }, context)
    expect(starts(without)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:45:00.000Z',
      '2026-03-02T11:15:00.000Z',
      '2026-03-02T12:00:00.000Z',
      '2026-03-02T12:45:00.000Z',
    ])
    // 15 minutes blocks [10:15, 11:30)
    const withBuffer = buildSlotsForCoach({ ...coach, bookings: [booking], bufferMinutes: 15 }, context)
    expect(starts(withBuffer)).toEqual([
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
      '2026-03-02T12:45:00.000Z',
    ])
  })

  it('stops offering a day once its bookings and holds reach the daily maximum', () => {
    const twoDays = listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-03')
    const booked = { ...coach, dailyMaximum: 2, bookings: [range('2026-03-02T09:00:00Z', '2026-03-02T09:45:00Z')] }
    const underMax = buildSlotsForCoach(booked, twoDays)
    expect(underMax.filter((s) => s.start.startsWith('2026-03-02'))).toHaveLength(5)

    const full = buildSlotsForCoach({ ...booked, holds: [range('2026-03-02T12:00:00Z', '2026-03-02T12:45:00Z')] }, twoDays)
    expect(full.filter((s) => s.start.startsWith('2026-03-02'))).toEqual([])
    expect(full.filter((s) => s.start.startsWith('2026-03-03'))).toHaveLength(6)

    expect(buildSlotsForCoach({ ...coach, dailyMaximum: 0 }, twoDays)).toEqual([])
  })

  it('counts the daily maximum by the coach’s local day', () => {
    // A Sydney coach: a booking at 2 March 22:00 UTC is on Sydney Tuesday 3 March.
    const sydney = coachWorking([{ start: '09:00', end: '10:30' }], {
      timeZone: 'Australia/Sydney',
      dailyMaximum: 1,
      bookings: [range('2026-03-02T22:00:00Z', '2026-03-02T22:45:00Z')],
    })
    const slots = buildSlotsForCoach(sydney, listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-03', 'UTC'))
    // Sydney Tue 3 March is full; Sydney Wed 4 March (3 March 22:00 UTC) is open
    expect(starts(slots)).toEqual(['2026-03-03T22:00:00.000Z', '2026-03-03T22:45:00.000Z'])
  })
})

describe('notice and horizon', () => {
  const coach = coachWorking([{ start: '09:00', end: '10:30' }])

  it('offers a slot exactly at now + minimum notice (24 hours by default), not a minute less', () => {
    const exact = buildSlotsForCoach(coach, listing('2026-03-01T09:00:00Z', '2026-03-02', '2026-03-02'))
    expect(starts(exact)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T09:45:00.000Z'])
    const late = buildSlotsForCoach(coach, listing('2026-03-01T09:00:00.001Z', '2026-03-02', '2026-03-02'))
    expect(starts(late)).toEqual(['2026-03-02T09:45:00.000Z'])
  })

  it.each([
    {
      name: 'offers a slot exactly at now + horizon, not after',
      now: '2026-03-02T09:00:00Z',
      from: '2026-03-08',
      to: '2026-03-10',
      rules: { horizonDays: 7, minimumNoticeMinutes: 0 },
      expected: ['2026-03-08T09:00:00.000Z', '2026-03-08T09:45:00.000Z', '2026-03-09T09:00:00.000Z'],
    },
    {
      // 2026-04-27 is 56 days after 2026-03-02; BST by then, so 9am is 08:00 UTC
      name: 'defaults to 8 weeks',
      now: '2026-03-02T09:00:00Z',
      from: '2026-04-26',
      to: '2026-04-28',
      rules: {},
      expected: ['2026-04-26T08:00:00.000Z', '2026-04-26T08:45:00.000Z', '2026-04-27T08:00:00.000Z', '2026-04-27T08:45:00.000Z'],
    },
    { name: 'returns nothing when the dates are all in the past', now: '2026-03-10T09:00:00Z', from: '2026-03-02', to: '2026-03-05', rules: {}, expected: [] },
  ])('$name', ({ now, from, to, rules, expected }) => {
    expect(starts(buildSlotsForCoach(coach, listing(now, from, to, LONDON, rules)))).toEqual(expected)
  })
})

describe('buildProgrammeSlots', () => {
  const context = listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02')
  const anna = coachWorking([{ start: '09:00', end: '10:30' }], { coachId: 'anna' })
  const bilal = coachWorking([{ start: '09:45', end: '11:15' }], { coachId: 'bilal' })
  const chen = coachWorking([{ start: '09:00', end: '11:15' }], {
    coachId: 'chen',
    bookings: [range('2026-03-02T09:00:00Z', '2026-03-02T09:45:00Z')],
  })

  it('is the union of the coaches’ slots, in order, once each, with the coaches free then', () => {
    expect(buildProgrammeSlots([anna, bilal, chen], context)).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z', coachIds: ['anna'] },
      { start: '2026-03-02T09:45:00.000Z', end: '2026-03-02T10:30:00.000Z', coachIds: ['anna', 'bilal', 'chen'] },
      { start: '2026-03-02T10:30:00.000Z', end: '2026-03-02T11:15:00.000Z', coachIds: ['bilal', 'chen'] },
    ])
  })

  it('merges coaches in different zones and keeps the order of the coaches given', () => {
    // New York 04:00 (EST) is 09:00 UTC, the same as London 09:00 (GMT)
    const dana = coachWorking([{ start: '04:00', end: '04:45' }], { coachId: 'dana', timeZone: NEW_YORK })
    expect(buildProgrammeSlots([dana, anna], context)).toEqual([
      { start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:45:00.000Z', coachIds: ['dana', 'anna'] },
      { start: '2026-03-02T09:45:00.000Z', end: '2026-03-02T10:30:00.000Z', coachIds: ['anna'] },
    ])
  })

  it('gives nothing for no coaches', () => {
    expect(buildProgrammeSlots([], context)).toEqual([])
  })

  it('agrees with freeCoachIds', () => {
    for (const slot of buildProgrammeSlots([anna, bilal, chen], context)) {
      expect(freeCoachIds([anna, bilal, chen], context, new Date(slot.start))).toEqual(slot.coachIds)
    }
  })
})

describe('checkSlot and isSlotFree', () => {
  const coach = coachWorking([{ start: '09:00', end: '13:30' }], {
    bufferMinutes: 15,
    dailyMaximum: 2,
    bookings: [range('2026-03-02T10:30:00Z', '2026-03-02T11:15:00Z')],
    timeOff: [range('2026-03-02T12:45:00Z', '2026-03-02T13:30:00Z')],
    holds: [range('2026-03-03T09:00:00Z', '2026-03-03T09:45:00Z'), range('2026-03-03T12:00:00Z', '2026-03-03T12:45:00Z')],
  })
  const context = { now: at('2026-02-20T12:00:00Z') }
  const reason = (iso: string, ctx = context) => {
    const check = checkSlot(coach, ctx, at(iso))
    return check.free ? 'free' : check.reason
  }

  it('says why a time is not free', () => {
    expect(reason('2026-03-02T09:00:00Z')).toBe('free')
    expect(reason('2026-03-02T12:00:00Z')).toBe('free')
    expect(reason('2026-02-21T09:00:00Z')).toBe('too-soon')
    expect(reason('2026-04-20T09:00:00Z')).toBe('too-far-ahead')
    expect(reason('2026-03-02T08:15:00Z')).toBe('outside-working-hours')
    expect(reason('2026-03-02T09:15:00Z')).toBe('outside-working-hours') // between two slot starts
    expect(reason('2026-03-02T13:00:00Z')).toBe('outside-working-hours') // would end after 13:30
    expect(reason('2026-03-02T12:45:00Z')).toBe('time-off')
    expect(reason('2026-03-02T09:45:00Z')).toBe('clash') // buffer before the booking
    expect(reason('2026-03-02T10:30:00Z')).toBe('clash')
    expect(reason('2026-03-02T11:15:00Z')).toBe('clash') // buffer after the booking
    expect(reason('2026-03-03T10:30:00Z')).toBe('daily-maximum') // two holds that day
  })

  it('uses the step the programme gives', () => {
    expect(reason('2026-03-02T09:15:00Z', { ...context, rules: { stepMinutes: 15 } } as typeof context)).toBe('free')
  })

  it('isSlotFree is true exactly for listed slots', () => {
    const listed = new Set(starts(buildSlotsForCoach(coach, { ...context, query: { from: '2026-03-02', to: '2026-03-03', timeZone: LONDON } })))
    for (let t = Date.parse('2026-03-02T00:00:00Z'); t < Date.parse('2026-03-04T00:00:00Z'); t += 15 * 60_000) {
      const iso = new Date(t).toISOString()
      expect(isSlotFree(coach, context, new Date(t)), iso).toBe(listed.has(iso))
    }
  })
})

describe('bad input', () => {
  const context = listing('2026-02-20T12:00:00Z', '2026-03-02', '2026-03-02')

  it('throws a RangeError for malformed coach data', () => {
    expect(() => buildSlotsForCoach(coachWorking([{ start: '9:00', end: '10:00' }]), context)).toThrow(RangeError)
    expect(() => buildSlotsForCoach(coachWorking([{ start: '10:00', end: '09:00' }]), context)).toThrow(/after/)
    expect(() => buildSlotsForCoach(coachWorking([{ start: '09:00', end: '10:00' }], { timeZone: 'Mars/Olympus' }), context)).toThrow(/time zone/)
    expect(() =>
      buildSlotsForCoach(
        coachWorking([{ start: '09:00', end: '10:00' }], { dateOverrides: [{ date: '2026-02-30', kind: 'day-off' }] }),
        context,
      ),
    ).toThrow(/real date/)
    expect(() => buildSlotsForCoach(coachWorking([{ start: '09:00', end: '10:00' }], { bufferMinutes: -5 }), context)).toThrow(RangeError)
  })

  it('throws for bad rules or an unchecked query', () => {
    expect(() => buildSlotsForCoach(coachWorking([]), { ...context, rules: { durationMinutes: 0 } })).toThrow(/durationMinutes/)
    expect(() => buildSlotsForCoach(coachWorking([]), { ...context, rules: { horizonDays: 400 } })).toThrow(/horizonDays/)
    expect(() => buildSlotsForCoach(coachWorking([]), { ...context, query: { from: '2026-03-05', to: '2026-03-02', timeZone: LONDON } })).toThrow(RangeError)
    expect(() => buildSlotsForCoach(coachWorking([]), { ...context, now: new Date('nope') })).toThrow(/now/)
  })
})
