/**
 * Finding a coach for a conversation at a given time, and keeping the time
 * with them, safely when many requests race for it.
 *
 * 1. The coaches free then: from the availability index when it is given
 *    (a hint, checked again below), otherwise read from the database and
 *    checked by the slot rules (working hours, time off, buffers, daily
 *    maximum, notice, horizon).
 * 2. Order them by fair share (coach-choice.ts), the preferred coach first.
 * 3. For each in turn, inside a savepoint: lock the coach's days around the
 *    time (lockCoachDays; a coach another booking in flight holds is passed
 *    over until the others have been tried), read the coach as committed now
 *    and check the slot again, then write the booking (or hold). The exclusion constraint still
 *    refuses a time that overlaps a live booking of the coach (23P01): try the
 *    next coach. Rolling back the savepoint lets the locks go.
 *
 * The locks are per coach and local day, not per coach: two bookings that
 * could break a buffer or the daily maximum together always share a locked
 * day, so they are checked one after the other, while bookings of one coach
 * on other days (and of other coaches) go ahead at the same time. The old
 * lock on the coach's row made every booking of the fair-share coach wait in
 * one queue. Changes to a coach's availability take the row lock
 * (lockCoachAvailability), which waits for bookings in flight and makes new
 * ones wait, since each booking holds the row in share mode.
 *
 * So the database guarantees no overlap, the locks keep buffers and daily
 * maxima under races, and a deadlock or serialisation failure is tried again
 * (inTransaction) and, when the tries run out, answered as the slot being
 * taken (inPlacementTransaction).
 */
import type { SlotContext, SlotRuleSettings } from '../../slots/index.js'
import { checkSlot, freeCoachIds } from '../../slots/index.js'
import { orderByFairShare, weekAround } from '../coach-choice.js'
import type { KeptCoachLoads } from '../kept-coach-loads.js'
import type { ProgrammeSettings } from '../types.js'
import { coachLoads, coachZones, loadCoachSchedules, lockCoachDays } from '../../../repositories/coaches.js'
import type { Queryable } from '../../../repositories/db.js'
import { PG_EXCLUSION_VIOLATION, inTransaction, isPgError, isRetryableConflict, rollBackToSavepoint, savepoint } from '../../../repositories/db.js'
import { SlotUnavailableError } from '../errors.js'
import type pg from 'pg'
import type { BookingDeps } from './deps.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'

export interface Placement {
  programme: ProgrammeSettings
  start: Date
  end: Date
  now: Date
  /** The candidate's own hold does not stand in their way. */
  holderKeyHash?: string | null
  /** The booking being moved does not stand in its own way. */
  bookingId?: string | null
  /** Tried first when free: the coach of the candidate's hold, or of the booking being moved. */
  preferredCoachId?: string | null
}

export function slotRules(programme: ProgrammeSettings): SlotRuleSettings {
  return {
    durationMinutes: programme.durationMinutes,
    minimumNoticeMinutes: programme.minimumNoticeMinutes,
    horizonDays: programme.horizonDays,
  }
}

function slotContext(placement: Placement): SlotContext {
  return { now: placement.now, rules: slotRules(placement.programme) }
}

/**
 * The coaches free at `start` by the availability index: a hint for
 * freeCoachesInOrder, or null without a live index. Ask it before the
 * transaction begins: the index may read with a pool client of its own, and
 * waiting for one while holding another can use up the pool.
 */
export async function freeCoachHint(
  deps: Pick<BookingDeps, 'availability' | 'coachLoads' | 'pool'>,
  programmeKey: string,
  start: Date,
  now: Date,
): Promise<FreeCoachHint | null> {
  const index = deps.availability
  const key = programmeKey.trim()
  if (!index || key === '' || Number.isNaN(start.getTime())) return null
  const programme = await index.programme(key, () => findActiveProgramme(deps.pool, key))
  const coaches = programme ? await index.coachesFreeAt(programme, start, now) : null
  return coaches ? { coaches, keptLoads: deps.coachLoads ?? null } : null
}

/** The coaches the availability index says are free, and fair share's loads kept while the index is live. */
interface FreeCoachHint {
  coaches: readonly CoachHint[]
  keptLoads: KeptCoachLoads | null
}

/** A coach the availability index says is free, and their zone. */
interface CoachHint {
  coachId: string
  timeZone: string
}

/**
 * The coaches free at the placement's time, in the order to try them. With a
 * hint from the index (freeCoachHint), nothing is read but their loads; the
 * preferred coach is always tried, since their own hold or booking makes them
 * look busy there. Every coach is checked again under lock when placed.
 */
export async function freeCoachesInOrder(db: Queryable, placement: Placement, hint?: FreeCoachHint | null): Promise<string[]> {
  let free: readonly CoachHint[]
  if (hint) {
    const preferred = placement.preferredCoachId
    const missing = preferred && !hint.coaches.some((coach) => coach.coachId === preferred) ? [preferred] : []
    free = missing.length > 0 ? [...hint.coaches, ...(await coachZones(db, placement.programme.id, missing))] : hint.coaches
  } else {
    const schedules = await loadCoachSchedules(db, {
      programmeId: placement.programme.id,
      from: placement.start,
      to: placement.end,
      now: placement.now,
      holderKeyHash: placement.holderKeyHash,
      bookingId: placement.bookingId,
    })
    const ids = new Set(freeCoachIds(schedules, slotContext(placement), placement.start))
    free = schedules.filter((s) => ids.has(s.coachId))
  }
  const weeks = free.map((s) => ({ coachId: s.coachId, ...weekAround(placement.start, s.timeZone) }))
  const loads = hint?.keptLoads ? await hint.keptLoads.loads(weeks, (changed) => coachLoads(db, changed)) : await coachLoads(db, weeks)
  return orderByFairShare(loads, placement.preferredCoachId)
}

