import type { PreparationAnswers } from '../domain/preparation/index.js'
import type { Queryable } from './db.js'

export interface StoredPreparation {
  answers: PreparationAnswers
  updatedAt: Date | null
}

export async function findPreparation(db: Queryable, bookingId: string): Promise<StoredPreparation> {
  const { rows } = await db.query<{ answers: PreparationAnswers; updated_at: Date }>(
    'SELECT answers, updated_at FROM booking_preparations WHERE booking_id = $1',
    [bookingId],
  )
  return rows[0] ? { answers: rows[0].answers, updatedAt: rows[0].updated_at } : { answers: {}, updatedAt: null }
}

export async function savePreparationAnswers(
  db: Queryable,
  bookingId: string,
  answers: PreparationAnswers,
  now: Date,
): Promise<StoredPreparation> {
  const { rows } = await db.query<{ answers: PreparationAnswers; updated_at: Date }>(
    `INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (booking_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = EXCLUDED.updated_at
     RETURNING answers, updated_at`,
    [bookingId, JSON.stringify(answers), now],
  )
  return { answers: rows[0]!.answers, updatedAt: rows[0]!.updated_at }
}
