import { ConflictError, ForbiddenError, ValidationError } from '../errors.js'
import { openBooking, type BookingCredentials, type BookingDeps } from '../booking/service/index.js'
import {
  DEFAULT_CONVERSATION_MODEL_KEY,
  preparationFieldKeysFor,
  preparationModelFor,
  type ConversationModel,
} from '../conversation-models/index.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import { findPreparation, savePreparationAnswers, type StoredPreparation } from '../../repositories/preparations.js'
import { findProgrammeRecordSettings } from '../../repositories/programmes.js'
import { validatePreparationAnswers } from './validate.js'

/**
 * The candidate's preparation answers: theirs to write until the conversation
 * starts, then read-only; their coach and admins may read them, never write.
 *
 * Which questions: the version of the programme's conversation model whose
 * form the answers were written on (preparationModelFor). New preparations
 * get the latest form; answers written on an earlier form keep its questions,
 * and a save must keep to one form.
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
): Promise<StoredPreparation & { closed: boolean; model: ConversationModel }> {
  const { booking } = await openBooking(deps.pool, bookingId, credentials, deps.clock.now())
  const [stored, modelKey] = await Promise.all([findPreparation(deps.pool, booking.id), programmeModelKey(deps.pool, booking.programme.id)])
  return { ...stored, closed: isClosed(booking.startsAt, deps.clock.now()), model: preparationModelFor(modelKey, Object.keys(stored.answers)) }
}

export async function savePreparation(
  deps: Pick<BookingDeps, 'pool' | 'clock'>,
  bookingId: string,
  answers: unknown,
  credentials: BookingCredentials,
): Promise<StoredPreparation & { model: ConversationModel }> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openBooking(client, bookingId, credentials, now, { lock: true })
    if (viewer.kind !== 'candidate') throw new ForbiddenError('Only the candidate can change their preparation answers')
    if (booking.status !== 'booked' || isClosed(booking.startsAt, now)) throw new PreparationClosedError()
    // The form these answers are on: keys from another form are refused as not on it.
    const keys = typeof answers === 'object' && answers !== null && !Array.isArray(answers) ? Object.keys(answers) : []
    const model = preparationModelFor(await programmeModelKey(client, booking.programme.id), keys)
    const result = validatePreparationAnswers(answers, preparationFieldKeysFor(model))
    if (!result.ok) {
      throw new ValidationError(result.errors.map((e) => ({ field: e.field ? `answers.${e.field}` : 'answers', message: e.message })))
    }
    const kept = Object.fromEntries(Object.entries(result.answers).filter(([, value]) => value !== ''))
    const saved = await savePreparationAnswers(client, booking.id, kept, now)
    return { ...saved, model: preparationModelFor(model.key, Object.keys(saved.answers)) }
  })
}

async function programmeModelKey(db: Queryable, programmeId: string): Promise<string> {
  return (await findProgrammeRecordSettings(db, programmeId))?.modelKey ?? DEFAULT_CONVERSATION_MODEL_KEY
}

function isClosed(start: Date, now: Date): boolean {
  return now.getTime() >= start.getTime()
}
