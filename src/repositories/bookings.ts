/** Bookings and their history (booking_events). */
import { firstNameOf } from '../domain/booking/rules.js'
import type {
  Booking,
  BookingActor,
  BookingEventKind,
  ContactMethod,
  ProgrammeSettings,
} from '../domain/booking/types.js'
import type { Queryable } from './db.js'
import { prepared } from './db.js'
import { VIDEO_LINK_SQL } from './video-links.js'

interface NewBooking {
  reference: string
  programmeId: string
  coachId: string
  candidateName: string
  candidateEmail: string
  candidatePhone: string | null
  contactMethod: ContactMethod
  accessibilityNeeds: string | null
  candidateTimeZone: string
  startsAt: Date
  endsAt: Date
  invitationId: string | null
  consentNoticeVersion: string
  consentAcknowledgedAt: Date
  now: Date
}

/** Inserts a live booking; returns its id, or null when its reference is taken (draw another). Fails with 23P01 when it overlaps another of the coach's live bookings. */
export async function insertBooking(db: Queryable, booking: NewBooking): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    prepared(
      'insert-booking',
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone,
                             contact_method, accessibility_needs, candidate_time_zone, starts_at, ends_at,
                             invitation_id, consent_notice_version, consent_acknowledged_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       ON CONFLICT (reference) DO NOTHING
       RETURNING id`,
      [
        booking.reference,
        booking.programmeId,
        booking.coachId,
        booking.candidateName,
        booking.candidateEmail,
        booking.candidatePhone,
        booking.contactMethod,
        booking.accessibilityNeeds,
        booking.candidateTimeZone,
        booking.startsAt,
        booking.endsAt,
        booking.invitationId,
        booking.consentNoticeVersion,
        booking.consentAcknowledgedAt,
        booking.now,
      ],
    ),
  )
  return rows[0]?.id ?? null
}

/** A booking with its programme's settings and its candidate flattened into columns, and its coach's full name. */
interface BookingRow extends Omit<Booking, 'coachFirstName' | 'programme' | 'candidate'>, Omit<ProgrammeSettings, 'id'> {
  coachName: string
  programmeId: string
  candidateName: string
  candidateEmail: string
  candidatePhone: string | null
}

/** A booking with its programme and coach's name; null when there is none. `lock` takes its row lock (FOR UPDATE). */
export async function findBooking(db: Queryable, id: string, { lock = false } = {}): Promise<Booking | null> {
  const { rows } = await db.query<BookingRow>(
    prepared(
      lock ? 'find-booking-for-update' : 'find-booking',
      `SELECT b.id, b.reference, b.status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
            b.coach_id AS "coachId", s.name AS "coachName", b.contact_method AS "contactMethod",
            ${VIDEO_LINK_SQL} AS "videoLink",
            b.candidate_time_zone AS "candidateTimeZone", b.programme_id AS "programmeId",
            p.slug, p.name, p.duration_minutes AS "durationMinutes",
            p.minimum_notice_minutes AS "minimumNoticeMinutes", p.horizon_days AS "horizonDays",
            p.cancellation_cutoff_hours AS "cancellationCutoffHours",
            b.candidate_name AS "candidateName", b.candidate_email AS "candidateEmail",
            b.candidate_phone AS "candidatePhone", b.accessibility_needs AS "accessibilityNeeds",
            b.invitation_id AS "invitationId", b.sequence, b.calendar_uid AS "calendarUid", b.cancelled_at AS "cancelledAt",
            b.cancelled_by AS "cancelledBy", b.cancellation_reason AS "cancellationReason",
            b.consent_notice_version AS "consentNoticeVersion",
            b.created_at AS "createdAt", b.updated_at AS "updatedAt"
       FROM bookings b
       JOIN programmes p ON p.id = b.programme_id
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users s ON s.id = c.staff_user_id
      WHERE b.id = $1
      ${lock ? 'FOR UPDATE OF b' : ''}`,
      [id],
    ),
  )
  const row = rows[0]
  return row ? toBooking(row) : null
}

function toBooking({
  coachName,
  programmeId, slug, name, durationMinutes, minimumNoticeMinutes, horizonDays, cancellationCutoffHours,
  candidateName, candidateEmail, candidatePhone,
  ...booking
}: BookingRow): Booking {
  return {
    ...booking,
    coachFirstName: firstNameOf(coachName),
    programme: { id: programmeId, slug, name, durationMinutes, minimumNoticeMinutes, horizonDays, cancellationCutoffHours: cancellationCutoffHours ?? 0 },
    candidate: { name: candidateName, email: candidateEmail, phone: candidatePhone },
  }
}

/**
 * Moves a booking (and maybe to another coach); the calendar sequence goes up
 * by one. A conversation's own video link stays only with its coach. Fails
 * with 23P01 on an overlap.
 */
export async function moveBooking(
  db: Queryable,
  id: string,
  change: { coachId: string; startsAt: Date; endsAt: Date; candidateTimeZone: string; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE bookings
        SET coach_id = $2, starts_at = $3, ends_at = $4, candidate_time_zone = $5,
            video_link = CASE WHEN coach_id = $2 THEN video_link END,
            sequence = sequence + 1, updated_at = $6
      WHERE id = $1`,
    [id, change.coachId, change.startsAt, change.endsAt, change.candidateTimeZone, change.now],
  )
}

