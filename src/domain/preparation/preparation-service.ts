import { ConflictError, ForbiddenError, ValidationError } from '../errors.js'
import { openBooking, type BookingCredentials, type BookingDeps } from '../booking/service/index.js'
import { inTransaction } from '../../repositories/db.js'
import { findPreparation, savePreparationAnswers, type StoredPreparation } from '../../repositories/preparations.js'
import { validatePreparationAnswers } from './validate.js'

/**
 * The candidate's preparation answers: theirs to write until the conversation
 * starts, then read-only; their coach and admins may read them, never write.
 */

export class PreparationClosedError extends ConflictError {
  constructor() {
    super('preparation_closed', 'The conversation has started, so the preparation answers can no longer be changed')
  }
}

export async function getPreparation(
  deps: Pick<BookingDeps, 'pool' | 'clock'>,
  bookingId: string,
  credentials: BookingCredentials,
): Promise<StoredPreparation & { closed: boolean }> {
  const { booking } = await openBooking(deps.pool, bookingId, credentials, deps.clock.now())
  const stored = await findPreparation(deps.pool, booking.id)
  return { ...stored, closed: isClosed(booking.startsAt, deps.clock.now()) }
}

export async function savePreparation(
  deps: Pick<BookingDeps, 'pool' | 'clock'>,
  bookingId: string,
  answers: unknown,
  credentials: BookingCredentials,
): Promise<StoredPreparation> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openBooking(client, bookingId, credentials, now, { lock: true })
    if (viewer.kind !== 'candidate') throw new ForbiddenError('Only the candidate can change their preparation answers')
    if (booking.status !== 'booked' || isClosed(booking.startsAt, now)) throw new PreparationClosedError()
    const result = validatePreparationAnswers(answers)
    if (!result.ok) {
      throw new ValidationError(result.errors.map((e) => ({ field: e.field ? `answers.${e.field}` : 'answers', message: e.message })))
    }
    const kept = Object.fromEntries(Object.entries(result.answers).filter(([, value]) => value !== ''))
    return savePreparationAnswers(client, booking.id, kept, now)
  })
}

function isClosed(start: Date, now: Date): boolean {
  return now.getTime() >= start.getTime()
}
