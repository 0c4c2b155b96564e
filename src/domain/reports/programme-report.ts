/**
 * The programme figures (DOMAIN.md, "Actions and follow-up"): the programme
 * report's. The counting is done by PostgreSQL
 * (src/repositories/reports.ts); this file puts the counts together: rates,
 * rounding and the shape of the answer. No I/O, no clock: `now` is given.
 *
 * What each figure counts (the period is UK calendar dates, both included):
 * - invitations.sent: invitations of the programme created in the period (any
 *   status now: sent, booked, expired or withdrawn; each was sent).
 * - bookings: bookings whose conversation time (starts_at) is in the period.
 *   made = all of them; held = completed; noShows = no_show; upcoming = still
 *   booked (not yet recorded); cancelledByCandidate = cancelled by the
 *   candidate; cancelledByStaff = cancelled by a coach, an admin or the
 *   system (the programme's side).
 * - funnel: the invitations sent in the period, each followed to the best
 *   that came of the bookings made with it, whenever they were (held, else
 *   did not attend, else still booked, else cancelled). booked.rate is of
 *   those invited; held, didNotAttend, stillBooked and cancelled rates are of
 *   those booked (the four add up to booked); conversion = held / invited.
 * - daysFromInvitationToConversation: held conversations that answered an
 *   invitation: UK calendar days from the invitation's date to the
 *   conversation's date. daysFromInvitationToBooking: every booking of the
 *   period that answered an invitation, to the date it was made. Median, 90th
 *   percentile (interpolated, percentile_cont) and mean, one decimal place.
 * - actions: the actions of the held conversations. perConversation = agreed /
 *   held (two decimal places). byCategory / byStatus / byOwner: their status
 *   now. completedShare.weeksN: over the held conversations at least N weeks
 *   old (starts_at + N×7×24 hours ≤ now), the share of their actions whose
 *   status at that moment was `done` (from the history of status changes;
 *   three decimal places, null when there are no actions), with how many
 *   conversations and actions were counted; completedShareByCategory and
 *   completedShareByOwner: the same by kind of action and by who does it.
 * - coachUtilisation: hours of the programme's conversations in the period
 *   that were not cancelled, against the coaches' working hours in the period
 *   (weekly hours as they are now, date changes and time off); per coach on
 *   the programme (or with its conversations in the period) and in all.
 * - bookingsPerWeek: per UK week (from Monday) of the period, bookings made
 *   that week and conversations that week (and of those, held).
 * - wentOnTo: per held conversation (candidate), from the one model of
 *   outcomes: what the candidate said in their 3 or 12-month follow-up
 *   (src/domain/outcomes), and for three kinds the actions done now too:
 *   trainingStarted = "started training or a course" or a `training_or_course`
 *   action done; applicationMade = "applied for a role" or a `job_application`
 *   action done; qualificationGained = "gained a qualification" or a
 *   `qualification` action done; newRole = "started a new role or more
 *   hours"; movedUp = "moved up".
 * - feedback and outcomes: see src/domain/outcomes/report-figures.ts.
 * - waitlist: who waits and how long, and the offers made (src/domain/waitlist/figures.ts).
 */
import { ACTION_CATEGORIES, ACTION_OWNERS, ACTION_STATUSES, type ActionCategory, type ActionOwner, type ActionStatus } from '../actions/types.js'
import { REPORT_TIME_ZONE } from './period.js'
import { feedbackFigures, outcomeFigures, type FeedbackFigures, type OutcomeFigures } from '../outcomes/report-figures.js'
import type { CoachFeedbackRow, CoachFollowUpRow, WentOnToCounts } from '../../repositories/outcome-report.js'
import type {
  ActionFigures,
  ActionGroupFigures,
  BookingFigures,
  CoachUtilisationRow,
  DaysFigures,
  InvitationFigures,
  WeekRow,
} from '../../repositories/reports.js'
import type { WaitlistFigures } from '../waitlist/figures.js'

