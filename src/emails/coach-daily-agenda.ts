import { DateTime } from 'luxon'
import type pg from 'pg'
import { firstNameOf } from '../domain/booking/rules.js'
import { formatDate, formatTimeRange } from '../domain/time/index.js'
import type { ComposedEmail } from './deliver-email.js'
import { coachDailyAgenda } from './messages/coach-daily-agenda.js'
import { renderEmail } from './render-email.js'
import { VIDEO_LINK_SQL } from '../repositories/video-links.js'

/** The agenda goes out at this hour of the coach's own morning. */
const AGENDA_HOUR = 7

interface AgendaCoach {
  coachId: string
  name: string
  email: string
  timeZone: string
}

/** Coaches for whom it is now 7am somewhere between the last run and now (the cron runs hourly). */
export async function coachesDueAnAgenda(pool: pg.Pool, now: Date): Promise<AgendaCoach[]> {
  const { rows } = await pool.query<AgendaCoach>(
    `SELECT c.id AS "coachId", s.name, s.email, c.time_zone AS "timeZone"
       FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.active AND s.active`,
  )
  return rows.filter((coach) => DateTime.fromJSDate(now).setZone(coach.timeZone).hour === AGENDA_HOUR)
}

/** Today's conversations of one coach, as an email; undefined on a day without any. */
export async function composeAgenda(pool: pg.Pool, coach: AgendaCoach, now: Date, publicUrl: string): Promise<ComposedEmail | undefined> {
  const today = DateTime.fromJSDate(now).setZone(coach.timeZone).startOf('day')
  const { rows } = await pool.query(
    `SELECT b.reference, b.candidate_name, b.candidate_phone, b.contact_method, b.starts_at, b.ends_at, ${VIDEO_LINK_SQL} AS video_link
       FROM bookings b JOIN coaches c ON c.id = b.coach_id
      WHERE b.coach_id = $1 AND b.status = 'booked' AND b.starts_at >= $2 AND b.starts_at < $3
      ORDER BY b.starts_at`,
    [coach.coachId, today.toJSDate(), today.plus({ days: 1 }).toJSDate()],
  )
  // The day before: tomorrow's video calls still without a link (the candidate has been told what happens then).
  const { rows: linkless } = await pool.query<{ id: string; candidate_name: string; candidate_phone: string | null; starts_at: Date; ends_at: Date }>(
    `SELECT b.id, b.candidate_name, b.candidate_phone, b.starts_at, b.ends_at
       FROM bookings b JOIN coaches c ON c.id = b.coach_id
      WHERE b.coach_id = $1 AND b.status = 'booked' AND b.contact_method = 'video' AND ${VIDEO_LINK_SQL} IS NULL
        AND b.starts_at >= $2 AND b.starts_at < $3
      ORDER BY b.starts_at`,
    [coach.coachId, today.plus({ days: 1 }).toJSDate(), today.plus({ days: 2 }).toJSDate()],
  )
  if (rows.length === 0 && linkless.length === 0) return undefined
  const rendered = renderEmail(coachDailyAgenda, {
    coachFirstName: firstNameOf(coach.name),
    dateText: formatDate(today.toJSDate(), coach.timeZone),
    countText: rows.length === 1 ? '1 conversation' : `${rows.length} conversations`,
    linksNeeded: linkless.map((row) => ({
      time: formatTimeRange(row.starts_at, row.ends_at, coach.timeZone),
      candidateName: row.candidate_name,
      ifNoLink: row.candidate_phone
        ? `If you cannot add one, phone them at the start time on ${row.candidate_phone}: they have been told you will.`
        : 'They gave no phone number: they have been told to look for your email and on their booking page.',
      addLinkUrl: `${publicUrl}/coach/conversations/${row.id}/video-link`,
    })),
    tomorrowText: formatDate(today.plus({ days: 1 }).toJSDate(), coach.timeZone),
    conversations: rows.map((row) => ({
      time: formatTimeRange(row.starts_at, row.ends_at, coach.timeZone),
      candidateName: row.candidate_name,
      how: row.contact_method === 'phone' ? `phone ${row.candidate_phone}` : row.video_link ? 'video' : 'video, no link yet',
      videoLink: row.video_link,
      reference: row.reference,
    })),
    dashboardUrl: `${publicUrl}/coach`,
  })
  return {
    kind: 'coach-daily-agenda',
    dedupeKey: `coach:${coach.coachId}:agenda:${today.toISODate()}`,
    to: coach.email,
    ...rendered,
  }
}
