/**
 * Seeing, moving and cancelling a booking, by its candidate (manage link),
 * its coach or an admin. Each change runs in one transaction holding the
 * booking's row lock: the booking, a history row, its links' expiry and the
 * emails commit together. A moved booking keeps its id and reference; its
 * calendar sequence goes up by one.
 */
import { ValidationError } from '../../errors.js'
import { isValidTimeZone } from '../../time/index.js'
import { MINUTE_MS } from '../../slots/zone-time.js'
import { SlotUnavailableError } from '../errors.js'
import { manageLinkExpiry } from '../manage-link.js'
import { REASON_MAX_LENGTH, blankToNull, requireBeforeChangeCutoff, requireChangeable } from '../rules.js'
import { hashToken, looksLikeToken } from '../tokens.js'
import type { Booking } from '../types.js'
import type { BookingCredentials } from './access.js'
import { actorOf, openBooking } from './access.js'
import type { BookingDeps, GuardedBookingDeps, Visitor } from './deps.js'
import { cancelWithin } from './cancel.js'
import { moveToFirstFreeCoach } from './move.js'
import { freeCoachesInOrder, inPlacementTransaction } from './placement.js'
import { findBooking } from '../../../repositories/bookings.js'
import { inTransaction } from '../../../repositories/db.js'
import { extendManageTokens } from '../../../repositories/manage-tokens.js'
import { releaseHold } from '../../../repositories/slot-holds.js'

const CHANGE_MESSAGES = {
  startInvalid: 'Choose a time from the list',
  sameTime: 'Choose a different time from the one you have booked',
  timeZoneUnknown: 'Enter a real time zone, like Europe/London',
  reasonMissing: 'Enter why the conversation is cancelled',
  reasonTooLong: `The reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
} as const

export async function getBooking(deps: BookingDeps, bookingId: string, credentials: BookingCredentials): Promise<Booking> {
  const { booking } = await openBooking(deps.pool, bookingId, credentials, deps.clock.now())
  return booking
}

interface RescheduleCommand {
  bookingId: string
  /** The new start, ISO 8601 with an offset. */
  start: string
  /** The candidate's zone, when it changes too. */
  timeZone?: string | null
  reason?: string | null
  /** The key of the candidate's hold on the new time, if they hold it. */
  holdKey?: string | null
}

/**
 * Moves the booking: to the same coach when they are free then, else to
 * another (fair share). A candidate may move it a few times a day
 * (LIMIT_CHANGES_PER_BOOKING_PER_DAY: each move emails them and the coach).
 */
export async function rescheduleBooking(
  deps: GuardedBookingDeps,
  command: RescheduleCommand,
  credentials: BookingCredentials,
  visitor: Visitor,
): Promise<Booking> {
  const problems = []
  const start = new Date(command.start)
  if (Number.isNaN(start.getTime())) problems.push({ field: 'start', message: CHANGE_MESSAGES.startInvalid })
  const timeZone = blankToNull(command.timeZone)
  if (timeZone !== null && !isValidTimeZone(timeZone)) problems.push({ field: 'timeZone', message: CHANGE_MESSAGES.timeZoneUnknown })
  const reason = blankToNull(command.reason)
  if (reason !== null && reason.length > REASON_MAX_LENGTH) problems.push({ field: 'reason', message: CHANGE_MESSAGES.reasonTooLong })
  if (command.holdKey && !looksLikeToken(command.holdKey)) problems.push({ field: 'holdKey', message: 'This hold is not valid' })
  if (problems.length > 0) throw new ValidationError(problems)
  const holderKeyHash = command.holdKey ? hashToken(command.holdKey) : null
  const now = deps.clock.now()

  return inPlacementTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openBooking(client, command.bookingId, credentials, now, { lock: true })
    requireChangeable(booking, now)
    // The programme's cut-off holds candidates only: its coach and the programme team can still move it.
    if (viewer.kind === 'candidate') requireBeforeChangeCutoff(booking, now)
    if (viewer.kind === 'candidate') await deps.limits.take(deps.limits.rules.changesPerBooking, `booking:${booking.id}`, visitor, client)
    if (start.getTime() === booking.startsAt.getTime()) {
      throw new ValidationError([{ field: 'start', message: CHANGE_MESSAGES.sameTime }])
    }
    const end = new Date(start.getTime() + booking.programme.durationMinutes * MINUTE_MS)
    const placement = {
      programme: booking.programme,
      start,
      end,
      now,
      holderKeyHash,
      bookingId: booking.id,
      preferredCoachId: booking.coachId,
    }
    const coachIds = await freeCoachesInOrder(client, placement)
    if (coachIds.length === 0) throw new SlotUnavailableError()
    const candidateTimeZone = timeZone ?? booking.candidateTimeZone
    const moved = await moveToFirstFreeCoach(client, booking, coachIds, placement, { kind: 'rescheduled', viewer, candidateTimeZone, reason })
    if (!moved) throw new SlotUnavailableError()

    await extendManageTokens(client, booking.id, manageLinkExpiry(end))
    if (holderKeyHash) await releaseHold(client, holderKeyHash)
    await deps.notifier.bookingChanged(client, {
      kind: 'rescheduled',
      bookingId: booking.id,
      start,
      end,
      sequence: moved.sequence,
      previousStart: booking.startsAt,
      coachId: moved.coachId,
      previousCoachId: booking.coachId,
    })
    return (await findBooking(client, booking.id))!
  })
}

interface CancelCommand {
  bookingId: string
  /** Optional for the candidate; staff must give one. */
  reason?: string | null
}

export async function cancelBooking(deps: BookingDeps, command: CancelCommand, credentials: BookingCredentials): Promise<Booking> {
  const reason = blankToNull(command.reason)
  if (reason !== null && reason.length > REASON_MAX_LENGTH) {
    throw new ValidationError([{ field: 'reason', message: CHANGE_MESSAGES.reasonTooLong }])
  }
  const now = deps.clock.now()

  return inTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openBooking(client, command.bookingId, credentials, now, { lock: true })
    requireChangeable(booking, now)
    if (viewer.kind === 'candidate') requireBeforeChangeCutoff(booking, now)
    if (viewer.kind === 'staff' && reason === null) {
      throw new ValidationError([{ field: 'reason', message: CHANGE_MESSAGES.reasonMissing }])
    }
    const { actor } = actorOf(viewer)
    await cancelWithin(client, deps.notifier, booking, { viewer, by: actor === 'system' ? 'admin' : actor, reason, now })
    return (await findBooking(client, booking.id))!
  })
}