export interface ReportProgramme {
  id: string
  slug: string
  name: string
}

export interface ProgrammeReportInput {
  programme: ReportProgramme
  from: string
  to: string
  now: Date
  bookings: BookingFigures
  invitations: InvitationFigures
  actions: ActionFigures
  coaches: CoachUtilisationRow[]
  weeks: WeekRow[]
  /** What candidates said after their conversations. */
  feedback: CoachFeedbackRow[]
  followUps: CoachFollowUpRow[]
  wentOnTo: WentOnToCounts
  /** The waitlist. */
  waitlist: WaitlistFigures
}

/** Done by a horizon, out of the actions counted. */
export interface ShareDone {
  /** 0 to 1, three decimal places; null when no action was counted. */
  share: number | null
  /** Actions of held conversations old enough for this horizon. */
  actions: number
  /** Of those, done by the horizon. */
  done: number
}

export interface CompletedShare extends ShareDone {
  /** Held conversations old enough for this horizon. */
  conversations: number
}

export interface SharesByHorizon {
  weeks4: ShareDone
  weeks8: ShareDone
  weeks12: ShareDone
}

export interface FunnelStage {
  count: number
  /** 0 to 1, three decimal places; null when there is nothing to divide by. */
  rate: number | null
}

export interface DaysSummary {
  count: number
  median: number | null
  mean: number | null
  percentile90: number | null
}

export interface CoachUtilisation {
  coach: { id: string; name: string }
  bookedHours: number
  availableHours: number
  /** bookedHours / availableHours, three decimal places; null with no hours available. */
  share: number | null
}

export interface ProgrammeReport {
  programme: ReportProgramme
  from: string
  to: string
  timeZone: string
  generatedAt: string
  invitations: { sent: number }
  bookings: {
    made: number
    held: number
    noShows: number
    upcoming: number
    cancelled: number
    cancelledByCandidate: number
    cancelledByStaff: number
  }
  funnel: {
    basis: 'invitations_sent_in_period'
    invited: number
    booked: FunnelStage
    held: FunnelStage
    didNotAttend: FunnelStage
    stillBooked: FunnelStage
    cancelled: FunnelStage
    conversion: number | null
  }
  daysFromInvitationToConversation: DaysSummary
  daysFromInvitationToBooking: DaysSummary
  actions: {
    agreed: number
    perConversation: number | null
    byCategory: Record<ActionCategory, number>
    byStatus: Record<ActionStatus, number>
    byOwner: Record<ActionOwner, number>
    completedShare: { weeks4: CompletedShare; weeks8: CompletedShare; weeks12: CompletedShare }
    completedShareByCategory: Record<ActionCategory, SharesByHorizon>
    completedShareByOwner: Record<ActionOwner, SharesByHorizon>
  }
  coachUtilisation: {
    bookedHours: number
    availableHours: number
    share: number | null
    coaches: CoachUtilisation[]
  }
  bookingsPerWeek: WeekRow[]
  wentOnTo: {
    basis: 'outcome_follow_ups_and_actions_done'
    trainingStarted: number
    applicationMade: number
    qualificationGained: number
    newRole: number
    movedUp: number
  }
  feedback: FeedbackFigures
  outcomes: OutcomeFigures
  waitlist: WaitlistFigures
}

/** How long after their conversation the report counts actions done: 4, 8 and 12 weeks. */
export const COMPLETION_HORIZON_WEEKS = [4, 8, 12] as const

const round = (value: number, places: number) => {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}
const ratio = (part: number, whole: number, places = 3) => (whole === 0 ? null : round(part / whole, places))
const oneDecimal = (value: number | null) => (value === null ? null : round(value, 1))

function days(figures: DaysFigures): DaysSummary {
  return { count: figures.count, median: oneDecimal(figures.median), mean: oneDecimal(figures.mean), percentile90: oneDecimal(figures.percentile90) }
}

