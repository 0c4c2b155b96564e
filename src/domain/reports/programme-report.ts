/**
 * The programme figures (DOMAIN.md, "Actions and follow-up"): pure
 * computation over rows the repository fetched. No I/O, no clock: `now` is given.
 *
 * What each figure counts (the period is UK calendar dates, both included):
 * - invitations.sent: invitations of the programme created in the period (any
 *   status now: sent, booked, expired or withdrawn; each was sent).
 * - bookings: bookings whose conversation time (starts_at) is in the period.
 *   made = all of them; held = completed; noShows = no_show; upcoming = still
 *   booked (not yet recorded); cancelledByCandidate = cancelled by the
 *   candidate; cancelledByStaff = cancelled by a coach, an admin or the
 *   system (the programme's side).
 * - daysFromInvitationToConversation: held conversations that answered an
 *   invitation: UK calendar days from the invitation's date to the
 *   conversation's date; median and mean rounded to one decimal place.
 * - actions: the actions of the held conversations. perConversation = agreed /
 *   held (two decimal places). byCategory / byStatus: their status now.
 *   completedShare.weeksN: over the held conversations at least N weeks old
 *   (starts_at + N×7 days ≤ now), the share of their actions whose status at
 *   starts_at + N×7 days was `done` (from action_status_changes; three decimal
 *   places, null when there are no actions), with how many conversations and
 *   actions were counted.
 * - wentOnTo: no outcome after the conversation is recorded yet, so it is
 *   derived from actions done now, counted per held conversation (candidate):
 *   trainingStarted = a `training_or_course` action done; applicationMade = a
 *   `job_application` action done; qualificationGained = a `qualification`
 *   action done. newRole cannot be derived and is null (not recorded).
 */
import { calendarDaysBetween, REPORT_TIME_ZONE } from './period.js'
import { ACTION_CATEGORIES, ACTION_STATUSES, type ActionCategory, type ActionStatus } from '../actions/types.js'

export type BookingStatus = 'booked' | 'cancelled' | 'completed' | 'no_show'
export type BookingActor = 'candidate' | 'coach' | 'admin' | 'system'

export interface ReportProgramme {
  id: string
  slug: string
  name: string
}

export interface ReportBookingRow {
  id: string
  status: BookingStatus
  cancelledBy: BookingActor | null
  startsAt: Date
  /** When the invitation it answered was created; null for a booking without one. */
  invitationCreatedAt: Date | null
}

export interface ReportActionRow {
  id: string
  bookingId: string
  category: ActionCategory
  status: ActionStatus
  statusChangedAt: Date
}

export interface ReportStatusChangeRow {
  actionId: string
  toStatus: ActionStatus
  changedAt: Date
  /** Orders changes within one instant. */
  sequence: number
}

export interface ProgrammeReportInput {
  programme: ReportProgramme
  from: string
  to: string
  now: Date
  invitationsSent: number
  bookings: ReportBookingRow[]
  actions: ReportActionRow[]
  statusChanges: ReportStatusChangeRow[]
}

export interface CompletedShare {
  /** 0 to 1; null when no action was counted. */
  share: number | null
  /** Held conversations old enough for this horizon. */
  conversations: number
  /** Their actions. */
  actions: number
  /** Of those, done by the horizon. */
  done: number
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
  daysFromInvitationToConversation: { count: number; median: number | null; mean: number | null }
  actions: {
    agreed: number
    perConversation: number | null
    byCategory: Record<ActionCategory, number>
    byStatus: Record<ActionStatus, number>
    completedShare: { weeks4: CompletedShare; weeks8: CompletedShare; weeks12: CompletedShare }
  }
  wentOnTo: {
    basis: 'actions_done'
    trainingStarted: number
    applicationMade: number
    qualificationGained: number
    newRole: number | null
  }
}

export const COMPLETION_HORIZON_WEEKS = [4, 8, 12] as const
const WEEK_MS = 7 * 86_400_000

const round = (value: number, places: number) => {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length
}

/**
 * An action's status at an instant: its last status change at or before it;
 * with no change recorded by then, the status it has now if that was set by
 * then, else not started.
 */
