import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  DAY_MS,
  ZoneClock,
  dayNumberFromIsoDate,
  isoDateFromDayNumber,
  parseLocalTime,
  weekdayOf,
} from '../../../src/domain/slots/zone-time.js'

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']
const iso = (ms: number) => new Date(ms).toISOString()

describe('local dates', () => {
  it('turns dates into day numbers and back', () => {
    expect(dayNumberFromIsoDate('1970-01-01')).toBe(0)
    expect(dayNumberFromIsoDate('2026-03-02')).toBe(Date.UTC(2026, 2, 2) / DAY_MS)
    expect(isoDateFromDayNumber(dayNumberFromIsoDate('2028-02-29')!)).toBe('2028-02-29')
    expect(dayNumberFromIsoDate('2026-02-29')).toBeNull()
    expect(dayNumberFromIsoDate('2026-3-2')).toBeNull()
  })

  it('knows the weekday, 1 = Monday', () => {
    expect(weekdayOf(dayNumberFromIsoDate('2026-03-02')!)).toBe(1)
    expect(weekdayOf(dayNumberFromIsoDate('2026-03-08')!)).toBe(7)
    expect(weekdayOf(dayNumberFromIsoDate('1969-12-31')!)).toBe(3)
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), (day) => {
        expect(weekdayOf(day)).toBe(DateTime.fromMillis(day * DAY_MS, { zone: 'utc' }).weekday)
      }),
    )
  })

  it('reads HH:MM times, with 24:00 only as an end', () => {
    expect(parseLocalTime('00:00')).toBe(0)
    expect(parseLocalTime('09:30')).toBe(570)
    expect(parseLocalTime('23:59')).toBe(1439)
    expect(parseLocalTime('24:00')).toBeNull()
    expect(parseLocalTime('24:00', { endOfDay: true })).toBe(1440)
    for (const bad of ['9:30', '09:60', '25:00', '0930', '09:30:00', '']) expect(parseLocalTime(bad)).toBeNull()
  })
})

describe('ZoneClock', () => {
  it('agrees with luxon away from clock changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: dayNumberFromIsoDate('2024-01-01')!, max: dayNumberFromIsoDate('2030-12-31')! }),
        fc.integer({ min: 0, max: 1439 }),
        (zone, day, minute) => {
          const clock = new ZoneClock(zone)
          const date = DateTime.fromMillis(day * DAY_MS, { zone: 'utc' })
          const local = DateTime.fromObject(
            { year: date.year, month: date.month, day: date.day, hour: Math.floor(minute / 60), minute: minute % 60 },
            { zone },
          )
          const sameOffsetAround = local.minus({ hours: 3 }).offset === local.plus({ hours: 3 }).offset
          fc.pre(sameOffsetAround)
          expect(iso(clock.instantAt(day, minute))).toBe(local.toUTC().toISO())
          expect(clock.localDayOf(local.toMillis())).toBe(day)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('reads a time the clocks skip as the moment they jump', () => {
    const london = new ZoneClock('Europe/London')
    const day = dayNumberFromIsoDate('2026-03-29')!
    expect(iso(london.instantAt(day, 60))).toBe('2026-03-29T01:00:00.000Z')
    expect(iso(london.instantAt(day, 90))).toBe('2026-03-29T01:00:00.000Z')
    expect(iso(london.instantAt(day, 120))).toBe('2026-03-29T01:00:00.000Z')
    expect(iso(london.instantAt(day, 59))).toBe('2026-03-29T00:59:00.000Z')
    expect(iso(london.instantAt(day, 9 * 60))).toBe('2026-03-29T08:00:00.000Z')
    const newYork = new ZoneClock('America/New_York')
    expect(iso(newYork.instantAt(dayNumberFromIsoDate('2026-03-08')!, 150))).toBe('2026-03-08T07:00:00.000Z')
  })

  it('reads a time the clocks repeat as its first occurrence', () => {
    const london = new ZoneClock('Europe/London')
    const day = dayNumberFromIsoDate('2026-10-25')!
    expect(iso(london.instantAt(day, 60))).toBe('2026-10-25T00:00:00.000Z')
    expect(iso(london.instantAt(day, 90))).toBe('2026-10-25T00:30:00.000Z')
    expect(iso(london.instantAt(day, 120))).toBe('2026-10-25T02:00:00.000Z')
    expect(iso(london.instantAt(day, 9 * 60))).toBe('2026-10-25T09:00:00.000Z')
  })

  it('handles a 30 minute change (Lord Howe Island)', () => {
    const lordHowe = new ZoneClock('Australia/Lord_Howe')
    // clocks go back from 02:00 (+11) to 01:30 (+10:30) on 5 April 2026
    const day = dayNumberFromIsoDate('2026-04-05')!
    expect(iso(lordHowe.instantAt(day, 105))).toBe('2026-04-04T14:45:00.000Z')
    expect(iso(lordHowe.instantAt(day, 9 * 60))).toBe('2026-04-04T22:30:00.000Z')
  })

  it('rejects unknown zones', () => {
    expect(() => new ZoneClock('Europe/Londres')).toThrow(RangeError)
  })
})
