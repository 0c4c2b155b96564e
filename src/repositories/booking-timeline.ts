/**
 * A booking's history in one statement, oldest first: the invitation it
 * answered, each change to the booking (booking_events), each email about it
 * (sent, waiting to be tried again, failed), its notes' status (never their
 * content), the outcome the coach recorded, and its actions: agreed, and each
 * later change of status with its comment. Read by src/domain/booking-timeline.
 */
import type { Queryable } from './db.js'

export interface TimelineRow {
  at: Date
  kind: string
  actor: string | null
  actorName: string | null
  data: Record<string, string | null>
}

/** Ties at one instant: the order things happen in (an invitation before its booking, a booking before its emails). */
export async function readBookingTimeline(db: Queryable, bookingId: string): Promise<TimelineRow[]> {
  const { rows } = await db.query<TimelineRow & { rank: number }>(
    `SELECT at, kind, actor, "actorName", data FROM (
       SELECT i.created_at AS at, 0 AS rank, 0::bigint AS seq, 'invited' AS kind, 'admin' AS actor, s.name AS "actorName", '{}'::jsonb AS data
         FROM bookings b JOIN invitations i ON i.id = b.invitation_id LEFT JOIN staff_users s ON s.id = i.created_by_id
        WHERE b.id = $1
       UNION ALL
       SELECT e.occurred_at, 1, e.sequence, e.kind::text, e.actor::text, s.name,
              jsonb_build_object('startsAt', e.starts_at, 'endsAt', e.ends_at,
                                 'previousStartsAt', e.previous_starts_at, 'previousEndsAt', e.previous_ends_at,
                                 'coach', cs.name, 'previousCoach', ps.name, 'reason', e.reason)
         FROM booking_events e
         LEFT JOIN staff_users s ON s.id = e.actor_staff_user_id
         LEFT JOIN coaches c ON c.id = e.coach_id LEFT JOIN staff_users cs ON cs.id = c.staff_user_id
         LEFT JOIN coaches pc ON pc.id = e.previous_coach_id LEFT JOIN staff_users ps ON ps.id = pc.staff_user_id
        WHERE e.booking_id = $1
       UNION ALL
       SELECT COALESCE(d.sent_at, d.failed_at, d.updated_at), 2, 0,
              CASE d.status WHEN 'sent' THEN 'email_sent' WHEN 'failed' THEN 'email_failed' WHEN 'waiting' THEN 'email_waiting' ELSE 'email_sending' END,
              'system', NULL,
              jsonb_build_object('email', d.kind, 'subject', d.subject,
                                 'to', CASE WHEN d.recipient = b.candidate_email THEN 'candidate' ELSE 'staff' END,
                                 'attempts', d.attempts::text)
         FROM email_deliveries d JOIN bookings b ON b.id = d.booking_id
        WHERE d.booking_id = $1
       UNION ALL
       SELECT n.created_at, 3, 0, 'notes_started', 'coach', NULL, '{}'::jsonb FROM conversation_notes n WHERE n.booking_id = $1
       UNION ALL
       SELECT n.completed_at, 4, 0, 'notes_completed', 'coach', s.name, '{}'::jsonb
         FROM conversation_notes n LEFT JOIN staff_users s ON s.id = n.completed_by_id
        WHERE n.booking_id = $1 AND n.status = 'complete' AND n.completed_at IS NOT NULL
       UNION ALL
       SELECT o.recorded_at, 5, 0, 'outcome_recorded', 'coach', s.name, jsonb_build_object('outcome', o.outcome::text, 'noShowReason', o.no_show_reason::text)
         FROM conversation_outcomes o LEFT JOIN staff_users s ON s.id = o.recorded_by_id
        WHERE o.booking_id = $1
       UNION ALL
       SELECT a.created_at, 6, a.position, 'action_agreed', 'coach', s.name,
              jsonb_build_object('actionId', a.id, 'summary', a.summary, 'owner', a.owner::text, 'dueOn', to_char(a.due_on, 'YYYY-MM-DD'))
         FROM actions a LEFT JOIN staff_users s ON s.id = a.created_by_id
        WHERE a.booking_id = $1
       UNION ALL
       SELECT x.changed_at, 7, x.id, 'action_status_changed', x.actor::text, s.name,
              jsonb_build_object('actionId', a.id, 'summary', a.summary, 'from', x.from_status::text, 'to', x.to_status::text, 'comment', x.comment)
         FROM action_status_changes x JOIN actions a ON a.id = x.action_id LEFT JOIN staff_users s ON s.id = x.actor_staff_user_id
        WHERE a.booking_id = $1 AND x.from_status IS NOT NULL
     ) timeline
     WHERE at IS NOT NULL
     ORDER BY at, rank, seq`,
    [bookingId],
  )
  return rows
}
