/**
 * Giving a booking to another coach at the same time (the coach is ill, on
 * leave, or the candidate asked), by its coach or an admin, with a reason.
 * The minimum notice does not apply: this is most needed at short notice.
 */
import { ForbiddenError, ValidationError } from '../../errors.js'
import { SlotUnavailableError } from '../errors.js'
import { REASON_MAX_LENGTH, blankToNull, requireChangeable } from '../rules.js'
import type { Booking } from '../types.js'
import type { BookingCredentials } from './access.js'
import { openBooking } from './access.js'
import type { BookingDeps } from './deps.js'
import { moveToFirstFreeCoach } from './move.js'
import { freeCoachesInOrder, inPlacementTransaction } from './placement.js'
import { findBooking } from '../../../repositories/bookings.js'

const REASSIGN_MESSAGES = {
  reasonMissing: 'Enter why the conversation is moving to another coach',
  reasonTooLong: `The reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  sameCoach: 'Choose a coach other than the one it is booked with',
  noCoachFree: 'No other coach on this programme is free at that time',
  chosenCoachNotFree: 'That coach is not free at that time, or not on this programme',
} as const

interface ReassignCommand {
  bookingId: string
  /** The coach to give it to; otherwise the fairest free coach. */
  coachId?: string | null
  reason?: string | null
}

export async function reassignBooking(deps: BookingDeps, command: ReassignCommand, credentials: BookingCredentials): Promise<Booking> {
  const reason = blankToNull(command.reason)
  if (reason === null) throw new ValidationError([{ field: 'reason', message: REASSIGN_MESSAGES.reasonMissing }])
  if (reason.length > REASON_MAX_LENGTH) throw new ValidationError([{ field: 'reason', message: REASSIGN_MESSAGES.reasonTooLong }])
  const now = deps.clock.now()

  return inPlacementTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openBooking(client, command.bookingId, credentials, now, { lock: true })
    if (viewer.kind !== 'staff') throw new ForbiddenError('Only staff can give a conversation to another coach')
    requireChangeable(booking, now)
    const wanted = blankToNull(command.coachId)
    if (wanted === booking.coachId) throw new ValidationError([{ field: 'coachId', message: REASSIGN_MESSAGES.sameCoach }])

    const placement = {
      programme: { ...booking.programme, minimumNoticeMinutes: 0 },
      start: booking.startsAt,
      end: booking.endsAt,
      now,
      bookingId: booking.id,
      preferredCoachId: wanted,
    }
    const free = (await freeCoachesInOrder(client, placement)).filter((id) => id !== booking.coachId)
    const candidates = wanted === null ? free : free.filter((id) => id === wanted)
    if (candidates.length === 0) {
      if (wanted !== null) throw new ValidationError([{ field: 'coachId', message: REASSIGN_MESSAGES.chosenCoachNotFree }])
      throw new SlotUnavailableError(REASSIGN_MESSAGES.noCoachFree)
    }
    const moved = await moveToFirstFreeCoach(client, booking, candidates, placement, {
      kind: 'reassigned',
      viewer,
      candidateTimeZone: booking.candidateTimeZone,
      reason,
    })
    if (!moved) throw new SlotUnavailableError(REASSIGN_MESSAGES.noCoachFree)

    await deps.notifier.bookingChanged(client, {
      kind: 'reassigned',
      bookingId: booking.id,
      start: booking.startsAt,
      end: booking.endsAt,
      sequence: moved.sequence,
      coachId: moved.coachId,
      previousCoachId: booking.coachId,
    })
    return (await findBooking(client, booking.id))!
  })
}
