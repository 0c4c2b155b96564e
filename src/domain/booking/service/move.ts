/**
 * Moving a booking to another time (rescheduling) or another coach
 * (reassigning): to the first of the coaches that keeps it (placement.ts),
 * with the move in its history. The calendar sequence goes up by one.
 */
import type { Booking, BookingViewer } from '../types.js'
import { actorOf } from './access.js'
import { placeWithFirstFreeCoach, type Placement } from './placement.js'
import { insertBookingEvent, moveBooking } from '../../../repositories/bookings.js'
import type { Queryable } from '../../../repositories/db.js'

interface Move {
  kind: 'rescheduled' | 'reassigned'
  viewer: BookingViewer
  candidateTimeZone: string
  reason: string | null
}

/** The coach who has the booking now and its new calendar sequence; null when none of `coachIds` could take it. */
export async function moveToFirstFreeCoach(
  client: Queryable,
  booking: Booking,
  coachIds: readonly string[],
  placement: Placement,
  move: Move,
): Promise<{ coachId: string; sequence: number } | null> {
  const { start, end, now } = placement
  const coachId = await placeWithFirstFreeCoach(client, coachIds, placement, async (coachId) => {
    await moveBooking(client, booking.id, { coachId, startsAt: start, endsAt: end, candidateTimeZone: move.candidateTimeZone, now })
  })
  if (!coachId) return null
  const sequence = booking.sequence + 1
  await insertBookingEvent(client, {
    bookingId: booking.id,
    kind: move.kind,
    ...actorOf(move.viewer),
    occurredAt: now,
    previousStartsAt: booking.startsAt,
    previousEndsAt: booking.endsAt,
    previousCoachId: booking.coachId,
    startsAt: start,
    endsAt: end,
    coachId,
    reason: move.reason,
    sequence,
  })
  return { coachId, sequence }
}