export function statusAt(action: ReportActionRow, changes: readonly ReportStatusChangeRow[], at: Date): ActionStatus {
  let latest: ReportStatusChangeRow | null = null
  for (const change of changes) {
    if (change.changedAt.getTime() > at.getTime()) continue
    if (
      !latest ||
      change.changedAt.getTime() > latest.changedAt.getTime() ||
      (change.changedAt.getTime() === latest.changedAt.getTime() && change.sequence > latest.sequence)
    ) {
      latest = change
    }
  }
  if (latest) return latest.toStatus
  if (changes.length === 0 && action.statusChangedAt.getTime() <= at.getTime()) return action.status
  return 'not_started'
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>

export function computeProgrammeReport(input: ProgrammeReportInput): ProgrammeReport {
  const { bookings, now } = input
  const held = bookings.filter((b) => b.status === 'completed')
  const heldIds = new Set(held.map((b) => b.id))
  const cancelled = bookings.filter((b) => b.status === 'cancelled')

  const waits = held.filter((b) => b.invitationCreatedAt !== null).map((b) => calendarDaysBetween(b.invitationCreatedAt!, b.startsAt))
  const waitMedian = median(waits)
  const waitMean = mean(waits)

  const actions = input.actions.filter((a) => heldIds.has(a.bookingId))
  const byCategory = zeroes(ACTION_CATEGORIES)
  const byStatus = zeroes(ACTION_STATUSES)
  for (const action of actions) {
    byCategory[action.category] += 1
    byStatus[action.status] += 1
  }

  const changesByAction = new Map<string, ReportStatusChangeRow[]>()
  for (const change of input.statusChanges) {
    const list = changesByAction.get(change.actionId) ?? []
    list.push(change)
    changesByAction.set(change.actionId, list)
  }
  const actionsByBooking = new Map<string, ReportActionRow[]>()
  for (const action of actions) {
    const list = actionsByBooking.get(action.bookingId) ?? []
    list.push(action)
    actionsByBooking.set(action.bookingId, list)
  }

  const completedShare = (weeks: number): CompletedShare => {
    let conversations = 0
    let counted = 0
    let done = 0
    for (const booking of held) {
      const horizon = new Date(booking.startsAt.getTime() + weeks * WEEK_MS)
      if (horizon.getTime() > now.getTime()) continue
      conversations += 1
      for (const action of actionsByBooking.get(booking.id) ?? []) {
        counted += 1
        if (statusAt(action, changesByAction.get(action.id) ?? [], horizon) === 'done') done += 1
      }
    }
    return { share: counted === 0 ? null : round(done / counted, 3), conversations, actions: counted, done }
  }

  const conversationsWithDone = (category: ActionCategory) =>
    held.filter((b) => (actionsByBooking.get(b.id) ?? []).some((a) => a.category === category && a.status === 'done')).length

  return {
    programme: input.programme,
    from: input.from,
    to: input.to,
    timeZone: REPORT_TIME_ZONE,
    generatedAt: now.toISOString(),
    invitations: { sent: input.invitationsSent },
    bookings: {
      made: bookings.length,
      held: held.length,
      noShows: bookings.filter((b) => b.status === 'no_show').length,
      upcoming: bookings.filter((b) => b.status === 'booked').length,
      cancelled: cancelled.length,
      cancelledByCandidate: cancelled.filter((b) => b.cancelledBy === 'candidate').length,
      cancelledByStaff: cancelled.filter((b) => b.cancelledBy !== 'candidate').length,
    },
    daysFromInvitationToConversation: {
      count: waits.length,
      median: waitMedian === null ? null : round(waitMedian, 1),
      mean: waitMean === null ? null : round(waitMean, 1),
    },
    actions: {
      agreed: actions.length,
      perConversation: held.length === 0 ? null : round(actions.length / held.length, 2),
      byCategory,
      byStatus,
      completedShare: { weeks4: completedShare(4), weeks8: completedShare(8), weeks12: completedShare(12) },
    },
    wentOnTo: {
      basis: 'actions_done',
      trainingStarted: conversationsWithDone('training_or_course'),
      applicationMade: conversationsWithDone('job_application'),
      qualificationGained: conversationsWithDone('qualification'),
      newRole: null,
    },
  }
}