const EMPTY_GROUP: ActionGroupFigures = { agreed: 0, weeks4: { actions: 0, done: 0 }, weeks8: { actions: 0, done: 0 }, weeks12: { actions: 0, done: 0 } }

function shares(group: ActionGroupFigures = EMPTY_GROUP): SharesByHorizon {
  const one = ({ actions, done }: { actions: number; done: number }): ShareDone => ({ share: ratio(done, actions), actions, done })
  return { weeks4: one(group.weeks4), weeks8: one(group.weeks8), weeks12: one(group.weeks12) }
}

const byKey = <K extends string, V>(keys: readonly K[], value: (key: K) => V) => Object.fromEntries(keys.map((key) => [key, value(key)])) as Record<K, V>

const hours = (value: number) => round(value, 2)

export function buildProgrammeReport(input: ProgrammeReportInput): ProgrammeReport {
  const { bookings: b, invitations: i, actions: a } = input
  const all = shares(a.all)
  const completed = (weeks: 4 | 8 | 12): CompletedShare => ({ ...all[`weeks${weeks}`], conversations: b[`heldWeeks${weeks}`] })
  const bookedHours = input.coaches.reduce((sum, c) => sum + c.bookedHours, 0)
  const availableHours = input.coaches.reduce((sum, c) => sum + c.availableHours, 0)
  const stage = (count: number, of: number): FunnelStage => ({ count, rate: ratio(count, of) })

  return {
    programme: input.programme,
    from: input.from,
    to: input.to,
    timeZone: REPORT_TIME_ZONE,
    generatedAt: input.now.toISOString(),
    invitations: { sent: i.sent },
    bookings: {
      made: b.made,
      held: b.held,
      noShows: b.noShows,
      upcoming: b.upcoming,
      cancelled: b.cancelled,
      cancelledByCandidate: b.cancelledByCandidate,
      cancelledByStaff: b.cancelledByStaff,
    },
    funnel: {
      basis: 'invitations_sent_in_period',
      invited: i.sent,
      booked: stage(i.booked, i.sent),
      held: stage(i.held, i.booked),
      didNotAttend: stage(i.didNotAttend, i.booked),
      stillBooked: stage(i.stillBooked, i.booked),
      cancelled: stage(i.cancelled, i.booked),
      conversion: ratio(i.held, i.sent),
    },
    daysFromInvitationToConversation: days(b.toConversation),
    daysFromInvitationToBooking: days(b.toBooking),
    actions: {
      agreed: a.all.agreed,
      perConversation: ratio(a.all.agreed, b.held, 2),
      byCategory: byKey(ACTION_CATEGORIES, (c) => a.byCategory[c]?.agreed ?? 0),
      byStatus: byKey(ACTION_STATUSES, (s) => a.byStatus[s] ?? 0),
      byOwner: byKey(ACTION_OWNERS, (o) => a.byOwner[o]?.agreed ?? 0),
      completedShare: { weeks4: completed(4), weeks8: completed(8), weeks12: completed(12) },
      completedShareByCategory: byKey(ACTION_CATEGORIES, (c) => shares(a.byCategory[c])),
      completedShareByOwner: byKey(ACTION_OWNERS, (o) => shares(a.byOwner[o])),
    },
    coachUtilisation: {
      bookedHours: hours(bookedHours),
      availableHours: hours(availableHours),
      share: ratio(bookedHours, availableHours),
      coaches: input.coaches.map((c) => ({
        coach: { id: c.coachId, name: c.name },
        bookedHours: hours(c.bookedHours),
        availableHours: hours(c.availableHours),
        share: ratio(c.bookedHours, c.availableHours),
      })),
    },
    bookingsPerWeek: input.weeks,
    wentOnTo: { basis: 'outcome_follow_ups_and_actions_done', ...input.wentOnTo },
    feedback: feedbackFigures(input.feedback),
    outcomes: outcomeFigures(input.followUps),
    waitlist: input.waitlist,
  }
}
