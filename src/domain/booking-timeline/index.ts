/**
 * A booking's timeline, for the programme team: everything that happened to
 * one booking, oldest first, each with when and who. Built once here for the
 * candidate's page of the follow-up review (/admin/actions/candidates/:id)
 * and for the programme team's page of one booking (/admin/bookings/:id;
 * API.md's GET /api/v1/admin/bookings/:id `timeline: [{ at, kind, ... }]`).
 *
 * What it holds: the invitation the booking answered; the booking made, moved,
 * given another coach, cancelled (with the reason given), held or missed;
 * each email about it (sent, waiting to be tried again, failed); the notes
 * started and completed (never what they say); the outcome the coach
 * recorded; each action agreed and each later change of its status, with its
 * comment. Nothing else of the notes.
 */
import type { ActionOwner, ActionStatus } from '../actions/types.js'
import { actionOwnerLabels, actionStatusLabels } from '../actions/types.js'
import { noShowReasonLabels, type NoShowReason } from '../notes/outcome-rules.js'
import { formatDate, formatDateTimeRange, formatTime } from '../time/index.js'
import type { Queryable } from '../../repositories/db.js'
import { readBookingTimeline, type TimelineRow } from '../../repositories/booking-timeline.js'

type TimelineActor = 'candidate' | 'coach' | 'admin' | 'system'

interface Base {
  /** When it happened. */
  at: Date
  /** Who did it: the candidate, a coach, the programme team or the service itself. */
  actor: TimelineActor
  /** The member of staff, by name, when one did it. */
  actorName: string | null
}

export type TimelineEntry = Base &
  (
    | { kind: 'invited' }
    | { kind: 'booked'; startsAt: Date; endsAt: Date; coach: string | null }
    | { kind: 'rescheduled'; startsAt: Date; endsAt: Date; previousStartsAt: Date | null; previousEndsAt: Date | null }
    | { kind: 'reassigned'; coach: string | null; previousCoach: string | null; reason: string | null }
    | { kind: 'cancelled'; reason: string | null }
    | { kind: 'completed' | 'no_show' }
    | { kind: 'email_sent' | 'email_waiting' | 'email_failed' | 'email_sending'; email: string; subject: string; to: 'candidate' | 'staff'; attempts: number }
    | { kind: 'notes_started' | 'notes_completed' }
    | { kind: 'outcome_recorded'; outcome: 'held' | 'no_show' | 'cancelled_late'; noShowReason: NoShowReason | null }
    | { kind: 'action_agreed'; actionId: string; summary: string; owner: ActionOwner; dueOn: string }
    | { kind: 'action_status_changed'; actionId: string; summary: string; from: ActionStatus; to: ActionStatus; comment: string | null }
  )

const date = (value: string | null | undefined) => (value ? new Date(value) : null)

function entry(row: TimelineRow): TimelineEntry {
  const base: Base = { at: row.at, actor: (row.actor ?? 'system') as TimelineActor, actorName: row.actorName }
  const d = row.data
  switch (row.kind) {
    case 'booked':
      return { ...base, kind: 'booked', startsAt: date(d.startsAt)!, endsAt: date(d.endsAt)!, coach: d.coach ?? null }
    case 'rescheduled':
      return { ...base, kind: 'rescheduled', startsAt: date(d.startsAt)!, endsAt: date(d.endsAt)!, previousStartsAt: date(d.previousStartsAt), previousEndsAt: date(d.previousEndsAt) }
    case 'reassigned':
      return { ...base, kind: 'reassigned', coach: d.coach ?? null, previousCoach: d.previousCoach ?? null, reason: d.reason ?? null }
    case 'cancelled':
      return { ...base, kind: 'cancelled', reason: d.reason ?? null }
    case 'email_sent':
    case 'email_waiting':
    case 'email_failed':
    case 'email_sending':
      return { ...base, kind: row.kind, email: d.email ?? '', subject: d.subject ?? '', to: d.to === 'candidate' ? 'candidate' : 'staff', attempts: Number(d.attempts ?? 1) }
    case 'outcome_recorded':
      return { ...base, kind: 'outcome_recorded', outcome: d.outcome as 'held' | 'no_show' | 'cancelled_late', noShowReason: (d.noShowReason ?? null) as NoShowReason | null }
    case 'action_agreed':
      return { ...base, kind: 'action_agreed', actionId: d.actionId!, summary: d.summary!, owner: d.owner as ActionOwner, dueOn: d.dueOn! }
    case 'action_status_changed':
      return { ...base, kind: 'action_status_changed', actionId: d.actionId!, summary: d.summary!, from: d.from as ActionStatus, to: d.to as ActionStatus, comment: d.comment ?? null }
    default:
      return { ...base, kind: row.kind as 'invited' | 'completed' | 'no_show' | 'notes_started' | 'notes_completed' }
  }
}

