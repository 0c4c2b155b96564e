/**
 * Finding a coach for a conversation at a given time, and keeping the time
 * with them, safely when many requests race for it.
 *
 * 1. Read the programme's coaches and keep those free then (slot rules:
 *    working hours, time off, buffers, daily maximum, notice, horizon).
 * 2. Order them by fair share (coach-choice.ts), the preferred coach first.
 * 3. For each in turn, inside a savepoint: write the booking (or hold). The
 *    exclusion constraint refuses a time that overlaps a live booking of the
 *    coach (23P01): try the next coach. Otherwise take the coach's row lock
 *    and check the slot again with what is committed now, leaving the new row
 *    out; if another booking committed meanwhile within the buffer, or the
 *    day is full, roll back to the savepoint and try the next coach.
 *
 * So the database guarantees no overlap, and the lock makes the buffer and
 * the daily maximum hold under races too; the lock is taken only after the
 * write, so requests for the same time really do race to the constraint.
 */
import type { SlotContext, SlotRuleSettings } from '../../slots/index.js'
import { checkSlot, freeCoachIds } from '../../slots/index.js'
import { orderByFairShare, weekAround } from '../coach-choice.js'
import type { ProgrammeSettings } from '../types.js'
import { coachLoads, loadCoachSchedules, lockCoach } from '../../../repositories/coaches.js'
import type { Queryable } from '../../../repositories/db.js'
import { PG_EXCLUSION_VIOLATION, inSavepoint, isPgError } from '../../../repositories/db.js'

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

/** The coaches free at the placement's time, in the order to try them. */
export async function freeCoachesInOrder(db: Queryable, placement: Placement): Promise<string[]> {
  const schedules = await loadCoachSchedules(db, {
    programmeId: placement.programme.id,
    from: placement.start,
    to: placement.end,
    now: placement.now,
    holderKeyHash: placement.holderKeyHash,
    bookingId: placement.bookingId,
  })
  const free = new Set(freeCoachIds(schedules, slotContext(placement), placement.start))
  const weeks = schedules
    .filter((s) => free.has(s.coachId))
    .map((s) => ({ coachId: s.coachId, ...weekAround(placement.start, s.timeZone) }))
  return orderByFairShare(await coachLoads(db, weeks), placement.preferredCoachId)
}

/**
 * Tries `write` with each coach in turn (see above); returns the coach that
 * kept it, or null when none could. `write` returns the id of the booking it
 * wrote, or null for a hold, so that the second check leaves it out.
 */
export async function placeWithFirstFreeCoach(
  client: Queryable,
  coachIds: readonly string[],
  placement: Placement,
  write: (coachId: string) => Promise<{ bookingId: string | null }>,
): Promise<string | null> {
  for (const coachId of coachIds) {
    const kept = await inSavepoint(client, 'place_with_coach', async () => {
      let written: { bookingId: string | null }
      try {
        written = await write(coachId)
      } catch (error) {
        if (isPgError(error, PG_EXCLUSION_VIOLATION)) return undefined
        throw error
      }
      await lockCoach(client, coachId)
      const [schedule] = await loadCoachSchedules(client, {
        programmeId: placement.programme.id,
        coachIds: [coachId],
        from: placement.start,
        to: placement.end,
        now: placement.now,
        holderKeyHash: placement.holderKeyHash,
        bookingId: written.bookingId ?? placement.bookingId,
      })
      return schedule && checkSlot(schedule, slotContext(placement), placement.start).free ? coachId : undefined
    })
    if (kept) return kept
  }
  return null
}
