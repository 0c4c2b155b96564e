/**
 * A candidate as the programme team sees them from the follow-up review: the
 * bookings made with their email address (in any programme) and those
 * bookings' actions. Never the notes. Read by src/domain/actions/candidate-overview.ts.
 */
import type { Queryable } from './db.js'
import type { Action, Booking } from './rows.js'

export type CandidateBookingRow = Pick<
  Booking,
  'id' | 'reference' | 'candidateName' | 'candidateEmail' | 'candidatePhone' | 'status' | 'startsAt' | 'endsAt' | 'createdAt'
> & { programmeName: string; coachName: string }

export type CandidateActionRow = Pick<Action, 'id' | 'bookingId' | 'summary' | 'owner' | 'category' | 'status' | 'statusChangedAt'> & {
  /** YYYY-MM-DD: the date column read as text. */
  dueOn: string
}

const BOOKING_COLUMNS = `b.id, b.reference, b.candidate_name AS "candidateName", b.candidate_email AS "candidateEmail",
  b.candidate_phone AS "candidatePhone", b.status, b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.created_at AS "createdAt",
  p.name AS "programmeName", s.name AS "coachName"`
const BOOKING_FROM = `FROM bookings b JOIN programmes p ON p.id = b.programme_id
  JOIN coaches c ON c.id = b.coach_id JOIN staff_users s ON s.id = c.staff_user_id`

/** The booking, and every booking made with the same email address, latest conversation first (the booking itself among them). */
export async function findCandidateBookings(db: Queryable, bookingId: string): Promise<CandidateBookingRow[]> {
  const { rows } = await db.query<CandidateBookingRow>(
    `SELECT ${BOOKING_COLUMNS} ${BOOKING_FROM}
      WHERE b.candidate_email = (SELECT candidate_email FROM bookings WHERE id = $1)
      ORDER BY b.starts_at DESC, b.id`,
    [bookingId],
  )
  return rows
}

/** The actions of these bookings, in each booking's own order. */
export async function listActionsOfBookings(db: Queryable, bookingIds: readonly string[]): Promise<CandidateActionRow[]> {
  if (bookingIds.length === 0) return []
  const { rows } = await db.query<CandidateActionRow>(
    `SELECT a.id, a.booking_id AS "bookingId", a.summary, a.owner, a.category, a.status, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn",
            a.status_changed_at AS "statusChangedAt"
       FROM actions a WHERE a.booking_id = ANY ($1::uuid[])
      ORDER BY a.booking_id, a.position, a.id`,
    [bookingIds],
  )
  return rows
}
