/**
 * Which coach gets a new booking, among those free at that time.
 *
 * Fair share: the coach with the fewest conversations in the week of the
 * slot (Monday to Sunday on the coach's own clock; booked, completed and
 * no-show conversations count, cancelled ones don't). Ties go in turn: the
 * coach who was given a booking least recently first (never is earliest),
 * then by id so the order is always the same. A candidate's own hold, when
 * they have one at that time, puts its coach first: that is the coach they
 * were shown.
 */
import { ZoneClock, weekdayOf } from '../slots/zone-time.js'

export interface CoachLoad {
  coachId: string
  /** Conversations (not cancelled) starting in the slot's week. */
  conversationsThatWeek: number
  /** When the coach was last given a booking (booked, moved to them, reassigned); null if never. */
  lastAssignedAt: Date | null
}

/** Coaches in the order to try them: the first that can still take the booking gets it. */
export function orderByFairShare(loads: readonly CoachLoad[], preferredCoachId?: string | null): string[] {
  const sorted = [...loads].sort(
    (a, b) =>
      a.conversationsThatWeek - b.conversationsThatWeek ||
      (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity) ||
      (a.coachId < b.coachId ? -1 : a.coachId > b.coachId ? 1 : 0),
  )
  const ids = sorted.map((load) => load.coachId)
  if (preferredCoachId && ids.includes(preferredCoachId)) {
    return [preferredCoachId, ...ids.filter((id) => id !== preferredCoachId)]
  }
  return ids
}

/** The week holding `instant` on a coach's clock: [Monday 00:00, next Monday 00:00). */
export function weekAround(instant: Date, timeZone: string): { start: Date; end: Date } {
  // ZoneClock, not luxon: this runs for every free coach of every booking.
  const clock = ZoneClock.for(timeZone)
  const day = clock.localDayOf(instant.getTime())
  const monday = day - (weekdayOf(day) - 1)
  return { start: new Date(clock.startOfDay(monday)), end: new Date(clock.startOfDay(monday + 7)) }
}
