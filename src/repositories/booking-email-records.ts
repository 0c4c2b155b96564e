/**
 * What the emails about a booking read: the booking as it is now, and a coach (for the email to a coach a
 * conversation moved away from). Read when the email is sent, not when it was queued, so an email never shows
 * what has since changed.
 */
import type pg from 'pg'
import type { BookingStatus } from '../domain/booking/types.js'
import { prepared } from './db.js'
import { VIDEO_LINK_SQL } from './video-links.js'

/** A booking as its emails show it, read fresh when an email is sent: the coach, the programme, and the times it had before its last move. */
export interface BookingEmailRecord {
  id: string
  reference: string
  status: BookingStatus
  start: Date
  end: Date
  /** ICS SEQUENCE: 0 when booked, higher after every change. */
  sequence: number
  /** The booking's stored calendar UID; null (or absent) for one made before there was one (calendar/ics.ts, bookingUid). */
  calendarUid?: string | null
  previousStart?: Date
  previousEnd?: Date
  cancelledBy?: 'candidate' | 'coach' | 'admin' | null
  candidate: { name: string; email: string; phone: string | null; timeZone: string }
  contactMethod: 'video' | 'phone'
  /** The link to join a video call (the conversation's own, else the coach's); null for a phone call or none yet. */
  videoLink: string | null
  accessibilityNeeds: string | null
  coach: { name: string; email: string; timeZone: string }
  /** `modelKey`: the programme's conversation model. */
  programme: { name: string; slug: string; modelKey: string }
}

/** The booking as it is now, with the coach and programme, and the times it had before its last move. */
export async function findBookingEmailRecord(pool: pg.Pool, bookingId: string): Promise<BookingEmailRecord | undefined> {
  const { rows } = await pool.query(
    prepared(
      'booking-email-record',
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

/** A coach's name, email address and time zone, as their emails show them. */
export async function findCoachEmailRecord(pool: pg.Pool, coachId: string): Promise<BookingEmailRecord['coach'] | undefined> {
  const { rows } = await pool.query(
    `SELECT s.name, s.email, c.time_zone AS "timeZone" FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1`,
    [coachId],
  )
  return rows[0]
}
