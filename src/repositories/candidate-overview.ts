/**
 * A candidate as the programme team sees them from the follow-up review: the
 * bookings made with their email address (in any programme) and those
 * bookings' actions. Never the notes. Read by src/domain/actions/candidate-overview.ts.
 */
import type { ActionCategory, ActionOwner, ActionStatus } from '../domain/actions/types.js'
import type { Queryable } from './db.js'

export interface CandidateBookingRow {
  id: string
  reference: string
  candidateName: string
  candidateEmail: string
  candidatePhone: string | null
  status: 'booked' | 'cancelled' | 'completed' | 'no_show'
  startsAt: Date
  endsAt: Date
  createdAt: Date
  programmeName: string
  coachName: string
}

export interface CandidateActionRow {
  id: string
  bookingId: string
  summary: string
  owner: ActionOwner
  category: ActionCategory
  status: ActionStatus
  dueOn: string
  statusChangedAt: Date
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