/** The booking's timeline, oldest first (an empty list for a booking that does not exist). */
export async function bookingTimeline(db: Queryable, bookingId: string): Promise<TimelineEntry[]> {
  return (await readBookingTimeline(db, bookingId)).map(entry)
}

const ACTOR_WORDS: Record<TimelineActor, string> = {
  candidate: 'the candidate',
  coach: 'the coach',
  admin: 'the programme team',
  system: 'the service',
}

/** "the programme team (Sam Jones)", "the candidate". */
function whoDidIt(entry: Pick<Base, 'actor' | 'actorName'>): string {
  const words = ACTOR_WORDS[entry.actor]
  return entry.actorName && entry.actor !== 'candidate' ? `${words} (${entry.actorName})` : words
}

const OUTCOME_WORDS = { held: 'held', no_show: 'did not attend', cancelled_late: 'cancelled late' } as const

/** What happened, in words for people (NHS style), for a page: a heading and a line of detail. */
export function describeTimelineEntry(entry: TimelineEntry, zone = 'Europe/London'): { title: string; detail: string | null } {
  const by = whoDidIt(entry)
  switch (entry.kind) {
    case 'invited':
      return { title: 'Invited to book', detail: `By ${by}` }
    case 'booked':
      return { title: 'Booked', detail: `${formatDateTimeRange(entry.startsAt, entry.endsAt, zone)}${entry.coach ? ` with ${entry.coach}` : ''}, by ${by}` }
    case 'rescheduled':
      return {
        title: 'Time changed',
        detail: `${entry.previousStartsAt && entry.previousEndsAt ? `From ${formatDateTimeRange(entry.previousStartsAt, entry.previousEndsAt, zone)} to ` : 'To '}${formatDateTimeRange(entry.startsAt, entry.endsAt, zone)}, by ${by}`,
      }
    case 'reassigned':
      return {
        title: 'Coach changed',
        detail: `${entry.previousCoach ? `From ${entry.previousCoach} to ` : 'To '}${entry.coach ?? 'another coach'}, by ${by}${entry.reason ? `. Reason: ${entry.reason}` : ''}`,
      }
    case 'cancelled':
      return { title: 'Cancelled', detail: `By ${by}${entry.reason ? `. Reason: ${entry.reason}` : ''}` }
    case 'completed':
      return { title: 'Conversation held', detail: null }
    case 'no_show':
      return { title: 'Did not attend', detail: null }
    case 'email_sent':
      return { title: `Email sent to the ${entry.to === 'candidate' ? 'candidate' : 'coach'}`, detail: entry.subject }
    case 'email_sending':
      return { title: `Email being sent to the ${entry.to === 'candidate' ? 'candidate' : 'coach'}`, detail: entry.subject }
    case 'email_waiting':
      return { title: `Email not sent yet: it will be tried again`, detail: `${entry.subject} (tried ${entry.attempts} ${entry.attempts === 1 ? 'time' : 'times'})` }
    case 'email_failed':
      return { title: 'Email failed', detail: `${entry.subject} (tried ${entry.attempts} ${entry.attempts === 1 ? 'time' : 'times'})` }
    case 'notes_started':
      return { title: 'Notes started', detail: null }
    case 'notes_completed':
      return { title: 'Notes completed and summary sent', detail: `By ${by}` }
    case 'outcome_recorded':
      return { title: `Recorded as ${OUTCOME_WORDS[entry.outcome]}`, detail: `By ${by}${entry.noShowReason ? `. Reason: ${noShowReasonLabels[entry.noShowReason].toLowerCase()}` : ''}` }
    case 'action_agreed':
      return { title: `Action agreed: ${entry.summary}`, detail: `${actionOwnerLabels[entry.owner]} to do it by ${formatDate(`${entry.dueOn}T12:00:00Z`, 'UTC')}` }
    case 'action_status_changed':
      return {
        title: `Action ${entry.from === entry.to ? 'commented on' : `now ${actionStatusLabels[entry.to].toLowerCase()}`}: ${entry.summary}`,
        detail: `By ${by}${entry.comment ? `: “${entry.comment}”` : ''}`,
      }
  }
}

/** "Monday 2 March 2026 at 9:30am". */
export function timelineWhen(at: Date, zone = 'Europe/London'): string {
  return `${formatDate(at, zone)} at ${formatTime(at, zone)}`
}