export async function markBookingCancelled(
  db: Queryable,
  id: string,
  change: { by: BookingActor; reason: string | null; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE bookings
        SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancellation_reason = $4,
            sequence = sequence + 1, updated_at = $2
      WHERE id = $1`,
    [id, change.now, change.by, change.reason],
  )
}

interface NewBookingEvent {
  bookingId: string
  kind: BookingEventKind
  actor: BookingActor
  actorStaffUserId: string | null
  occurredAt: Date
  previousStartsAt?: Date | null
  previousEndsAt?: Date | null
  previousCoachId?: string | null
  startsAt: Date
  endsAt: Date
  coachId: string | null
  reason?: string | null
  /** The booking's calendar sequence after the change. */
  sequence: number
}

export async function insertBookingEvent(db: Queryable, event: NewBookingEvent): Promise<void> {
  await db.query(
    prepared(
      'insert-booking-event',
      `INSERT INTO booking_events (booking_id, kind, actor, actor_staff_user_id, occurred_at, previous_starts_at,
                                   previous_ends_at, previous_coach_id, starts_at, ends_at, coach_id, reason, sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        event.bookingId,
        event.kind,
        event.actor,
        event.actorStaffUserId,
        event.occurredAt,
        event.previousStartsAt ?? null,
        event.previousEndsAt ?? null,
        event.previousCoachId ?? null,
        event.startsAt,
        event.endsAt,
        event.coachId,
        event.reason ?? null,
        event.sequence,
      ],
    ),
  )
}

/**
 * Takes the lock of (programme, address) until the transaction ends, then
 * lists the address's live bookings on the programme (booked, not yet
 * ended), soonest first: two bookings at once for one address are counted in
 * turn.
 */
export async function lockAndListLiveBookingsOf(
  db: Queryable,
  query: { programmeId: string; email: string; now: Date },
): Promise<string[]> {
  // Issued together (one message where the client sends statements together): the list is still read after the
  // lock is held, since each statement takes its own snapshot when it starts.
  const [, { rows }] = await Promise.all([
    db.query(prepared('lock-live-bookings-of', 'SELECT pg_advisory_xact_lock(hashtext($1))', [`live-bookings:${query.programmeId}:${query.email}`])),
    db.query<{ id: string }>(
      prepared(
        'live-bookings-of',
        `SELECT id FROM bookings
          WHERE programme_id = $1 AND lower(candidate_email) = $2 AND status = 'booked' AND ends_at > $3
          ORDER BY starts_at`,
        [query.programmeId, query.email, query.now],
      ),
    ),
  ])
  return rows.map((row) => row.id)
}
