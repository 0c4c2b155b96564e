import type pg from 'pg'
import { generateManageToken, manageLinkExpiry, manageUrl } from '../domain/booking/manage-link.js'
import { prepared } from '../repositories/db.js'
import type { ManageTokenRecord } from '../repositories/manage-tokens.js'
import { VIDEO_LINK_SQL } from '../repositories/video-links.js'
import type { BookingForEmail } from './booking-emails.js'

/** The booking as it is now, with the coach and programme, and the times it had before its last move. */
export async function loadBookingForEmail(pool: pg.Pool, bookingId: string): Promise<BookingForEmail | undefined> {
  const { rows } = await pool.query(
    prepared(
      'load-booking-for-email',
      `SELECT b.id, b.reference, b.status, b.starts_at, b.ends_at, b.sequence, b.calendar_uid, b.cancelled_by,
            b.candidate_name, b.candidate_email, b.candidate_phone, b.candidate_time_zone,
            b.contact_method, b.accessibility_needs, ${VIDEO_LINK_SQL} AS video_link,
            su.name AS coach_name, su.email AS coach_email, c.time_zone AS coach_time_zone,
            p.name AS programme_name, p.slug AS programme_slug, p.conversation_model_key AS programme_model_key,
            moved.previous_starts_at, moved.previous_ends_at
       FROM bookings b
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users su ON su.id = c.staff_user_id
       JOIN programmes p ON p.id = b.programme_id
       LEFT JOIN LATERAL (
         SELECT previous_starts_at, previous_ends_at FROM booking_events e
          WHERE e.booking_id = b.id AND e.kind IN ('rescheduled', 'reassigned')
          ORDER BY e.occurred_at DESC LIMIT 1
       ) moved ON true
      WHERE b.id = $1`,
      [bookingId],
    ),
  )
  const row = rows[0]
  if (!row) return undefined
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    start: row.starts_at,
    end: row.ends_at,
    sequence: row.sequence,
    calendarUid: row.calendar_uid,
    previousStart: row.previous_starts_at ?? undefined,
    previousEnd: row.previous_ends_at ?? undefined,
    cancelledBy: row.cancelled_by,
    candidate: {
      name: row.candidate_name,
      email: row.candidate_email,
      phone: row.candidate_phone,
      timeZone: row.candidate_time_zone,
    },
    contactMethod: row.contact_method,
    videoLink: row.video_link,
    accessibilityNeeds: row.accessibility_needs,
    coach: { name: row.coach_name, email: row.coach_email, timeZone: row.coach_time_zone },
    programme: { name: row.programme_name, slug: row.programme_slug, modelKey: row.programme_model_key },
  }
}

export async function loadCoachForEmail(pool: pg.Pool, coachId: string): Promise<BookingForEmail['coach'] | undefined> {
  const { rows } = await pool.query(
    `SELECT s.name, s.email, c.time_zone AS "timeZone" FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1`,
    [coachId],
  )
  return rows[0]
}

/**
 * Each email carries a manage link of its own; only its hash is stored. The
 * link is made here and its hash written by the delivery's claim, in the same
 * statement, before the email goes (deliverEmail): one round trip fewer for
 * every email that carries one.
 */
export function manageLinkFor(booking: Pick<BookingForEmail, 'id' | 'end'>, publicUrl: string, now: Date): { url: string; token: ManageTokenRecord } {
  const { token, hash } = generateManageToken()
  return { url: manageUrl(publicUrl, token), token: { bookingId: booking.id, tokenHash: hash, expiresAt: manageLinkExpiry(booking.end), now } }
}
