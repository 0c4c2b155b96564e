import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { availableDays } from '../../../src/domain/booking-journey/calendar.js'

/** A slot of 45 minutes starting at `start` (UTC). */
const slot = (start: string) => ({ start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString() })

/** What availableDays must agree with: each slot's date on the candidate's clock, counted. */
function datesOneByOne(slots: Array<{ start: string }>, zone: string): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const { start } of slots) {
    const date = DateTime.fromISO(start, { zone: 'UTC' }).setZone(zone).toISODate()!
    counts.set(date, (counts.get(date) ?? 0) + 1)
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b))
}

describe('the days with free times, on the candidate’s clock', () => {
  it('puts slots either side of local midnight on their own days, however far the zone is from UTC', () => {
    const slots = ['2026-03-02T22:30:00.000Z', '2026-03-02T23:30:00.000Z', '2026-03-03T00:15:00.000Z', '2026-03-03T18:30:00.000Z'].map(slot)
    expect(availableDays(slots, 'Europe/London').map((d) => [d.date, d.freeTimes])).toEqual([['2026-03-02', 2], ['2026-03-03', 2]])
    // 5 hours 45 minutes ahead: 18:30 UTC is already the next day there.
    expect(availableDays(slots, 'Asia/Kathmandu').map((d) => [d.date, d.freeTimes])).toEqual([['2026-03-03', 3], ['2026-03-04', 1]])
    expect(availableDays(slots, 'America/Los_Angeles').map((d) => [d.date, d.freeTimes])).toEqual([['2026-03-02', 3], ['2026-03-03', 1]])
  })

  it('keeps the days of a clock change whole: 23 hours in spring, 25 in autumn', () => {
    // London: 29 March 2026 has 23 hours, 25 October 2026 has 25.
    const spring = ['2026-03-28T23:59:00.000Z', '2026-03-29T00:00:00.000Z', '2026-03-29T22:59:00.000Z', '2026-03-29T23:00:00.000Z'].map(slot)
    expect(availableDays(spring, 'Europe/London').map((d) => [d.date, d.freeTimes])).toEqual([['2026-03-28', 1], ['2026-03-29', 2], ['2026-03-30', 1]])
    const autumn = ['2026-10-24T22:59:00.000Z', '2026-10-24T23:00:00.000Z', '2026-10-25T23:59:00.000Z', '2026-10-26T00:00:00.000Z'].map(slot)
    expect(availableDays(autumn, 'Europe/London').map((d) => [d.date, d.freeTimes])).toEqual([['2026-10-24', 1], ['2026-10-25', 2], ['2026-10-26', 1]])
  })

  it('agrees with reading each slot’s date on its own, in order or not, over a year of clock changes', () => {
    // Every 97 minutes for a year (so at every minute of the day in turn), and the same in blocks in reverse: reading
    // the date from the last day's bounds must never carry a slot onto the wrong day.
    const starts: string[] = []
    for (let at = Date.parse('2026-01-01T00:10:00.000Z'); at < Date.parse('2027-01-01T00:00:00.000Z'); at += 97 * 60_000) starts.push(new Date(at).toISOString())
    const shuffled = starts.flatMap((_, i) => (i % 100 === 0 ? [starts.slice(i, i + 100).reverse()] : [])).reverse().flat()
    // London and New York change by an hour on different dates, Lord Howe Island by half an hour; Kathmandu is 5:45 ahead.
    for (const zone of ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const expected = datesOneByOne(starts.map(slot), zone)
      for (const slots of [starts.map(slot), shuffled.map(slot)]) {
        expect(availableDays(slots, zone).map((d) => [d.date, d.freeTimes]), zone).toEqual(expected)
      }
    }
  })
})
