/**
 * Free slots for booking a career conversation.
 *
 * Slots are built on each coach's clock (their IANA zone) and returned in UTC.
 * Within each stretch of working time (see weekly-availability.ts) candidate
 * starts step every `stepMinutes` (default: the conversation length) from the
 * stretch's start, and a slot [start, start + duration) must end by the end of
 * the stretch. A candidate start is a free slot when:
 * - it does not touch the coach's time off;
 * - the coach has fewer bookings and holds on that local day than their daily maximum;
 * - it does not touch [booking.start - buffer, booking.end + buffer) for any
 *   booking or hold (touching ends are fine: a slot may end exactly where the
 *   buffer begins);
 * - now + minimum notice <= start <= now + horizon. Both ends are included:
 *   a slot starting exactly 24 hours (the notice) or exactly 56 days (the
 *   horizon) from now is offered. Notice and horizon are elapsed time.
 *
 * Nothing here reads the system clock: `now` is always given.
 */
import type { Interval } from './busy-times.js'
import { IntervalSweep, mergeIntervals, overlapsAny } from './busy-times.js'
import type { SlotQuery } from './date-range.js'
import { slotQueryInterval } from './date-range.js'
import type { SlotRules, SlotRuleSettings } from './slot-rules.js'
import { requireWhole, resolveSlotRules } from './slot-rules.js'
import type { CoachSchedule, ProgrammeSlot, Slot, SlotCheck, TimeRange } from './types.js'
import { WorkingHours } from './weekly-availability.js'
import type { DayNumber } from './zone-time.js'
import { DAY_MS, MINUTE_MS, ZoneClock } from './zone-time.js'

/** What every slot question needs: the current instant and the programme's rules. */
export interface SlotContext {
  now: Date
  /** The programme's settings; missing ones take their defaults (45 minutes, 24 hours, 8 weeks). */
  rules?: SlotRuleSettings
}

/** For listing: also the candidate's dates and zone (already checked by parseSlotQuery). */
export interface SlotListingContext extends SlotContext {
  query: SlotQuery
}

/** A coach's free slots starting within the query's dates, in start order. */
export function buildSlotsForCoach(coach: CoachSchedule, context: SlotListingContext): Slot[] {
  const plan = listingPlan(context)
  if (!plan) return []
  const durationMs = plan.rules.durationMinutes * MINUTE_MS
  return freeStarts(prepareCoach(coach, plan.rules, plan.bounds), plan.rules, plan.bounds).map((start) => ({
    start: toIso(start),
    end: toIso(start + durationMs),
  }))
}

/**
 * A coach's free slot starts (epoch ms) within `bounds`, ascending, with no
 * notice or horizon applied: what the availability index keeps, applying
 * those when asked.
 */
export function freeStartsWithin(coach: CoachSchedule, rules: SlotRules, bounds: Interval): number[] {
  return freeStarts(prepareCoach(coach, rules, bounds), rules, bounds)
}

/**
 * Free slots across a programme's coaches: the union of each coach's slots,
 * in start order, one entry per (start, end) with the ids of the coaches free
 * then (in the order the coaches were given).
 */
export function buildProgrammeSlots(coaches: readonly CoachSchedule[], context: SlotListingContext): ProgrammeSlot[] {
  const plan = listingPlan(context)
  if (!plan) return []
  const durationMs = plan.rules.durationMinutes * MINUTE_MS
  const coachesAt = new Map<number, string[]>()
  for (const coach of coaches) {
    for (const start of freeStarts(prepareCoach(coach, plan.rules, plan.bounds), plan.rules, plan.bounds)) {
      const ids = coachesAt.get(start)
      if (!ids) coachesAt.set(start, [coach.coachId])
      else if (!ids.includes(coach.coachId)) ids.push(coach.coachId)
    }
  }
  return [...coachesAt.keys()]
    .sort((a, b) => a - b)
    .map((start) => ({ start: toIso(start), end: toIso(start + durationMs), coachIds: coachesAt.get(start)! }))
}

/**
 * Whether `start` is a free slot for the coach now, and if not, why. The
 * reasons are checked in this order: too-soon, too-far-ahead,
 * outside-working-hours (also when it falls between two slot starts),
 * time-off, daily-maximum, clash. For a candidate who holds this slot or is
 * moving their booking, leave their own hold or booking out of the coach's lists.
 */
export function checkSlot(coach: CoachSchedule, context: SlotContext, start: Date): SlotCheck {
  const rules = resolveSlotRules(context.rules)
  const now = instant(context.now, 'now')
  const at = instant(start, 'start')
  if (at < now + rules.minimumNoticeMinutes * MINUTE_MS) return { free: false, reason: 'too-soon' }
  if (at > now + rules.horizonDays * DAY_MS) return { free: false, reason: 'too-far-ahead' }

  const end = at + rules.durationMinutes * MINUTE_MS
  const stepMs = rules.stepMinutes * MINUTE_MS
  const prepared = prepareCoach(coach, rules, { start: at, end: at + 1 })
  const day = prepared.clock.localDayOf(at)
  // A slot belongs to the local date of its window; look at the day before too,
  // for zones whose clocks jump over midnight.
  const workingDay = [day, day - 1].find((d) =>
    prepared.hours.windowsOn(d).some((w) => at >= w.start && end <= w.end && (at - w.start) % stepMs === 0),
  )
  if (workingDay === undefined) return { free: false, reason: 'outside-working-hours' }
  if (overlapsAny(prepared.timeOff, at, end)) return { free: false, reason: 'time-off' }
  if (prepared.dailyMaximum !== null && (prepared.dayCounts.get(workingDay) ?? 0) >= prepared.dailyMaximum) {
    return { free: false, reason: 'daily-maximum' }
  }
  if (overlapsAny(prepared.busy, at, end)) return { free: false, reason: 'clash' }
  return { free: true }
}

