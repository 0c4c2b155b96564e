/** Coaches' private calendar feeds and the conversations a feed or a write-back shows. */
import type { Queryable } from './db.js'
import type { Booking, CalendarFeed } from './rows.js'

type CalendarFeedRow = Pick<CalendarFeed, 'coachId' | 'nonce' | 'showsCandidateDetails' | 'createdAt'>

export async function findFeedOfCoach(db: Queryable, coachId: string): Promise<CalendarFeedRow | null> {
  const { rows } = await db.query<CalendarFeedRow>(
    `SELECT coach_id AS "coachId", nonce, shows_candidate_details AS "showsCandidateDetails", created_at AS "createdAt"
       FROM calendar_feeds WHERE coach_id = $1`,
    [coachId],
  )
  return rows[0] ?? null
}

export async function findFeedByTokenHash(db: Queryable, tokenHash: string): Promise<CalendarFeedRow | null> {
  const { rows } = await db.query<CalendarFeedRow>(
    `SELECT f.coach_id AS "coachId", f.nonce, f.shows_candidate_details AS "showsCandidateDetails", f.created_at AS "createdAt"
       FROM calendar_feeds f JOIN coaches c ON c.id = f.coach_id JOIN staff_users s ON s.id = c.staff_user_id
      WHERE f.token_hash = $1 AND s.active`,
    [tokenHash],
  )
  return rows[0] ?? null
}

/** A new address (the old one stops working); the coach's choice about candidate details is kept. */
export async function saveFeed(db: Queryable, coachId: string, nonce: string, tokenHash: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO calendar_feeds (coach_id, nonce, token_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (coach_id) DO UPDATE SET nonce = EXCLUDED.nonce, token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
    [coachId, nonce, tokenHash, now],
  )
}

export async function deleteFeed(db: Queryable, coachId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM calendar_feeds WHERE coach_id = $1', [coachId])
  return (rowCount ?? 0) > 0
}

export async function setFeedShowsCandidateDetails(db: Queryable, coachId: string, shows: boolean): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE calendar_feeds SET shows_candidate_details = $2 WHERE coach_id = $1', [coachId, shows])
  return (rowCount ?? 0) > 0
}

/**
 * A conversation as the coach's calendar shows it. `calendarUid` is the
 * booking's stored calendar UID; null for one made before there was one
 * (calendar/ics.ts, bookingUid).
 */
export type CalendarConversation = Pick<
  Booking,
  | 'reference'
  | 'status'
  | 'coachId'
  | 'startsAt'
  | 'endsAt'
  | 'sequence'
  | 'calendarUid'
  | 'candidateName'
  | 'candidateEmail'
  | 'candidatePhone'
  | 'accessibilityNeeds'
  | 'contactMethod'
> & {
  bookingId: Booking['id']
  /** The conversation's own link, else the coach's; null for a phone call or none yet. */
  videoLink: string | null
  programmeName: string
}

const CONVERSATION_COLUMNS = `b.id AS "bookingId", b.reference, b.status, b.coach_id AS "coachId", b.starts_at AS "startsAt",
  b.ends_at AS "endsAt", b.sequence, b.calendar_uid AS "calendarUid", b.candidate_name AS "candidateName", b.candidate_email AS "candidateEmail",
  b.candidate_phone AS "candidatePhone", b.accessibility_needs AS "accessibilityNeeds", b.contact_method AS "contactMethod",
  CASE WHEN b.contact_method = 'video' THEN coalesce(b.video_link, c.video_link) END AS "videoLink", p.name AS "programmeName"`

/** The coach's conversations still on (booked) from `from` on, soonest first: what their feed shows. */
export async function listCoachConversationsFrom(db: Queryable, coachId: string, from: Date, limit: number): Promise<CalendarConversation[]> {
  const { rows } = await db.query<CalendarConversation>(
    `SELECT ${CONVERSATION_COLUMNS}
       FROM bookings b JOIN coaches c ON c.id = b.coach_id JOIN programmes p ON p.id = b.programme_id
      WHERE b.coach_id = $1 AND b.status IN ('booked', 'completed') AND b.ends_at > $2
      ORDER BY b.starts_at LIMIT $3`,
    [coachId, from, limit],
  )
  return rows
}

export async function findCalendarConversation(db: Queryable, bookingId: string): Promise<CalendarConversation | null> {
  const { rows } = await db.query<CalendarConversation>(
    `SELECT ${CONVERSATION_COLUMNS}
       FROM bookings b JOIN coaches c ON c.id = b.coach_id JOIN programmes p ON p.id = b.programme_id
      WHERE b.id = $1`,
    [bookingId],
  )
  return rows[0] ?? null
}
