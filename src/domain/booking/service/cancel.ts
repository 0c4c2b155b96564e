/**
 * Cancelling a booking inside the caller's transaction, which holds its row
 * lock: the booking marked cancelled, the cancellation in its history, its
 * invitation free to book another time, and the notifier told (the emails
 * and events of a cancellation commit with it). A candidate, coach or admin
 * cancelling (change-booking.ts) and a coach change that finds no other coach
 * free (coach-changes) both end a booking this way.
 */
import type { Notifier } from '../../ports/notifier.js'
import type { Booking, BookingActor, BookingViewer } from '../types.js'
import { actorOf } from './access.js'
import { insertBookingEvent, markBookingCancelled } from '../../../repositories/bookings.js'
import type { Queryable } from '../../../repositories/db.js'
import { reopenInvitation } from '../../../repositories/invitations.js'

interface Cancellation {
  viewer: BookingViewer
  /** Who the booking says cancelled it: the candidate themselves, their coach, or the programme team. */
  by: Exclude<BookingActor, 'system'>
  reason: string | null
  now: Date
}

export async function cancelWithin(
  client: Queryable & Parameters<Notifier['bookingChanged']>[0],
  notifier: Pick<Notifier, 'bookingChanged'>,
  booking: Pick<Booking, 'id' | 'sequence' | 'startsAt' | 'endsAt' | 'coachId' | 'invitationId'>,
  { viewer, by, reason, now }: Cancellation,
): Promise<void> {
  const { actor, actorStaffUserId } = actorOf(viewer)
  await markBookingCancelled(client, booking.id, { by, reason, now })
  const sequence = booking.sequence + 1
  await insertBookingEvent(client, {
    bookingId: booking.id,
    kind: 'cancelled',
    actor,
    actorStaffUserId,
    occurredAt: now,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    coachId: booking.coachId,
    reason,
    sequence,
  })
  if (booking.invitationId) await reopenInvitation(client, booking.invitationId, now)
  await notifier.bookingChanged(client, { kind: 'cancelled', bookingId: booking.id, start: booking.startsAt, end: booking.endsAt, sequence, by })
}