/**
 * Tries `write` with each coach in turn (see above); returns the coach that
 * kept it, or null when none could. A coach whose day another booking in
 * flight has locked is passed over at first, so that requests arriving
 * together spread over the free coaches instead of queueing for the fairest
 * one; only when every other coach has been tried does it wait for them.
 */
export async function placeWithFirstFreeCoach(
  client: Queryable,
  coachIds: readonly string[],
  placement: Placement,
  write: (coachId: string) => Promise<void>,
): Promise<string | null> {
  const busy: string[] = []
  // Coaches this process is placing a booking with on the same day go last at once: trying them first
  // would only find their day locked, at three round trips a try.
  const day = inFlightDay(placement.start)
  const ordered = [...coachIds.filter((id) => !inFlight.has(`${id}:${day}`)), ...coachIds.filter((id) => inFlight.has(`${id}:${day}`))]
  for (const coachId of ordered) {
    const outcome = await whileInFlight(client, `${coachId}:${day}`, () => tryCoach(client, coachId, placement, write, false))
    if (outcome === 'kept') return coachId
    if (outcome === 'busy') busy.push(coachId)
  }
  for (const coachId of busy) {
    if ((await whileInFlight(client, `${coachId}:${day}`, () => tryCoach(client, coachId, placement, write, true))) === 'kept') return coachId
  }
  return null
}

/**
 * The coach-days this process is trying to place a booking on right now, or
 * has placed one on in a transaction not yet ended, and how many times each:
 * only an order of trying (the day locks decide), so a UTC day is near
 * enough to the coach's own.
 */
const inFlight = new Map<string, number>()
const inFlightDay = (start: Date) => Math.floor(start.getTime() / 86_400_000)

/**
 * The coach-days kept by each placement transaction in progress (by its
 * client), still locked until it ends: a booking's day stays locked through
 * its remaining statements and COMMIT, and half the bookings under load
 * found the day of the booking before them locked when its mark ended with
 * the try.
 */
const keptUntilEnd = new WeakMap<object, string[]>()

async function whileInFlight(client: Queryable, key: string, work: () => Promise<TryOutcome>): Promise<TryOutcome> {
  inFlight.set(key, (inFlight.get(key) ?? 0) + 1)
  let outcome: TryOutcome | undefined
  try {
    outcome = await work()
    return outcome
  } finally {
    const kept = outcome === 'kept' ? keptUntilEnd.get(client) : undefined
    if (kept) kept.push(key)
    else endInFlight(key)
  }
}

function endInFlight(key: string): void {
  const left = inFlight.get(key)! - 1
  if (left === 0) inFlight.delete(key)
  else inFlight.set(key, left)
}

type TryOutcome = 'kept' | 'busy' | 'not-free'

const PLACEMENT_SAVEPOINT = 'place_with_coach'

/**
 * One coach, in a savepoint: lock their days, check the slot with what is
 * committed now, write. The savepoint, the locks and the coach's schedule go
 * in one message (inPlacementTransaction sends statements together); the
 * schedule is read after the locks are held, since each statement takes its
 * own snapshot when it starts. A savepoint that kept the booking is left for
 * COMMIT to release with the rest: releasing it would cost a round trip and
 * change nothing.
 */
async function tryCoach(
  client: Queryable,
  coachId: string,
  placement: Placement,
  write: (coachId: string) => Promise<void>,
  wait: boolean,
): Promise<TryOutcome> {
  const rollBack = () => rollBackToSavepoint(client, PLACEMENT_SAVEPOINT)
  const [, lock, [schedule]] = await Promise.all([
    savepoint(client, PLACEMENT_SAVEPOINT),
    lockCoachDays(client, coachId, placement.start, placement.end, { wait }),
    loadCoachSchedules(client, {
      programmeId: placement.programme.id,
      coachIds: [coachId],
      from: placement.start,
      to: placement.end,
      now: placement.now,
      holderKeyHash: placement.holderKeyHash,
      bookingId: placement.bookingId,
    }),
  ]).catch(async (error: unknown) => {
    await rollBack()
    throw error
  })
  if (lock !== 'locked') {
    await rollBack()
    return lock === 'busy' ? 'busy' : 'not-free'
  }
  if (!schedule || !checkSlot(schedule, slotContext(placement), placement.start).free) {
    await rollBack()
    return 'not-free'
  }
  try {
    await write(coachId)
  } catch (error) {
    await rollBack()
    if (isPgError(error, PG_EXCLUSION_VIOLATION)) return 'not-free'
    throw error
  }
  return 'kept'
}

/**
 * inTransaction for placing a booking or hold: when PostgreSQL still ends it
 * for a deadlock or serialisation failure after the tries, someone else won
 * the race for the time, which is a 409 slot_unavailable, never a 500.
 */
export async function inPlacementTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const kept: string[] = []
  try {
    return await inTransaction(
      pool,
      (client) => {
        keptUntilEnd.set(client, kept)
        return work(client)
      },
      { keptPlans: true },
    )
  } catch (error) {
    if (isRetryableConflict(error)) throw new SlotUnavailableError()
    throw error
  } finally {
    for (const key of kept) endInFlight(key)
  }
}
