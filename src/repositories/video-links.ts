/**
 * Video call links: the coach's usual one (coaches.video_link) and a
 * conversation's own (bookings.video_link), which wins. Reading code uses
 * `VIDEO_LINK_SQL` so every page and email gives the same link.
 */
import { looksLikeUuid } from '../domain/ids.js'
import type { Queryable } from './db.js'
import type { Booking, Coach } from './rows.js'

/** The link a candidate is given, for a query with `bookings b` joined to `coaches c`; null for a phone call. */
export const VIDEO_LINK_SQL = `CASE WHEN b.contact_method = 'video' THEN COALESCE(b.video_link, c.video_link) END`

export type BookingVideoLinks = Pick<Booking, 'coachId' | 'status' | 'contactMethod' | 'startsAt' | 'endsAt' | 'candidateName'> & {
  bookingId: Booking['id']
  /** The coach's zone, for showing the time to them. */
  coachTimeZone: Coach['timeZone']
  /** This conversation's own link, if it has one. */
  bookingLink: Booking['videoLink']
  coachLink: Coach['videoLink']
}

/** A booking's links, taking its row lock when `lock` is set; null when there is no such booking. */
export async function findBookingVideoLinks(db: Queryable, bookingId: string, { lock = false } = {}): Promise<BookingVideoLinks | null> {
  if (!looksLikeUuid(bookingId)) return null
  const { rows } = await db.query<BookingVideoLinks>(
    `SELECT b.id AS "bookingId", b.coach_id AS "coachId", b.status, b.contact_method AS "contactMethod",
            b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.candidate_name AS "candidateName",
            c.time_zone AS "coachTimeZone", b.video_link AS "bookingLink", c.video_link AS "coachLink"
       FROM bookings b JOIN coaches c ON c.id = b.coach_id
      WHERE b.id = $1
      ${lock ? 'FOR UPDATE OF b' : ''}`,
    [bookingId],
  )
  return rows[0] ?? null
}

export async function setBookingVideoLink(db: Queryable, bookingId: string, link: string | null, now: Date): Promise<void> {
  // A new version of the calendar event (SEQUENCE up) when the link the candidate has changes.
  await db.query(
    `UPDATE bookings SET video_link = $2, updated_at = $3, sequence = sequence + (CASE WHEN video_link IS DISTINCT FROM $2 THEN 1 ELSE 0 END) WHERE id = $1`,
    [bookingId, link, now],
  )
}

export async function findCoachVideoLink(db: Queryable, coachId: string): Promise<string | null> {
  const { rows } = await db.query<{ link: string | null }>(`SELECT video_link AS link FROM coaches WHERE id = $1`, [coachId])
  return rows[0]?.link ?? null
}

/**
 * Sets the coach's link and returns their upcoming video conversations that
 * use it (no link of their own): the candidates whose link just changed.
 */
export async function setCoachVideoLink(
  db: Queryable,
  coachId: string,
  link: string | null,
  now: Date,
): Promise<{ id: string; startsAt: Date }[]> {
  await db.query(`UPDATE coaches SET video_link = $2 WHERE id = $1`, [coachId, link])
  // Their link changed: a new version of their calendar event (SEQUENCE up), so calendars take the new link.
  const { rows } = await db.query<{ id: string; startsAt: Date }>(
    `UPDATE bookings SET sequence = sequence + 1, updated_at = $2
      WHERE coach_id = $1 AND status = 'booked' AND contact_method = 'video' AND video_link IS NULL AND starts_at > $2
      RETURNING id, starts_at AS "startsAt"`,
    [coachId, now],
  )
  return rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}
