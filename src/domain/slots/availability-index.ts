/**
 * The availability index: every programme's free slot starts kept ready in
 * memory, so listing slots reads no rows and builds nothing.
 *
 * The free slots of a programme are the same for every candidate (their own
 * hold aside), and they change only when something changes in the database:
 * a booking made, moved or cancelled, a hold taken or ended, a coach's hours,
 * days off, extra hours, time off, buffer, daily maximum, zone or account, a
 * coach joining or leaving the programme, the programme's rules. The
 * database says which (triggers NOTIFY `availability_changed` on commit,
 * prisma/migrations/20261203090000_availability_notifications) and the index
 * works out again only what a change touched: one coach's free starts, or
 * one programme. Time alone changes two things, both handled here: a hold
 * runs out (each coach's entry is good until its earliest hold expires) and
 * the days move on (an entry covers the booking horizon plus a week, and is
 * rebuilt when a question falls outside it). Notice and horizon are applied
 * when a question is asked, so they need no rebuild.
 *
 * Freshness: an entry is used only while the index is live (listening for
 * changes, `goLive`), and is stamped with the change counts of its coach and
 * programme when its rows were read; a notice that arrives while it is being
 * read makes it stale at once. So a slot that has gone is offered no longer
 * than the moment between a commit and its notice reaching this process.
 * When the listener is down (`goOffline`), every question is answered from
 * the database directly, as if there were no index. Booking never trusts the
 * index: placement checks the slot again under lock, and the exclusion
 * constraint is the guarantee.
 *
 * Several instances each keep their own index and each hears every notice.
 */
import { buildProgrammeSlots, freeStartsWithin } from './build-slots.js'
import type { Interval } from './busy-times.js'
import type { SlotQuery } from './date-range.js'
import { slotQueryInterval } from './date-range.js'
import type { SlotRules } from './slot-rules.js'
import { resolveSlotRules } from './slot-rules.js'
import type { CoachSchedule, Slot } from './types.js'
import { DAY_MS, MINUTE_MS } from './zone-time.js'

/** What the index needs from the database (implemented by src/repositories/coaches.ts). */
interface AvailabilitySource {
  /**
   * The schedules of a programme's active coaches (or only `coachIds` of
   * them), with time off, bookings and holds live at `now` near [from, to),
   * ordered by coach id.
   */
  schedules(query: { programmeId: string; coachIds?: readonly string[]; from: Date; to: Date; now: Date }): Promise<CoachSchedule[]>
}

/** The programme's rules as slots need them. */
interface IndexedProgramme {
  id: string
  durationMinutes: number
  minimumNoticeMinutes: number
  horizonDays: number
}

/** A change notice, as the database sends it: `coach:<id>`, `programme:<id>` or `all`. */
type AvailabilityChange = { kind: 'coach'; id: string } | { kind: 'programme'; id: string } | { kind: 'all' }

export function parseAvailabilityChange(payload: string | undefined): AvailabilityChange {
  const [kind, id] = (payload ?? '').split(':', 2)
  if ((kind === 'coach' || kind === 'programme') && id) return { kind, id }
  return { kind: 'all' }
}

/**
 * How many answers (JSON of a run of slots) a programme keeps ready. Most
 * questions are the same few (this week, a day of the booking pages); a
 * long answer is tens of kilobytes, so a few dozen are plenty.
 */
const ANSWERS_KEPT = 32

/** How many coaches' free times are worked out before letting other requests run. */
const COACHES_BETWEEN_PAUSES = 20

/** How far past the horizon an entry reaches, so the days moving on rebuild it about once a week. */
const REACH_BEYOND_HORIZON_MS = 7 * DAY_MS

interface CoachEntry {
  /** The coach's zone, for their fair-share week. */
  timeZone: string
  /** Free starts (epoch ms), ascending, over the programme entry's reach, before notice and horizon. */
  starts: number[]
  /** The coach's change count when the rows were read. */
  changes: number
  /** The earliest expiry of a hold it counted: after that, the coach has more free time. */
  goodUntil: number
}

interface ProgrammeEntry {
  rules: SlotRules
  /** The programme's change count when it was built. */
  changes: number
  /** The instant it was built at; a clock before it (tests move clocks) rebuilds. */
  builtAt: number
  /** Slot starts it knows: [reach.start, reach.end). */
  reach: Interval
  coaches: Map<string, CoachEntry>
  /** How many coaches are free at each start. */
  freeCoaches: Map<number, number>
  /** The keys of `freeCoaches`, ascending; null when they need sorting again. */
  sortedStarts: number[] | null
  /** The JSON of a run of slots, by its first and last index in sortedStarts. */
  answers: Map<string, string>
}

