/**
 * Properties of slot building, checked against plain luxon readings rather
 * than the code's own clock arithmetic. `now` is drawn near clock changes
 * (Europe, the US and Australia) so many runs cross one.
 */
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import {
  buildProgrammeSlots,
  buildSlotsForCoach,
  checkSlot,
} from '../../../src/domain/slots/index.js'
import type {
  CoachSchedule,
  DateOverride,
  LocalTimeWindow,
  Slot,
  SlotListingContext,
  SlotRuleSettings,
  TimeRange,
  Weekday,
} from '../../../src/domain/slots/index.js'

const MINUTE = 60_000
const DAY = 86_400_000
const COACH_ZONES = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']
const CANDIDATE_ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC']
/** a few days before clock changes in 2026 */
const NEAR_CHANGES = ['2026-03-03', '2026-03-24', '2026-03-31', '2026-09-25', '2026-10-20', '2026-10-29', '2026-06-10']
  .map((d) => Date.parse(`${d}T00:00:00Z`))

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

const windowArb: fc.Arbitrary<LocalTimeWindow> = fc
  .record({ start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 1, max: 40 }) })
  .map(({ start, length }) => ({ start: hhmm(start * 15), end: hhmm(Math.min(96, start + length) * 15) }))

const rangeArb = (from: number, spanMinutes: number, maxLength: number): fc.Arbitrary<TimeRange> =>
  fc
    .record({ offset: fc.integer({ min: 0, max: spanMinutes / 5 }), length: fc.integer({ min: 3, max: maxLength / 5 }) })
    .map(({ offset, length }) => ({
      start: new Date(from + offset * 5 * MINUTE),
      end: new Date(from + (offset + length) * 5 * MINUTE),
    }))

interface Scenario {
  coaches: CoachSchedule[]
  context: SlotListingContext
}

function scenarioArb({ maxDays = 10, maxCoaches = 3, zones = COACH_ZONES } = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      base: fc.constantFrom(...NEAR_CHANGES),
      nowOffsetSeconds: fc.integer({ min: 0, max: 8 * 24 * 3600 }),
      duration: fc.constantFrom(30, 45, 60),
      step: fc.option(fc.constantFrom(15, 30), { nil: undefined }),
      notice: fc.constantFrom(0, 0, 60, 24 * 60, 36 * 60),
      horizon: fc.integer({ min: 3, max: 20 }),
      fromOffsetDays: fc.integer({ min: -1, max: 8 }),
      days: fc.integer({ min: 1, max: maxDays }),
      candidateZone: fc.constantFrom(...CANDIDATE_ZONES),
      coachCount: fc.integer({ min: 1, max: maxCoaches }),
    })
    .chain((s) => {
      const now = s.base + s.nowOffsetSeconds * 1000
      const fromDate = DateTime.fromMillis(now, { zone: s.candidateZone }).startOf('day').plus({ days: s.fromOffsetDays })
      const rules: SlotRuleSettings = {
        durationMinutes: s.duration,
        minimumNoticeMinutes: s.notice,
        horizonDays: s.horizon,
        ...(s.step === undefined ? {} : { stepMinutes: s.step }),
      }
      const context: SlotListingContext = {
        now: new Date(now),
        rules,
        query: {
          from: fromDate.toISODate()!,
          to: fromDate.plus({ days: s.days - 1 }).toISODate()!,
          timeZone: s.candidateZone,
        },
      }
      const spanStart = now - DAY
      const spanMinutes = (s.fromOffsetDays + s.days + 3) * 24 * 60
      const overrideArb: fc.Arbitrary<DateOverride> = fc
        .record({
          day: fc.integer({ min: -1, max: s.fromOffsetDays + s.days + 1 }),
          dayOff: fc.boolean(),
          windows: fc.array(windowArb, { minLength: 1, maxLength: 2 }),
        })
        .map(({ day, dayOff, windows }) => {
          const date = fromDate.plus({ days: day }).toISODate()!
          return dayOff ? { date, kind: 'day-off' } : { date, kind: 'extra-hours', windows }
        })
      const coachArb = fc.record({
        timeZone: fc.constantFrom(...zones),
        weekly: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), window: windowArb }), { minLength: 4, maxLength: 20 }),
        dateOverrides: fc.array(overrideArb, { maxLength: 4 }),
        timeOff: fc.array(rangeArb(spanStart, spanMinutes, 3 * 24 * 60), { maxLength: 2 }),
        bookings: fc.array(rangeArb(spanStart, spanMinutes, 120), { maxLength: 25 }),
        holds: fc.array(rangeArb(spanStart, spanMinutes, 60), { maxLength: 4 }),
        bufferMinutes: fc.constantFrom(0, 0, 5, 15, 30),
        dailyMaximum: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 2 }),
      })
      return fc.array(coachArb, { minLength: s.coachCount, maxLength: s.coachCount }).map((raw) => ({
        context,
        coaches: raw.map(
          (c, i): CoachSchedule => ({
            coachId: `coach-${i}`,
            timeZone: c.timeZone,
            weeklyAvailability: c.weekly.map(({ weekday, window }) => ({ weekday: weekday as Weekday, ...window })),
            dateOverrides: c.dateOverrides,
            timeOff: c.timeOff,
            bookings: c.bookings,
            holds: c.holds,
            bufferMinutes: c.bufferMinutes,
            dailyMaximum: c.dailyMaximum,
          }),
        ),
      }))
    })
}

