/** The candidate's feedback and outcome follow-ups: one feedback row per booking, one follow-up row per booking and months. */
import type { Confidence, FeedbackAnswers, FollowUpAnswers, FollowUpMonths } from '../domain/outcomes/questions.js'
import type { Queryable } from './db.js'
import type { Booking, ConversationFeedback, OutcomeFollowUp } from './rows.js'

export type FeedbackRow = Pick<
  ConversationFeedback,
  'bookingId' | 'status' | 'usefulness' | 'knowsNextStep' | 'comment' | 'firstAnsweredAt' | 'updatedAt'
> & {
  /** Text in the schema; the migration's CHECK allows only these. */
  confidence: Confidence | null
}

export async function findFeedback(db: Queryable, bookingId: string): Promise<FeedbackRow | null> {
  const { rows } = await db.query<FeedbackRow>(
    `SELECT booking_id AS "bookingId", status, usefulness, knows_next_step AS "knowsNextStep", confidence, comment,
            first_answered_at AS "firstAnsweredAt", updated_at AS "updatedAt"
       FROM conversation_feedback WHERE booking_id = $1`,
    [bookingId],
  )
  return rows[0] ?? null
}

/** Answers (status answered) or declines (no answers kept); the first answer's time stays. */
export async function saveFeedback(db: Queryable, bookingId: string, answers: FeedbackAnswers | 'declined', now: Date): Promise<void> {
  const a = answers === 'declined' ? { usefulness: null, knowsNextStep: null, confidence: null, comment: null } : answers
  await db.query(
    `INSERT INTO conversation_feedback (booking_id, status, usefulness, knows_next_step, confidence, comment, first_answered_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (booking_id) DO UPDATE
        SET status = EXCLUDED.status, usefulness = EXCLUDED.usefulness, knows_next_step = EXCLUDED.knows_next_step,
            confidence = EXCLUDED.confidence, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at`,
    [bookingId, answers === 'declined' ? 'declined' : 'answered', a.usefulness, a.knowsNextStep, a.confidence, a.comment, now],
  )
}

export type FollowUpRow = Pick<OutcomeFollowUp, 'bookingId' | 'status' | 'doneSince' | 'helped' | 'firstAnsweredAt' | 'updatedAt'> & {
  /** A number in the schema; the migration's CHECK allows only these. */
  months: FollowUpMonths
}

const FOLLOW_UP_COLUMNS = `booking_id AS "bookingId", months::int AS months, status, done_since::text[] AS "doneSince", helped,
       first_answered_at AS "firstAnsweredAt", updated_at AS "updatedAt"`

export async function listFollowUps(db: Queryable, bookingId: string): Promise<FollowUpRow[]> {
  const { rows } = await db.query<FollowUpRow>(`SELECT ${FOLLOW_UP_COLUMNS} FROM outcome_follow_ups WHERE booking_id = $1 ORDER BY months`, [bookingId])
  return rows
}

/**
 * Records the answers to one follow-up, or "do not ask again" (status
 * stopped). Stopping keeps answers already given: they still count.
 */
export async function saveFollowUp(db: Queryable, bookingId: string, months: FollowUpMonths, answers: FollowUpAnswers | 'stopped', now: Date): Promise<void> {
  if (answers === 'stopped') {
    await db.query(
      `INSERT INTO outcome_follow_ups (booking_id, months, status, first_answered_at, updated_at) VALUES ($1, $2, 'stopped', $3, $3)
       ON CONFLICT (booking_id, months) DO UPDATE SET status = 'stopped', updated_at = EXCLUDED.updated_at`,
      [bookingId, months, now],
    )
    return
  }
  await db.query(
    `INSERT INTO outcome_follow_ups (booking_id, months, status, done_since, helped, first_answered_at, updated_at)
     VALUES ($1, $2, 'answered', $3::outcome_type[], $4, $5, $5)
     ON CONFLICT (booking_id, months) DO UPDATE
        SET status = 'answered', done_since = EXCLUDED.done_since, helped = EXCLUDED.helped, updated_at = EXCLUDED.updated_at`,
    [bookingId, months, answers.doneSince, answers.helped, now],
  )
}

/** The booking's conversation facts the questions need: held or not, and when. */
export type HeldConversation = Pick<Booking, 'status' | 'startsAt' | 'endsAt'> & { bookingId: Booking['id'] }

export async function findConversationForQuestions(db: Queryable, bookingId: string, { lock = false } = {}): Promise<HeldConversation | null> {
  const { rows } = await db.query<HeldConversation>(
    `SELECT id AS "bookingId", status, starts_at AS "startsAt", ends_at AS "endsAt" FROM bookings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [bookingId],
  )
  return rows[0] ?? null
}