export class AvailabilityIndex {
  private live = false
  private readonly entries = new Map<string, ProgrammeEntry>()
  private readonly refreshing = new Map<string, Promise<ProgrammeEntry>>()
  private readonly coachChanges = new Map<string, number>()
  private readonly programmeChanges = new Map<string, number>()
  /** Open programmes by id and by slug, as last read (never the ones not found: junk would fill it). */
  private readonly programmes = new Map<string, IndexedProgramme & Record<string, unknown>>()
  /** Bumped by `all` and by going live or offline: every entry built before is stale. */
  private epoch = 0
  /**
   * For coachVersion: every notice and every forgetting takes the next
   * serial; a coach's version is the serial of the later of its last notice
   * and the last forgetting, so it never comes back to an earlier value.
   */
  private serial = 0
  private readonly coachNoticeSerials = new Map<string, number>()
  private forgottenAtSerial = 0

  constructor(private readonly source: AvailabilitySource) {}

  /** The listener is connected and LISTENing: entries can be trusted from now on. */
  goLive(): void {
    this.forgetEverything()
    this.live = true
  }

  /** The listener is down: notices may be missed, so answer from the database until it is back. */
  goOffline(): void {
    this.live = false
    this.forgetEverything()
  }

  isLive(): boolean {
    return this.live
  }

  /**
   * A value that changes whenever a notice for the coach (or for everything)
   * arrives; null while the index is not live, when notices may be missed.
   * For what is kept about a coach outside the index (fair share's loads).
   */
  coachVersion(coachId: string): number | null {
    return this.live ? (this.coachNoticeSerials.get(coachId) ?? this.forgottenAtSerial) : null
  }

  /** A notice from the database. */
  changed(change: AvailabilityChange): void {
    if (change.kind === 'all') {
      this.forgetEverything()
    } else if (change.kind === 'coach') {
      this.coachChanges.set(change.id, (this.coachChanges.get(change.id) ?? 0) + 1)
      this.coachNoticeSerials.set(change.id, ++this.serial)
    } else {
      this.programmeChanges.set(change.id, (this.programmeChanges.get(change.id) ?? 0) + 1)
      this.entries.delete(change.id)
      this.programmes.clear()
    }
  }

  /**
   * An open programme by id or slug, remembered while the index is live (a
   * change to any programme forgets them all); `load` reads it otherwise.
   */
  async programme<P extends IndexedProgramme & { slug: string }>(idOrSlug: string, load: () => Promise<P | null>): Promise<P | null> {
    if (!this.live) return load()
    const known = this.programmes.get(idOrSlug)
    if (known) return known as unknown as P
    const epoch = this.epoch
    const changes = this.programmeChangeTotal()
    const found = await load()
    if (found && this.live && this.epoch === epoch && this.programmeChangeTotal() === changes) {
      this.programmes.set(found.id, found as IndexedProgramme & Record<string, unknown>)
      this.programmes.set(found.slug, found as IndexedProgramme & Record<string, unknown>)
    }
    return found
  }

  /**
   * The programme's free slots for a candidate's query, in start order, as
   * the JSON array the API answers with (`[{"start":…,"end":…}, …]`).
   */
  async slotsJson(programme: IndexedProgramme, query: SlotQuery, now: Date): Promise<string> {
    const entry = await this.freshEntry(programme, now)
    if (!entry) return JSON.stringify(await this.directSlots(programme, query, now))
    const bounds = listingBounds(entry.rules, slotQueryInterval(query), now.getTime())
    const starts = sortedStartsOf(entry)
    const first = bounds ? lowerBound(starts, bounds.start) : 0
    const last = bounds ? lowerBound(starts, bounds.end) : 0
    const key = `${first}:${last}`
    let json = entry.answers.get(key)
    if (json === undefined) {
      const durationMs = entry.rules.durationMinutes * MINUTE_MS
      const parts: string[] = []
      for (let i = first; i < last; i++) parts.push(slotJson(starts[i]!, durationMs))
      json = `[${parts.join(',')}]`
      if (entry.answers.size >= ANSWERS_KEPT) entry.answers.clear()
      entry.answers.set(key, json)
    }
    return json
  }