// ---- oracles: plain luxon -------------------------------------------------

function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number)
  return h! * 60 + m!
}

/** The coach's windows on a local date, in minutes, as the rules describe them. */
function localWindows(coach: CoachSchedule, isoDate: string): { start: number; end: number }[] {
  const weekday = DateTime.fromISO(isoDate, { zone: 'utc' }).weekday
  const overrides = (coach.dateOverrides ?? []).filter((o) => o.date === isoDate)
  const dayOff = overrides.some((o) => o.kind === 'day-off')
  const windows = [
    ...(dayOff ? [] : coach.weeklyAvailability.filter((w) => w.weekday === weekday)),
    ...overrides.flatMap((o) => (o.kind === 'extra-hours' ? o.windows : [])),
  ]
  return windows.map((w) => ({ start: minutesOf(w.start), end: minutesOf(w.end) }))
}

function reading(ms: number, zone: string): { date: string; minute: number } {
  const dt = DateTime.fromMillis(ms, { zone })
  return { date: dt.toISODate()!, minute: dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60_000 }
}

/** No clock change in the zone on that instant's local day (give or take a day). */
function steadyAround(ms: number, zone: string): boolean {
  const offset = (t: number) => DateTime.fromMillis(t, { zone }).offset
  return offset(ms - 1.5 * DAY) === offset(ms + 1.5 * DAY)
}

const ms = (iso: string) => Date.parse(iso)
const overlaps = (s: number, e: number, r: TimeRange, pad = 0) =>
  s < r.end.getTime() + pad && r.start.getTime() - pad < e

