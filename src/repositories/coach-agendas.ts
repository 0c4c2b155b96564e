/**
 * What a coach's daily agenda email reads (src/emails/coach-daily-agenda.ts): who gets one, their day's
 * conversations, and the next day's video calls still without a link.
 */
import type { Queryable } from './db.js'
import type { Booking, Coach, StaffUser } from './rows.js'
import { VIDEO_LINK_SQL } from './video-links.js'

export interface AgendaCoach {
  coachId: Coach['id']
  name: StaffUser['name']
  email: StaffUser['email']
  timeZone: Coach['timeZone']
}

/** Every coach who is active, with an active account. */
export async function listAgendaCoaches(db: Queryable): Promise<AgendaCoach[]> {
  const { rows } = await db.query<AgendaCoach>(
    `SELECT c.id AS "coachId", s.name, s.email, c.time_zone AS "timeZone"
       FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.active AND s.active`,
  )
  return rows
}

export type AgendaConversation = Pick<Booking, 'reference' | 'candidateName' | 'candidatePhone' | 'contactMethod' | 'startsAt' | 'endsAt'> & {
  /** The link the candidate was given (VIDEO_LINK_SQL); null for a phone call or none yet. */
  videoLink: Booking['videoLink']
}

/** A coach's booked conversations starting in [from, to), in order. */
export async function listAgendaConversations(db: Queryable, coachId: string, from: Date, to: Date): Promise<AgendaConversation[]> {
  const { rows } = await db.query<AgendaConversation>(
    `SELECT b.reference, b.candidate_name AS "candidateName", b.candidate_phone AS "candidatePhone", b.contact_method AS "contactMethod",
            b.starts_at AS "startsAt", b.ends_at AS "endsAt", ${VIDEO_LINK_SQL} AS "videoLink"
       FROM bookings b JOIN coaches c ON c.id = b.coach_id
      WHERE b.coach_id = $1 AND b.status = 'booked' AND b.starts_at >= $2 AND b.starts_at < $3
      ORDER BY b.starts_at`,
    [coachId, from, to],
  )
  return rows
}

export type LinklessVideoCall = Pick<Booking, 'id' | 'candidateName' | 'candidatePhone' | 'startsAt' | 'endsAt'>

/** A coach's booked video calls starting in [from, to) with no link yet (neither their own nor the coach's), in order. */
export async function listLinklessVideoCalls(db: Queryable, coachId: string, from: Date, to: Date): Promise<LinklessVideoCall[]> {
  const { rows } = await db.query<LinklessVideoCall>(
    `SELECT b.id, b.candidate_name AS "candidateName", b.candidate_phone AS "candidatePhone", b.starts_at AS "startsAt", b.ends_at AS "endsAt"
       FROM bookings b JOIN coaches c ON c.id = b.coach_id
      WHERE b.coach_id = $1 AND b.status = 'booked' AND b.contact_method = 'video' AND ${VIDEO_LINK_SQL} IS NULL
        AND b.starts_at >= $2 AND b.starts_at < $3
      ORDER BY b.starts_at`,
    [coachId, from, to],
  )
  return rows
}