  /** The same, as objects (for pages). */
  async slots(programme: IndexedProgramme, query: SlotQuery, now: Date): Promise<Slot[]> {
    return JSON.parse(await this.slotsJson(programme, query, now)) as Slot[]
  }

  /**
   * The programme's coaches free at `start` by the index, in id order, with
   * their zones. A hint for placement, which checks each again under lock;
   * when the index is not live, null (ask the database).
   */
  async coachesFreeAt(programme: IndexedProgramme, start: Date, now: Date): Promise<{ coachId: string; timeZone: string }[] | null> {
    const entry = await this.freshEntry(programme, now)
    if (!entry) return null
    const at = start.getTime()
    const bounds = listingBounds(entry.rules, { start: at, end: at + 1 }, now.getTime())
    if (!bounds) return []
    const free: { coachId: string; timeZone: string }[] = []
    for (const [coachId, coach] of entry.coaches) {
      if (coach.starts[lowerBound(coach.starts, at)] === at) free.push({ coachId, timeZone: coach.timeZone })
    }
    return free.sort((a, b) => (a.coachId < b.coachId ? -1 : 1))
  }

  // -------------------------------------------------------------------------

  private programmeChangeTotal(): number {
    let total = 0
    for (const count of this.programmeChanges.values()) total += count
    return total
  }

  private forgetEverything(): void {
    this.epoch++
    this.forgottenAtSerial = ++this.serial
    this.coachNoticeSerials.clear()
    this.programmes.clear()
    this.entries.clear()
    this.refreshing.clear()
    this.coachChanges.clear()
    this.programmeChanges.clear()
  }

  /** The programme's entry brought up to date, or null when the index is not live. */
  private async freshEntry(programme: IndexedProgramme, now: Date): Promise<ProgrammeEntry | null> {
    if (!this.live) return null
    const at = now.getTime()
    const rules = rulesOf(programme)
    const current = this.entries.get(programme.id)
    if (current && sameRules(current.rules, rules) && this.isCurrent(current, programme.id, at)) return current
    // One refresh per programme at a time; others asking meanwhile wait for it.
    let pending = this.refreshing.get(programme.id)
    if (!pending) {
      pending = this.refresh(programme.id, rules, at, current).finally(() => this.refreshing.delete(programme.id))
      this.refreshing.set(programme.id, pending)
    }
    const entry = await pending
    return this.live ? entry : null
  }

  private isCurrent(entry: ProgrammeEntry, programmeId: string, at: number): boolean {
    if (entry.changes !== (this.programmeChanges.get(programmeId) ?? 0)) return false
    if (at < entry.builtAt || at + entry.rules.horizonDays * DAY_MS + 1 > entry.reach.end) return false
    for (const [coachId, coach] of entry.coaches) {
      if (coach.changes !== (this.coachChanges.get(coachId) ?? 0) || coach.goodUntil <= at) return false
    }
    return true
  }

  /** Reads again what changed: every coach when the programme or the days moved on, else only the coaches that changed. */
  private async refresh(programmeId: string, rules: SlotRules, at: number, previous: ProgrammeEntry | undefined): Promise<ProgrammeEntry> {
    const epoch = this.epoch
    const programmeChanges = this.programmeChanges.get(programmeId) ?? 0
    const whole =
      !previous ||
      !sameRules(previous.rules, rules) ||
      previous.changes !== programmeChanges ||
      at < previous.builtAt ||
      at + rules.horizonDays * DAY_MS + 1 > previous.reach.end
    const entry: ProgrammeEntry = whole
      ? {
          rules,
          changes: programmeChanges,
          builtAt: at,
          reach: { start: at - DAY_MS, end: at + rules.horizonDays * DAY_MS + 1 + REACH_BEYOND_HORIZON_MS },
          coaches: new Map(),
          freeCoaches: new Map(),
          sortedStarts: [],
          answers: new Map(),
        }
      : previous
    const stale = whole
      ? undefined
      : [...entry.coaches].filter(([id, coach]) => coach.changes !== (this.coachChanges.get(id) ?? 0) || coach.goodUntil <= at).map(([id]) => id)
    // The change counts as they are before reading: a notice that arrives
    // during the read leaves the coach stale, so the next question reads again.
    const changesBefore = new Map(this.coachChanges)
    const schedules = await this.source.schedules({
      programmeId,
      ...(stale ? { coachIds: stale } : {}),
      from: new Date(entry.reach.start),
      to: new Date(entry.reach.end + rules.durationMinutes * MINUTE_MS),
      now: new Date(at),
    })
    const read = new Map(schedules.map((schedule) => [schedule.coachId, schedule]))
    let worked = 0
    for (const coachId of stale ?? [...read.keys()]) {
      // Let other requests in between coaches: a whole programme can take longer than a request should wait.
      if (++worked % COACHES_BETWEEN_PAUSES === 0) await new Promise((resolve) => setImmediate(resolve))
      const schedule = read.get(coachId)
      replaceCoach(
        entry,
        coachId,
        schedule && {
          timeZone: schedule.timeZone,
          starts: freeStartsWithin(schedule, rules, entry.reach),
          changes: changesBefore.get(coachId) ?? 0,
          goodUntil: earliestHoldExpiry(schedule),
        },
      )
    }
    if (this.epoch === epoch && (this.programmeChanges.get(programmeId) ?? 0) === programmeChanges) {
      this.entries.set(programmeId, entry)
    }
    return entry
  }

