/** A conversation as the coach's "what happened" page shows it (src/routes/pages/coach/index.ts). */
import type { Queryable } from './db.js'
import type { Booking, ConversationNotes, ConversationOutcome, LeftJoined } from './rows.js'

/** The booking, with its outcome and its notes' status when they are recorded (null when not). */
type OutcomePageRow = Pick<Booking, 'reference' | 'coachId' | 'candidateName' | 'startsAt' | 'endsAt'> &
  LeftJoined<Pick<ConversationOutcome, 'outcome' | 'noShowReason' | 'firstRecordedAt'>> & {
    bookingId: Booking['id']
    notesStatus: ConversationNotes['status'] | null
  }

export async function findOutcomePageRow(db: Queryable, bookingId: string): Promise<OutcomePageRow | null> {
  const { rows } = await db.query<OutcomePageRow>(
    `SELECT b.id AS "bookingId", b.reference, b.coach_id AS "coachId", b.candidate_name AS "candidateName",
            b.starts_at AS "startsAt", b.ends_at AS "endsAt", o.outcome, o.no_show_reason AS "noShowReason",
            o.first_recorded_at AS "firstRecordedAt", n.status AS "notesStatus"
       FROM bookings b
       LEFT JOIN conversation_outcomes o ON o.booking_id = b.id
       LEFT JOIN conversation_notes n ON n.booking_id = b.id
      WHERE b.id = $1::uuid`,
    [bookingId],
  )
  return rows[0] ?? null
}
