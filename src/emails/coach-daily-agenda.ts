import { DateTime } from 'luxon'
import type pg from 'pg'
import { firstNameOf } from '../domain/booking/rules.js'
import { formatDate, formatTimeRange } from '../domain/time/index.js'
import type { ComposedEmail } from './deliver-email.js'
import { coachDailyAgenda } from './messages/coach-daily-agenda.js'
import { renderEmail } from './render-email.js'
import { listAgendaCoaches, listAgendaConversations, listLinklessVideoCalls, type AgendaCoach } from '../repositories/coach-agendas.js'

/** The agenda goes out at this hour of the coach's own morning. */
const AGENDA_HOUR = 7

/** Coaches for whom it is now 7am somewhere between the last run and now (the cron runs hourly). */
export async function coachesDueAnAgenda(pool: pg.Pool, now: Date): Promise<AgendaCoach[]> {
  return (await listAgendaCoaches(pool)).filter((coach) => DateTime.fromJSDate(now).setZone(coach.timeZone).hour === AGENDA_HOUR)
}

/** Today's conversations of one coach, as an email; undefined on a day without any. */
export async function composeAgenda(pool: pg.Pool, coach: AgendaCoach, now: Date, publicUrl: string): Promise<ComposedEmail | undefined> {
  const today = DateTime.fromJSDate(now).setZone(coach.timeZone).startOf('day')
  const rows = await listAgendaConversations(pool, coach.coachId, today.toJSDate(), today.plus({ days: 1 }).toJSDate())
  // The day before: tomorrow's video calls still without a link (the candidate has been told what happens then).
  const linkless = await listLinklessVideoCalls(pool, coach.coachId, today.plus({ days: 1 }).toJSDate(), today.plus({ days: 2 }).toJSDate())
  if (rows.length === 0 && linkless.length === 0) return undefined
  const rendered = renderEmail(coachDailyAgenda, {
    coachFirstName: firstNameOf(coach.name),
    dateText: formatDate(today.toJSDate(), coach.timeZone),
    countText: rows.length === 1 ? '1 conversation' : `${rows.length} conversations`,
    linksNeeded: linkless.map((row) => ({
      time: formatTimeRange(row.startsAt, row.endsAt, coach.timeZone),
      candidateName: row.candidateName,
      ifNoLink: row.candidatePhone
        ? `If you cannot add one, phone them at the start time on ${row.candidatePhone}: they have been told you will.`
        : 'They gave no phone number: they have been told to look for your email and on their booking page.',
      addLinkUrl: `${publicUrl}/coach/conversations/${row.id}/video-link`,
    })),
    tomorrowText: formatDate(today.plus({ days: 1 }).toJSDate(), coach.timeZone),
    conversations: rows.map((row) => ({
      time: formatTimeRange(row.startsAt, row.endsAt, coach.timeZone),
      candidateName: row.candidateName,
      how: row.contactMethod === 'phone' ? `phone ${row.candidatePhone}` : row.videoLink ? 'video' : 'video, no link yet',
      videoLink: row.videoLink,
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