/** True when `start` is a free slot for the coach now (see checkSlot for why not). */
export function isSlotFree(coach: CoachSchedule, context: SlotContext, start: Date): boolean {
  return checkSlot(coach, context, start).free
}

/** The ids of the coaches for whom `start` is a free slot, in the order given. */
export function freeCoachIds(coaches: readonly CoachSchedule[], context: SlotContext, start: Date): string[] {
  return coaches.filter((coach) => isSlotFree(coach, context, start)).map((coach) => coach.coachId)
}

// ---------------------------------------------------------------------------

interface ListingPlan {
  rules: SlotRules
  /** slot starts allowed in [start, end) */
  bounds: Interval
}

function listingPlan(context: SlotListingContext): ListingPlan | null {
  const rules = resolveSlotRules(context.rules)
  const now = instant(context.now, 'now')
  const query = slotQueryInterval(context.query)
  const start = Math.max(query.start, now + rules.minimumNoticeMinutes * MINUTE_MS)
  const end = Math.min(query.end, now + rules.horizonDays * DAY_MS + 1) // horizon included
  return start < end ? { rules, bounds: { start, end } } : null
}

interface PreparedCoach {
  clock: ZoneClock
  hours: WorkingHours
  /** merged time off */
  timeOff: Interval[]
  /** merged bookings and holds, each widened by the buffer */
  busy: Interval[]
  dailyMaximum: number | null
  /** bookings and holds per local day, near the bounds only */
  dayCounts: Map<DayNumber, number>
}

/** Reads a coach for slot starts within `bounds`, keeping only the busy times that could matter. */
function prepareCoach(coach: CoachSchedule, rules: SlotRules, bounds: Interval): PreparedCoach {
  const clock = ZoneClock.for(coach.timeZone)
  const hours = new WorkingHours(coach, clock)
  const bufferMinutes = coach.bufferMinutes ?? 0
  requireWhole(`Coach ${coach.coachId}: bufferMinutes`, bufferMinutes, 0, 24 * 60)
  const dailyMaximum = coach.dailyMaximum ?? null
  if (dailyMaximum !== null) requireWhole(`Coach ${coach.coachId}: dailyMaximum`, dailyMaximum, 0, 24 * 60)

  // A slot starting in bounds covers at most [bounds.start, bounds.end + duration).
  const reachStart = bounds.start
  const reachEnd = bounds.end + rules.durationMinutes * MINUTE_MS
  const near = (i: Interval): boolean => i.end > reachStart && i.start < reachEnd

  const bufferMs = bufferMinutes * MINUTE_MS
  const reserved = [...(coach.bookings ?? []), ...(coach.holds ?? [])].map((r) => range(r, coach.coachId))
  const busy = mergeIntervals(
    reserved.map((r) => ({ start: r.start - bufferMs, end: r.end + bufferMs })).filter(near),
  )
  const timeOff = mergeIntervals((coach.timeOff ?? []).map((r) => range(r, coach.coachId)).filter(near))

  const dayCounts = new Map<DayNumber, number>()
  if (dailyMaximum !== null) {
    for (const r of reserved) {
      // local days of slots in bounds lie within a day of the bounds
      if (r.start < bounds.start - 2 * DAY_MS || r.start > bounds.end + 2 * DAY_MS) continue
      const day = clock.localDayOf(r.start)
      dayCounts.set(day, (dayCounts.get(day) ?? 0) + 1)
    }
  }
  return { clock, hours, timeOff, busy, dailyMaximum, dayCounts }
}

/** Free slot starts (epoch ms) in [bounds.start, bounds.end), ascending. */
function freeStarts(coach: PreparedCoach, rules: SlotRules, bounds: Interval): number[] {
  const durationMs = rules.durationMinutes * MINUTE_MS
  const stepMs = rules.stepMinutes * MINUTE_MS
  const timeOff = new IntervalSweep(coach.timeOff)
  const busy = new IntervalSweep(coach.busy)
  const starts: number[] = []
  // The day before the first covers zones whose clocks jump over midnight.
  const firstDay = coach.clock.localDayOf(bounds.start) - 1
  const lastDay = coach.clock.localDayOf(bounds.end - 1)
  for (let day = firstDay; day <= lastDay; day++) {
    if (coach.dailyMaximum !== null && (coach.dayCounts.get(day) ?? 0) >= coach.dailyMaximum) continue
    for (const window of coach.hours.windowsOn(day)) {
      const skip = bounds.start > window.start ? Math.ceil((bounds.start - window.start) / stepMs) : 0
      for (
        let start = window.start + skip * stepMs;
        start + durationMs <= window.end && start < bounds.end;
        start += stepMs
      ) {
        const end = start + durationMs
        if (!timeOff.overlaps(start, end) && !busy.overlaps(start, end)) starts.push(start)
      }
    }
  }
  return starts
}

function instant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`)
  return ms
}

function range(r: TimeRange, coachId: string): Interval {
  return { start: instant(r.start, `Coach ${coachId}: a start`), end: instant(r.end, `Coach ${coachId}: an end`) }
}

/** "2026-03-02T09:30:00.000Z": the same text luxon's toISO() gives in UTC. */
function toIso(ms: number): string {
  return new Date(ms).toISOString()
}
