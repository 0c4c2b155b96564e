/**
 * Matching a programme's waitlist against its free times: run by the
 * `waitlist-match` job whenever a time can have freed up or opened (the
 * triggers in the waitlist migration), and at each offer's deadline.
 *
 * 1. Offers past their deadline expire (their holds end); people whose last
 *    date has passed leave the line.
 * 2. The free times, from now to the programme's horizon, read from the
 *    database as committed now.
 * 3. In line order (who joined first), each person with no open offer is
 *    offered the soonest free time that suits them and that they have not
 *    been offered before (makeOffer holds it, so it is gone for the people
 *    after them). So nobody who joined earlier and matches is skipped, two
 *    times go to two people, and one time never goes to two people: the
 *    holds' exclusion constraint guards that even against a booking made
 *    at the same moment.
 *
 * One run per programme at a time across every instance: a session advisory
 * lock. A run that finds it taken waits for it (the run in progress may have
 * read the line before this run's change committed), and after
 * LOCK_WAIT_SECONDS fails and is retried by graphile-worker.
 *
 * An offer that loses a race with a booking or cancellation in flight stops
 * the pass (nobody later in line may be offered first) and the pass starts
 * again from the line after a short pause, up to PASSES times in the run:
 * graphile-worker's backoff (3 s, 7 s, 20 s...) would hold the freed times
 * back from people for longer than the race lasts.
 */
import { DateTime } from 'luxon'
import { listSlots } from '../booking/service/slots.js'
import type { GuardedBookingDeps } from '../booking/service/deps.js'
import type { Slot } from '../slots/index.js'
import { inTransaction } from '../../repositories/db.js'
import { endPastEntries, expireDueOffers, listWaitingWithoutOffer } from '../../repositories/waitlist.js'
import { MATCHING_BUSY, findProgrammeHorizonDays, findProgrammeMinimumNotice, isStillWaiting, withMatchingLock } from '../../repositories/waitlist-matching.js'
import { OFFER_CONFLICT, makeOffer, offerDeadline } from './offers.js'
import { suits } from './preferences.js'

const LOCK_WAIT_SECONDS = 20
const PASSES = 6
/** The pause before pass n + 1 is n times this, with up to as much again at random, so two runs do not meet again in step. */
const PASS_PAUSE_MS = 100

export class MatchingBusyError extends Error {
  constructor(programmeId: string) {
    super(`Another run is matching the waitlist of programme ${programmeId}`)
    this.name = 'MatchingBusyError'
  }
}

export class MatchingConflictError extends Error {
  constructor(programmeId: string) {
    super(`Matching the waitlist of programme ${programmeId} met a booking in flight; it runs again`)
    this.name = 'MatchingConflictError'
  }
}

export interface MatchResult {
  offered: number
  expired: number
}

export async function matchProgramme(app: Omit<GuardedBookingDeps, 'secret'>, programmeId: string): Promise<MatchResult> {
  // Read from the database, not the availability index: the index hears of the change that started this run by NOTIFY, maybe after the run has begun.
  const deps = { ...app, availability: undefined }
  // Wait a while for a run in progress (it may have read the line before this run's change committed), then give up and be retried.
  const result = await withMatchingLock(deps.pool, programmeId, LOCK_WAIT_SECONDS, () => matchInPasses(deps, programmeId))
  if (result === MATCHING_BUSY) throw new MatchingBusyError(programmeId)
  return result
}

async function matchInPasses(deps: Omit<GuardedBookingDeps, 'secret'>, programmeId: string): Promise<MatchResult> {
  const total: MatchResult = { offered: 0, expired: 0 }
  for (let pass = 1; ; pass++) {
    const result = await matchPass(deps, programmeId)
    total.offered += result.offered
    total.expired += result.expired
    if (!result.conflict) return total
    if (pass === PASSES) throw new MatchingConflictError(programmeId)
    await new Promise((resolve) => setTimeout(resolve, pass * PASS_PAUSE_MS * (1 + Math.random())))
  }
}

/** One pass down the line; `conflict` when it stopped at a race lost with a booking in flight. */
async function matchPass(deps: Omit<GuardedBookingDeps, 'secret'>, programmeId: string): Promise<MatchResult & { conflict: boolean }> {
  const now = deps.clock.now()
  const expired = await inTransaction(deps.pool, async (client) => {
    const count = await expireDueOffers(client, programmeId, now)
    await endPastEntries(client, programmeId, now)
    return count
  })
  const line = await listWaitingWithoutOffer(deps.pool, programmeId)
  if (line.length === 0) return { offered: 0, expired, conflict: false }

  let free: Slot[]
  try {
    free = await freeTimes(deps, programmeId, now)
  } catch {
    return { offered: 0, expired, conflict: false } // the programme has closed: nothing to offer
  }
  const notice = (await findProgrammeMinimumNotice(deps.pool, programmeId)) ?? 0
  let offered = 0
  for (const person of line) {
    const tried = new Set(person.offeredStarts)
    for (const slot of free) {
      const start = new Date(slot.start)
      if (tried.has(start.getTime()) || !suits(person, start) || !offerDeadline(start, now, notice)) continue
      const outcome = await makeOffer(deps, person, start)
      // Lost a race with a booking in flight: stop here, so nobody after this person is offered first, and pass again.
      if (outcome === OFFER_CONFLICT) return { offered, expired, conflict: true }
      if (outcome) {
        offered++
        break
      }
      // Gone meanwhile (or the person can have no offer now): when the time is taken, later people need not try it.
      if (!(await stillFree(deps, programmeId, start))) free = free.filter((other) => other.start !== slot.start)
      if (!(await isStillWaiting(deps.pool, person.id))) break
    }
  }
  return { offered, expired, conflict: false }
}

/** The programme's free times from now to its horizon, soonest first. */
async function freeTimes(deps: Omit<GuardedBookingDeps, 'secret'>, programmeId: string, now: Date): Promise<Slot[]> {
  const horizon = (await findProgrammeHorizonDays(deps.pool, programmeId)) ?? 0
  const slots: Slot[] = []
  const first = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day')
  // At most 93 days a question (the slots API's limit).
  for (let offset = 0; offset <= horizon; offset += 90) {
    const from = first.plus({ days: offset })
    const to = first.plus({ days: Math.min(offset + 89, horizon) })
    const listing = await listSlots(deps, { programme: programmeId, from: from.toISODate(), to: to.toISODate(), timeZone: 'UTC' })
    slots.push(...listing.slots)
  }
  return slots
}

async function stillFree(deps: Omit<GuardedBookingDeps, 'secret'>, programmeId: string, start: Date): Promise<boolean> {
  const day = DateTime.fromJSDate(start, { zone: 'UTC' }).toISODate()!
  const listing = await listSlots(deps, { programme: programmeId, from: day, to: day, timeZone: 'UTC' })
  return listing.slots.some((slot) => new Date(slot.start).getTime() === start.getTime())
}