function checkCoachSlots(coach: CoachSchedule, context: SlotListingContext, slots: Slot[]): void {
  const rules = context.rules ?? {}
  const duration = (rules.durationMinutes ?? 45) * MINUTE
  const now = context.now.getTime()
  const buffer = (coach.bufferMinutes ?? 0) * MINUTE
  const reserved = [...(coach.bookings ?? []), ...(coach.holds ?? [])]
  const q = context.query
  const rangeStart = DateTime.fromISO(q.from, { zone: q.timeZone }).toMillis()
  const rangeEnd = DateTime.fromISO(q.to, { zone: q.timeZone }).plus({ days: 1 }).toMillis()

  const countsByDay = new Map<string, number>()
  for (const r of reserved) {
    const day = reading(r.start.getTime(), coach.timeZone).date
    countsByDay.set(day, (countsByDay.get(day) ?? 0) + 1)
  }

  let previous = -Infinity
  for (const slot of slots) {
    const at = (what: string) => `${slot.start} (to ${slot.end}): ${what}`
    holds(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/.test(slot.start), () => at('an instant in UTC to the second'))
    const s = ms(slot.start)
    const e = ms(slot.end)
    // sorted, no duplicates, a conversation long
    holds(s > previous, () => at(`after the slot before it (${new Date(previous).toISOString()})`))
    previous = s
    holds(e - s === duration, () => at(`${duration / MINUTE} minutes long`))
    // in the candidate's dates
    holds(s >= rangeStart && s < rangeEnd, () => at(`between ${q.from} and ${q.to} in ${q.timeZone}`))
    // notice and horizon, both inclusive
    holds(s >= now + (rules.minimumNoticeMinutes ?? 24 * 60) * MINUTE, () => at('after the minimum notice'))
    holds(s <= now + (rules.horizonDays ?? 56) * DAY, () => at('within the horizon'))
    // clear of bookings and holds with the buffer, and of time off
    for (const r of reserved) holds(!overlaps(s, e, r, buffer), () => at(`clear of the booking or hold at ${r.start.toISOString()}`))
    for (const r of coach.timeOff ?? []) holds(!overlaps(s, e, r), () => at(`clear of the time off from ${r.start.toISOString()}`))
    // within working hours on the coach's clock, all through (days with a clock change are covered by examples)
    if (steadyAround(s, coach.timeZone)) {
      for (let t = s; t < e; t = Math.min(t + 15 * MINUTE, e - 1)) {
        const r = reading(t, coach.timeZone)
        const inside = localWindows(coach, r.date).some((w) => w.start <= r.minute && r.minute < w.end)
        holds(inside, () => at(`${r.date} minute ${r.minute} in ${coach.timeZone} is in working hours`))
        if (t === e - 1) break
      }
    }
    // under the daily maximum on the coach's local day
    if (coach.dailyMaximum !== null && coach.dailyMaximum !== undefined) {
      const day = reading(s, coach.timeZone).date
      holds((countsByDay.get(day) ?? 0) < coach.dailyMaximum, () => at(`${day} is under the daily maximum of ${coach.dailyMaximum}`))
    }
  }
}

/**
 * Fails with `message()` unless `condition`. The checks above run for every
 * slot of every case (some hundred thousand a run): vitest's `expect` cost
 * more than building the slots and checking them together (44% of this
 * file's CPU), so the per-slot checks throw plain errors, which fast-check
 * reports with the smallest case it can find, as it does a failed `expect`.
 */
function holds(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message())
}