  /** The answer without the index: the programme's coaches read for the query alone. */
  private async directSlots(programme: IndexedProgramme, query: SlotQuery, now: Date): Promise<Slot[]> {
    const interval = slotQueryInterval(query)
    const schedules = await this.source.schedules({
      programmeId: programme.id,
      from: new Date(interval.start),
      to: new Date(interval.end + programme.durationMinutes * MINUTE_MS),
      now,
    })
    return buildProgrammeSlots(schedules, { now, query, rules: rulesOf(programme) }).map(({ start, end }) => ({ start, end }))
  }
}

function rulesOf(programme: IndexedProgramme): SlotRules {
  return resolveSlotRules({
    durationMinutes: programme.durationMinutes,
    minimumNoticeMinutes: programme.minimumNoticeMinutes,
    horizonDays: programme.horizonDays,
  })
}

function sameRules(a: SlotRules, b: SlotRules): boolean {
  return (
    a.durationMinutes === b.durationMinutes &&
    a.stepMinutes === b.stepMinutes &&
    a.minimumNoticeMinutes === b.minimumNoticeMinutes &&
    a.horizonDays === b.horizonDays
  )
}

/** Slot starts allowed now within the asked interval: notice and horizon applied (both ends included). */
function listingBounds(rules: SlotRules, asked: Interval, now: number): Interval | null {
  const start = Math.max(asked.start, now + rules.minimumNoticeMinutes * MINUTE_MS)
  const end = Math.min(asked.end, now + rules.horizonDays * DAY_MS + 1)
  return start < end ? { start, end } : null
}

function earliestHoldExpiry(schedule: CoachSchedule): number {
  let earliest = Number.POSITIVE_INFINITY
  for (const hold of schedule.holds ?? []) {
    const expires = hold.expiresAt?.getTime()
    if (expires !== undefined && expires < earliest) earliest = expires
  }
  return earliest
}

/** Puts a coach's new free starts in the entry (or takes the coach out), keeping the per-start counts right. */
function replaceCoach(entry: ProgrammeEntry, coachId: string, next: CoachEntry | undefined): void {
  const before = entry.coaches.get(coachId)
  for (const start of before?.starts ?? []) {
    const count = (entry.freeCoaches.get(start) ?? 0) - 1
    if (count > 0) entry.freeCoaches.set(start, count)
    else {
      entry.freeCoaches.delete(start)
      entry.sortedStarts = null
    }
  }
  for (const start of next?.starts ?? []) {
    const count = (entry.freeCoaches.get(start) ?? 0) + 1
    entry.freeCoaches.set(start, count)
    if (count === 1) entry.sortedStarts = null
  }
  if (next) entry.coaches.set(coachId, next)
  else entry.coaches.delete(coachId)
  if (entry.sortedStarts === null) entry.answers.clear()
}

function sortedStartsOf(entry: ProgrammeEntry): number[] {
  if (entry.sortedStarts === null) entry.sortedStarts = [...entry.freeCoaches.keys()].sort((a, b) => a - b)
  return entry.sortedStarts
}

/** The first index whose value is >= `value` (the length when there is none). */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function slotJson(start: number, durationMs: number): string {
  return `{"start":"${new Date(start).toISOString()}","end":"${new Date(start + durationMs).toISOString()}"}`
}
