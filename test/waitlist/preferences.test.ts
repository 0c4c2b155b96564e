import { describe, expect, it } from 'vitest'
import { offerDeadline } from '../../src/domain/waitlist/offers.js'
import { suits, type WaitlistPreferences } from '../../src/domain/waitlist/preferences.js'
import { checkJoinRequest } from '../../src/domain/waitlist/rules.js'
import { ValidationError } from '../../src/domain/errors.js'

const london: WaitlistPreferences = { days: [2], partsOfDay: ['morning'], from: null, to: null, timeZone: 'Europe/London' }

describe('which times suit someone on the waitlist', () => {
  it('reads the day and the part of the day on their own clock, across daylight saving', () => {
    // Tuesday 24 March 2026 is on GMT, Tuesday 31 March on BST: 11:30 UTC is 11:30am, then 12:30pm.
    expect(suits(london, new Date('2026-03-24T11:30:00Z'))).toBe(true)
    expect(suits(london, new Date('2026-03-31T11:30:00Z'))).toBe(false)
    expect(suits(london, new Date('2026-03-31T10:30:00Z'))).toBe(true)
    // The last Sunday of October: 2am BST is 1am GMT again; Sunday at 00:30 UTC is still Sunday morning in London.
    expect(suits({ ...london, days: [7] }, new Date('2026-10-25T00:30:00Z'))).toBe(true)
    expect(suits({ ...london, days: [7], partsOfDay: ['early_evening'] }, new Date('2026-10-25T17:30:00Z'))).toBe(true)
    expect(suits({ ...london, days: [7], partsOfDay: ['early_evening'] }, new Date('2026-10-25T20:00:00Z'))).toBe(false)
  })

  it('judges a time in another zone by that zone, with its own daylight saving dates', () => {
    const newYork: WaitlistPreferences = { days: [1], partsOfDay: ['early_evening'], from: null, to: null, timeZone: 'America/New_York' }
    // Monday 9 March 2026 (New York on EDT since the 8th, London still GMT): 22:00 UTC is 6pm in New York, 10pm in London.
    expect(suits(newYork, new Date('2026-03-09T22:00:00Z'))).toBe(true)
    expect(suits(london, new Date('2026-03-09T22:00:00Z'))).toBe(false)
    // Monday 2 March (EST): 22:00 UTC is 5pm, still early evening; 21:00 UTC is 4pm, afternoon.
    expect(suits(newYork, new Date('2026-03-02T22:00:00Z'))).toBe(true)
    expect(suits(newYork, new Date('2026-03-02T21:00:00Z'))).toBe(false)
    // 11:30pm on Monday in London is 7:30pm in New York; 12:30am on Tuesday in London, 8:30pm: past early evening.
    expect(suits(newYork, new Date('2026-03-09T23:30:00Z'))).toBe(true)
    expect(suits(newYork, new Date('2026-03-10T00:30:00Z'))).toBe(false)
  })

  it('keeps to their first and last dates, on their clock', () => {
    const dated = { ...london, days: [1, 2, 3, 4, 5], from: '2026-06-02', to: '2026-06-03' }
    expect(suits(dated, new Date('2026-06-01T09:00:00Z'))).toBe(false)
    expect(suits(dated, new Date('2026-06-02T08:00:00Z'))).toBe(true)
    expect(suits(dated, new Date('2026-06-03T10:00:00Z'))).toBe(true)
    expect(suits(dated, new Date('2026-06-04T08:00:00Z'))).toBe(false)
    // 23:30 UTC on the 3rd is 12:30am on the 4th in London (BST): past the last date.
    expect(suits({ ...dated, partsOfDay: ['morning'] }, new Date('2026-06-03T23:30:00Z'))).toBe(false)
  })
})

describe('how long an offer lasts', () => {
  const now = new Date('2026-03-02T08:00:00Z')
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000)
  it('is 12 hours for a time days away, half what is left before the notice when nearer, never past the notice', () => {
    expect(offerDeadline(at(72), now, 1440)).toEqual(at(12))
    expect(offerDeadline(at(40), now, 1440)).toEqual(at(8)) // 16 hours left before the day's notice: half
    expect(offerDeadline(at(25.5), now, 1440)).toEqual(at(1)) // 1.5 hours left: an hour, still before the notice
    expect(offerDeadline(at(24.5), now, 1440)).toEqual(at(0.5)) // half an hour left: all of it
    expect(offerDeadline(at(24.1), now, 1440)).toBeNull() // 6 minutes: too late to offer
  })
})

describe('what joining must say', () => {
  const today = () => '2026-03-02'
  const good = { candidate: { name: 'Sam', email: 'sam@example.com' }, contactMethod: 'video' as const, preferences: { days: [1], partsOfDay: ['morning'], timeZone: 'Europe/London' }, consent: true }
  it('reports every problem with its field', () => {
    try {
      checkJoinRequest({ ...good, candidate: { name: '', email: 'x' }, contactMethod: 'phone', preferences: { days: [], partsOfDay: ['night'], from: '2026-02-30', to: '2026-01-01', timeZone: 'Mars/Base' }, consent: false }, today)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fields.map((field) => field.field).sort()).toEqual(
        ['candidate.email', 'candidate.name', 'candidate.phone', 'consent', 'preferences.days', 'preferences.from', 'preferences.partsOfDay', 'preferences.timeZone'].sort(),
      )
    }
    expect(checkJoinRequest(good, today).preferences).toEqual({ days: [1], partsOfDay: ['morning'], from: null, to: null, timeZone: 'Europe/London' })
  })
})