describe('slot properties', { timeout: 60_000 }, () => {
  it('every slot is free, inside working hours, within notice, horizon and dates, sorted once each', () => {
    fc.assert(
      fc.property(scenarioArb({ maxCoaches: 1 }), ({ coaches, context }) => {
        const coach = coaches[0]!
        checkCoachSlots(coach, context, buildSlotsForCoach(coach, context))
      }),
      { numRuns: 200 },
    )
  })

  it('the programme listing is the union of the coaches’ slots, sorted, without duplicates', () => {
    fc.assert(
      fc.property(scenarioArb({ maxCoaches: 4 }), ({ coaches, context }) => {
        const programme = buildProgrammeSlots(coaches, context)
        const expected = new Map<string, { end: string; coachIds: string[] }>()
        for (const coach of coaches) {
          const slots = buildSlotsForCoach(coach, context)
          checkCoachSlots(coach, context, slots)
          for (const slot of slots) {
            const entry = expected.get(slot.start) ?? { end: slot.end, coachIds: [] }
            entry.coachIds.push(coach.coachId)
            expected.set(slot.start, entry)
          }
        }
        const keys = programme.map((s) => `${s.start}/${s.end}`)
        expect(new Set(keys).size).toBe(keys.length)
        expect(programme.map((s) => s.start)).toEqual([...expected.keys()].sort())
        for (const slot of programme) {
          expect(slot).toEqual({ start: slot.start, ...expected.get(slot.start)! })
        }
      }),
      { numRuns: 100 },
    )
  })

  it('checkSlot says free exactly for the listed slots', () => {
    fc.assert(
      fc.property(scenarioArb({ maxCoaches: 1, maxDays: 2 }), ({ coaches, context }) => {
        const coach = coaches[0]!
        const listed = new Set(buildSlotsForCoach(coach, context).map((s) => s.start))
        const q = context.query
        const from = DateTime.fromISO(q.from, { zone: q.timeZone }).toMillis()
        const to = DateTime.fromISO(q.to, { zone: q.timeZone }).plus({ days: 1 }).toMillis()
        for (let t = from; t < to; t += 15 * MINUTE) {
          const iso = new Date(t).toISOString()
          expect(checkSlot(coach, context, new Date(t)).free, iso).toBe(listed.has(iso))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('matches a plain implementation in zones without daylight saving', () => {
    fc.assert(
      fc.property(scenarioArb({ maxCoaches: 1, zones: ['UTC', 'Asia/Kolkata', 'Asia/Tokyo'] }), ({ coaches, context }) => {
        const coach = coaches[0]!
        expect(buildSlotsForCoach(coach, context).map((s) => s.start)).toEqual(plainSlots(coach, context))
      }),
      { numRuns: 300 },
    )
  })
})

/** Slot starts by the rules, one local date at a time, with no cleverness (fixed-offset zones only). */
function plainSlots(coach: CoachSchedule, context: SlotListingContext): string[] {
  const rules = context.rules ?? {}
  const duration = rules.durationMinutes ?? 45
  const step = rules.stepMinutes ?? duration
  const now = context.now.getTime()
  const buffer = (coach.bufferMinutes ?? 0) * MINUTE
  const reserved = [...(coach.bookings ?? []), ...(coach.holds ?? [])]
  const q = context.query
  const from = DateTime.fromISO(q.from, { zone: q.timeZone }).toMillis()
  const to = DateTime.fromISO(q.to, { zone: q.timeZone }).plus({ days: 1 }).toMillis()
  const out: string[] = []
  let date = DateTime.fromMillis(from, { zone: coach.timeZone }).startOf('day').minus({ days: 1 })
  while (date.toMillis() < to) {
    const isoDate = date.toISODate()!
    const count = reserved.filter((r) => reading(r.start.getTime(), coach.timeZone).date === isoDate).length
    const full = coach.dailyMaximum !== null && coach.dailyMaximum !== undefined && count >= coach.dailyMaximum
    // join windows that overlap or touch
    const joined: { start: number; end: number }[] = []
    for (const w of localWindows(coach, isoDate).sort((a, b) => a.start - b.start)) {
      const last = joined.at(-1)
      if (last && w.start <= last.end) last.end = Math.max(last.end, w.end)
      else joined.push({ ...w })
    }
    for (const w of full ? [] : joined) {
      for (let m = w.start; m + duration <= w.end; m += step) {
        const s = date.plus({ minutes: m }).toMillis()
        const e = s + duration * MINUTE
        if (s < from || s >= to) continue
        if (s < now + (rules.minimumNoticeMinutes ?? 24 * 60) * MINUTE) continue
        if (s > now + (rules.horizonDays ?? 56) * DAY) continue
        if (reserved.some((r) => overlaps(s, e, r, buffer))) continue
        if ((coach.timeOff ?? []).some((r) => overlaps(s, e, r))) continue
        out.push(new Date(s).toISOString())
      }
    }
    date = date.plus({ days: 1 })
  }
  return out
}
