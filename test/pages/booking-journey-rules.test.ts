import { describe, expect, it } from 'vitest'
import {
  SealedBox,
  canonicalTimeZone,
  checkTimeZoneAnswer,
  firstUnansweredStep,
  newJourney,
  nextStep,
  readJourney,
  redirectBefore,
  searchRanges,
  weekOfDays,
  withDay,
  type AvailableDay,
  type JourneyState,
} from '../../src/domain/booking-journey/index.js'

/** The booking journey's pure rules: no app, no database. */

const SECRET = 'a-test-secret-that-is-long-enough-1234567890'
const NOW = new Date('2026-03-02T08:00:00.000Z')

function answered(overrides: Partial<JourneyState> = {}): JourneyState {
  return {
    ...newJourney({ id: 'journey-1', programme: 'vaccinators' }),
    day: '2026-03-03',
    start: '2026-03-03T09:00:00.000Z',
    name: 'Sam Taylor',
    email: 'sam@example.com',
    contactMethod: 'video',
    consent: true,
    ...overrides,
  }
}

describe('sealed state', () => {
  const box = new SealedBox(SECRET, 'booking-journey')
  const later = new Date(NOW.getTime() + 60_000)

  it('opens what it sealed, until it expires', () => {
    const sealed = box.seal({ name: 'Sam Taylor' }, later)
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(sealed).not.toContain('Sam')
    expect(box.open(sealed, NOW)).toEqual({ name: 'Sam Taylor' })
    expect(box.open(sealed, later)).toBeNull()
  })

  it('opens nothing changed, sealed for another purpose or with another secret', () => {
    const sealed = box.seal({ name: 'Sam Taylor' }, later)
    const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21)
    expect(box.open(flipped, NOW)).toBeNull()
    expect(new SealedBox(SECRET, 'change-booking').open(sealed, NOW)).toBeNull()
    expect(new SealedBox(`${SECRET}-other`, 'booking-journey').open(sealed, NOW)).toBeNull()
    for (const junk of [undefined, '', 'not sealed!', 'A'.repeat(10), 'A'.repeat(5000)]) expect(box.open(junk, NOW)).toBeNull()
  })

  it('refuses to seal more than a cookie can hold', () => {
    expect(() => box.seal({ text: Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('') }, later)).toThrow(
      /over 3800/,
    )
  })
})

describe('journey steps', () => {
  it('resumes at the first unanswered question, and keeps people from skipping ahead', () => {
    const fresh = newJourney({ id: 'j', programme: 'vaccinators' })
    expect(firstUnansweredStep(fresh)).toBe('day')
    expect(redirectBefore(fresh, 'day')).toBeNull()
    expect(redirectBefore(fresh, 'details')).toBe('day')
    expect(firstUnansweredStep(answered({ contactMethod: 'phone', phone: null }))).toBe('contact')
    expect(firstUnansweredStep(answered())).toBe('check')
  })

  it('goes on in order, and back to check once it has been reached', () => {
    expect(nextStep(answered({ consent: false }), 'contact')).toBe('information')
    // An invitation fills in the details, but a time is still needed first.
    const invited = newJourney({ id: 'j', programme: 'vaccinators', prefill: { name: 'Sam', email: 'sam@example.com' } })
    expect(nextStep({ ...invited, day: '2026-03-03' }, 'day')).toBe('time')
    const checking = answered({ checking: true })
    expect(nextStep(checking, 'details')).toBe('check')
    // A new day drops the time on the old day: time first, then check.
    const newDay = withDay(checking, '2026-03-04', '2026-03-03')
    expect(newDay.start).toBeNull()
    expect(nextStep(newDay, 'day')).toBe('time')
    expect(withDay(checking, '2026-03-03', '2026-03-03').start).toBe(checking.start)
  })

  it('reads back only a journey of the right shape', () => {
    const state = answered()
    expect(readJourney(JSON.parse(JSON.stringify(state)))).toEqual(state)
    expect(readJourney({ ...state, timeZone: 'Mars/Base' })).toBeNull()
    expect(readJourney({ ...state, contactMethod: 'carrier pigeon' })?.contactMethod).toBeNull()
    expect(readJourney('nonsense')).toBeNull()
  })
})

describe('days and weeks', () => {
  const day = (date: string): AvailableDay => ({ date, text: date, freeTimes: 1 })
  const days = ['2026-03-03', '2026-03-06', '2026-03-17', '2026-03-18'].map(day)

  it('shows a week at a time, skipping weeks with no free days', () => {
    const first = weekOfDays(days)!
    expect(first).toMatchObject({ weekStart: '2026-03-02', weekStartText: 'Monday 2 March', weekEndText: 'Sunday 8 March', previousWeek: null, nextWeek: '2026-03-16' })
    expect(first.days.map((d) => d.date)).toEqual(['2026-03-03', '2026-03-06'])
    expect(weekOfDays(days, '2026-03-10')).toMatchObject({ weekStart: '2026-03-16', previousWeek: '2026-03-02', nextWeek: null })
    expect(weekOfDays(days, '2027-01-01')?.weekStart).toBe('2026-03-16')
    expect(weekOfDays(days, '2026-02-30')?.weekStart).toBe('2026-03-02')
    expect(weekOfDays([])).toBeNull()
  })

  it('lists slots over the whole booking window, 93 days at most at a time', () => {
    expect(searchRanges(NOW, 56, 'Europe/London')).toEqual([{ from: '2026-03-02', to: '2026-04-27' }])
    const year = searchRanges(NOW, 366, 'Europe/London')
    expect(year).toEqual([
      { from: '2026-03-02', to: '2026-06-02' },
      { from: '2026-06-03', to: '2026-09-03' },
      { from: '2026-09-04', to: '2026-12-05' },
      { from: '2026-12-06', to: '2027-03-03' },
    ])
    // Late on Monday evening in New York it is already Tuesday in London.
    expect(searchRanges(new Date('2026-03-03T03:00:00Z'), 1, 'America/New_York')[0]?.from).toBe('2026-03-02')
  })
})

describe('time zones', () => {
  it('takes a listed zone, or one typed in, by its canonical name', () => {
    expect(canonicalTimeZone(' europe/london ')).toBe('Europe/London')
    expect(canonicalTimeZone('asia/kolkata')).toBe('Asia/Kolkata')
    expect(canonicalTimeZone('america/toronto')).toBe('America/Toronto')
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York')
    expect(canonicalTimeZone('Mars/Base')).toBeNull()
    expect(checkTimeZoneAnswer({ timeZone: 'Asia/Kolkata' })).toEqual({ ok: true, value: 'Asia/Kolkata' })
    expect(checkTimeZoneAnswer({ timeZone: 'Asia/Kolkata', otherTimeZone: 'America/Toronto' })).toEqual({ ok: true, value: 'America/Toronto' })
    expect(checkTimeZoneAnswer({})).toMatchObject({ ok: false, errors: [{ field: 'timeZone', href: '#timeZone' }] })
    expect(checkTimeZoneAnswer({ otherTimeZone: 'Nowhere' })).toMatchObject({ ok: false, errors: [{ field: 'otherTimeZone' }] })
  })
})
