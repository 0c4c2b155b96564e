/**
 * Changes that take a coach away from booked conversations, planned and then
 * confirmed: deactivating the coach, taking them off programmes,
 * time off or a day off over bookings, weekly hours, a time zone or extra
 * hours taken away that no longer cover them, and the coach's conversations that
 * already clash with their availability (a coach asked the programme team to
 * move them).
 *
 * One function does the work, in one transaction:
 *
 * 1. The coach's row FOR UPDATE, first (lockCoachForChange). A booking in
 *    flight holds it in share mode (placement.ts, lockCoachDays), so this
 *    waits until that booking has committed and then sees it; a booking
 *    arriving later waits here, then reads the coach as this change left
 *    them (inactive, off the programme, on time off) and goes to another
 *    coach or is refused. No booking lands on a coach this change took away.
 * 2. The change itself (account off, programmes left, time off added...).
 * 3. Each of the coach's live conversations that has not started and that
 *    the coach can no longer hold, soonest first: moved to another coach free
 *    at the same time, in fair-share order, exactly as booking places one
 *    (freeCoachesInOrder, then moveToFirstFreeCoach: each coach's days
 *    locked, the slot checked again, the exclusion constraint the
 *    guarantee); the minimum notice does not apply. Where nobody is free it
 *    is cancelled. Either way a history row (booking_events), the emails in
 *    the same transaction (the candidate: the new coach, or an apology with a
 *    link to book again; the old coach: a calendar cancellation; the new
 *    coach: the booking), reminders kept for a move (they are written when
 *    sent, so they name the new coach) and removed for a cancellation.
 * 4. One audit entry for the change, naming the bookings and what happened.
 *
 * A plan (`dryRun`) is the same transaction rolled back: it says exactly what
 * confirming would do if nothing else changed meanwhile. Confirming runs it
 * again and answers what did happen.
 */
import type pg from 'pg'
import type { AuditLog, StaffRequest } from '../audit/events.js'
import { recordStaffChange } from '../audit/events.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { CoachAvailabilitySettings, NewTimeOff, WeeklyHoursWindow } from '../availability/index.js'
import { REASON_MAX_LENGTH, blankToNull } from '../booking/rules.js'
import type { Booking, BookingViewer, StaffPrincipal } from '../booking/types.js'
import { actorOf } from '../booking/service/access.js'
import type { BookingDeps } from '../booking/service/deps.js'
import { cancelWithin } from '../booking/service/cancel.js'
import { moveToFirstFreeCoach } from '../booking/service/move.js'
import { freeCoachesInOrder, type Placement } from '../booking/service/placement.js'
import { checkSlot, MAXIMUM_HORIZON_DAYS } from '../slots/index.js'
import { MINUTE_MS } from '../slots/zone-time.js'
import { StaffAuditActions } from '../staff/audit-actions.js'
import { findBooking } from '../../repositories/bookings.js'
import { coachNames, listLiveBookingsOfCoach, lockCoachForChange, type LockedCoach } from '../../repositories/coach-changes.js'
import { loadCoachSchedules } from '../../repositories/coaches.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import { deleteDateOverride, insertDateOverride, insertTimeOff, replaceWeeklyWindows, updateCoachSettings } from '../../repositories/availability.js'
import { deleteSessionsOfUser } from '../../repositories/sessions.js'
import { closePasswordLinksOfUser } from '../../repositories/staff-password-links.js'
import { deletePendingSignInsOfUser } from '../../repositories/staff-pending-sign-ins.js'
import { findCoachOpenProgrammeIds, removeCoachFromProgrammes, setStaffActive } from '../../repositories/staff.js'

/** What changes for the coach. */
export type CoachChange =
  /** Their account is switched off (as on the staff page): no sign-in, no conversations. */
  | { kind: 'deactivate' }
  /** Off these programmes: their conversations there go to others. */
  | { kind: 'leave-programmes'; programmeIds: string[] }
  /** Time off (leave, training) over conversations. */
  | { kind: 'time-off'; timeOff: NewTimeOff }
  /** A day off on a date of the coach's clock (YYYY-MM-DD). */
  | { kind: 'day-off'; date: string }
  /** New weekly hours (all of them, replacing the old): narrower ones may no longer cover conversations. */
  | { kind: 'weekly-hours'; windows: WeeklyHoursWindow[] }
  /** New settings: in another time zone the same hours fall at other times, and may no longer cover conversations. */
  | { kind: 'settings'; settings: CoachAvailabilitySettings }
  /** A day off or extra hours taken away: conversations booked in extra hours lose them. */
  | { kind: 'remove-date'; overrideId: string }
  /** Nothing new: the conversations that already clash with the coach's time off, days off or hours. */
  | { kind: 'clashes' }

const COACH_CHANGE_AUDIT_ACTION = 'coach_change.applied'
/** A coach changed their availability (time off, a day off, hours, time zone, extra hours) over conversations and asked the programme team to move them. */
export const COACH_CHANGE_REQUESTED_ACTION = 'coach_change.requested'

const COACH_CHANGE_MESSAGES = {
  reasonMissing: 'Enter why the conversations are moving',
  reasonTooLong: `The reason must be ${REASON_MAX_LENGTH} characters or fewer`,
  notFound: 'There is no such coach',
  yourself: 'You cannot deactivate your own account here. Ask another admin.',
  alreadyInactive: 'This coach is already deactivated',
  noSuchDate: 'There is no such day off or extra hours',
} as const

interface CoachChangeDeps extends BookingDeps {
  audit: Pick<AuditLog, 'record'>
}

interface CoachChangeCommand {
  coachId: string
  change: CoachChange
  /** Why: kept in each booking's history (and as a cancellation's reason). */
  reason?: string | null
  /** Only plan: do it, answer what happened, and roll it all back. */
  dryRun: boolean
}

/** The member of staff making the change. */
type CoachChangeBy = StaffRequest & { staff: StaffPrincipal }

/** One conversation the change takes from the coach, and what happens (or would happen) to it. */
interface AffectedConversation {
  bookingId: string
  reference: string
  programme: { id: string; name: string }
  startsAt: Date
  endsAt: Date
  candidateName: string
  candidateTimeZone: string
  outcome: 'moved' | 'cancelled'
  /** The coach it moves to. */
  newCoach: { id: string; name: string } | null
}

export interface CoachChangeResult {
  coach: { id: string; name: string; timeZone: string }
  /** False for a plan (nothing was kept). */
  applied: boolean
  affected: AffectedConversation[]
}

/** Thrown to roll a plan's transaction back while carrying its answer out. */
class PlanOnly extends Error {
  constructor(readonly result: CoachChangeResult) {
    super('plan only')
  }
}

/** Plans (dryRun) or makes a change that takes a coach away from booked conversations. See above. */
export async function changeCoach(deps: CoachChangeDeps, command: CoachChangeCommand, by: CoachChangeBy): Promise<CoachChangeResult> {
  const reason = blankToNull(command.reason)
  if (reason === null) throw new ValidationError([{ field: 'reason', message: COACH_CHANGE_MESSAGES.reasonMissing }])
  if (reason.length > REASON_MAX_LENGTH) throw new ValidationError([{ field: 'reason', message: COACH_CHANGE_MESSAGES.reasonTooLong }])
  const now = deps.clock.now()
  try {
    return await inTransaction(deps.pool, async (client) => {
      const result = await changeIn(deps, client, { ...command, reason }, by, now)
      if (command.dryRun) throw new PlanOnly(result)
      return result
    })
  } catch (error) {
    if (error instanceof PlanOnly) return error.result
    throw error
  }
}

async function changeIn(
  deps: CoachChangeDeps,
  client: pg.PoolClient,
  command: CoachChangeCommand & { reason: string },
  by: CoachChangeBy,
  now: Date,
): Promise<CoachChangeResult> {
  const coach = await lockCoachForChange(client, command.coachId)
  if (!coach) throw new NotFoundError(COACH_CHANGE_MESSAGES.notFound)
  const { change } = command
  const details = await applyChange(deps, client, coach, change, by, now)

  const live = await listLiveBookingsOfCoach(client, {
    coachId: coach.id,
    now,
    programmeIds: change.kind === 'leave-programmes' ? change.programmeIds : null,
  })
  const taken =
    change.kind === 'deactivate' || change.kind === 'leave-programmes' ? live.map((booking) => booking.id) : await clashing(client, coach, live, now)

  const viewer: BookingViewer = { kind: 'staff', staff: by.staff }
  const affected: AffectedConversation[] = []
  for (const bookingId of taken) {
    const booking = await findBooking(client, bookingId, { lock: true })
    if (!booking || booking.status !== 'booked' || booking.coachId !== coach.id) continue
    affected.push(await moveOrCancel(deps, client, booking, coach.id, viewer, command.reason, now))
  }
  const names = await coachNames(client, affected.flatMap((a) => (a.newCoach ? [a.newCoach.id] : [])))
  for (const a of affected) if (a.newCoach) a.newCoach.name = names.get(a.newCoach.id) ?? a.newCoach.name

  await recordStaffChange(deps.audit, client, by, {
    action: COACH_CHANGE_AUDIT_ACTION,
    subjectType: 'coach',
    subjectId: coach.id,
    details: {
      change: change.kind,
      ...details,
      moved: affected.filter((a) => a.outcome === 'moved').map((a) => a.bookingId),
      cancelled: affected.filter((a) => a.outcome === 'cancelled').map((a) => a.bookingId),
    },
  })
  return { coach: { id: coach.id, name: coach.name, timeZone: coach.timeZone }, applied: !command.dryRun, affected }
}

/**
 * How many of the coach's live conversations clash with their availability as
 * it stands (time off, days off, hours), read without locks: for the pages
 * that point to the plan.
 */
export async function countClashingConversations(deps: Pick<CoachChangeDeps, 'pool' | 'clock'>, coachId: string): Promise<number> {
  return (await clashingConversationIds(deps, coachId)).size
}

/** The ids of the coach's live conversations that clash with their availability (the coach's dashboard marks them). */
export async function clashingConversationIds(deps: Pick<CoachChangeDeps, 'pool' | 'clock'>, coachId: string): Promise<Set<string>> {
  const now = deps.clock.now()
  const live = await listLiveBookingsOfCoach(deps.pool, { coachId, now })
  if (live.length === 0) return new Set()
  const coach = { id: coachId } as LockedCoach
  return new Set(await clashing(deps.pool, coach, live, now))
}

/** Makes the change itself; answers what to add to the audit entry. */
async function applyChange(
  deps: CoachChangeDeps,
  client: pg.PoolClient,
  coach: LockedCoach,
  change: CoachChange,
  by: CoachChangeBy,
  now: Date,
): Promise<Record<string, string | number | string[]>> {
  switch (change.kind) {
    case 'deactivate': {
      if (coach.staffUserId === by.staff.userId) throw new ForbiddenError(COACH_CHANGE_MESSAGES.yourself)
      if (!coach.active) throw new ConflictError('no_change', COACH_CHANGE_MESSAGES.alreadyInactive)
      await setStaffActive(client, coach.staffUserId, false, now)
      const sessionsEnded = await deleteSessionsOfUser(client, coach.staffUserId)
      await deletePendingSignInsOfUser(client, coach.staffUserId)
      await closePasswordLinksOfUser(client, coach.staffUserId, now)
      // The staff page's entry for an account switched off, as setAccountActive writes it.
      await recordStaffChange(deps.audit, client, by, {
        action: StaffAuditActions.accountDeactivated,
        subjectType: 'staff_user',
        subjectId: coach.staffUserId,
        details: { sessionsEnded },
      })
      return { staffUserId: coach.staffUserId }
    }
    case 'leave-programmes': {
      const current = await findCoachOpenProgrammeIds(client, coach.id)
      const removed = change.programmeIds.filter((id) => current.includes(id))
      await removeCoachFromProgrammes(client, coach.id, removed)
      return { programmeIds: removed }
    }
    case 'time-off':
      return { timeOffId: await insertTimeOff(client, coach.id, change.timeOff) }
    case 'day-off':
      return { dateOverrideId: await insertDateOverride(client, coach.id, { date: change.date, kind: 'day_off' }) }
    case 'weekly-hours':
      await replaceWeeklyWindows(client, coach.id, change.windows)
      return { weeklyWindows: change.windows.length }
    case 'settings':
      await updateCoachSettings(client, coach.id, change.settings)
      return { timeZone: change.settings.timeZone }
    case 'remove-date':
      if (!(await deleteDateOverride(client, coach.id, change.overrideId))) throw new NotFoundError(COACH_CHANGE_MESSAGES.noSuchDate)
      return { dateOverrideId: change.overrideId }
    case 'clashes':
      return {}
  }
}

/**
 * The live conversations the coach can no longer hold as their availability
 * now stands: outside their hours (a day off, narrower hours), in time off,
 * or on a programme they have left or with the coach no longer active.
 * Buffers and the daily maximum are rules for new bookings, not reasons to
 * move one already made.
 */
async function clashing(
  client: Queryable,
  coach: LockedCoach,
  live: readonly { id: string; programmeId: string; startsAt: Date; endsAt: Date }[],
  now: Date,
): Promise<string[]> {
  const out: string[] = []
  for (const booking of live) {
    const [schedule] = await loadCoachSchedules(client, {
      programmeId: booking.programmeId,
      coachIds: [coach.id],
      from: booking.startsAt,
      to: booking.endsAt,
      now,
      bookingId: booking.id,
    })
    if (!schedule) {
      out.push(booking.id)
      continue
    }
    const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / MINUTE_MS)
    const check = checkSlot(
      { ...schedule, bookings: [], holds: [], dailyMaximum: null },
      { now, rules: { durationMinutes, stepMinutes: 1, minimumNoticeMinutes: 0, horizonDays: MAXIMUM_HORIZON_DAYS } },
      booking.startsAt,
    )
    if (!check.free && (check.reason === 'outside-working-hours' || check.reason === 'time-off')) out.push(booking.id)
  }
  return out
}

/** To the fairest other coach free at the same time (as booking does), or cancelled with an apology. */
async function moveOrCancel(
  deps: CoachChangeDeps,
  client: pg.PoolClient,
  booking: Booking,
  fromCoachId: string,
  viewer: BookingViewer,
  reason: string,
  now: Date,
): Promise<AffectedConversation> {
  const about = {
    bookingId: booking.id,
    reference: booking.reference,
    programme: { id: booking.programme.id, name: booking.programme.name },
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    candidateName: booking.candidate.name,
    candidateTimeZone: booking.candidateTimeZone,
  }
  const placement: Placement = {
    programme: { ...booking.programme, minimumNoticeMinutes: 0, horizonDays: MAXIMUM_HORIZON_DAYS },
    start: booking.startsAt,
    end: booking.endsAt,
    now,
    bookingId: booking.id,
    preferredCoachId: null,
  }
  const free = (await freeCoachesInOrder(client, placement)).filter((id) => id !== fromCoachId)
  const moved = free.length > 0
    ? await moveToFirstFreeCoach(client, booking, free, placement, { kind: 'reassigned', viewer, candidateTimeZone: booking.candidateTimeZone, reason })
    : null
  if (moved) {
    await deps.notifier.bookingChanged(client, {
      kind: 'reassigned',
      bookingId: booking.id,
      start: booking.startsAt,
      end: booking.endsAt,
      sequence: moved.sequence,
      coachId: moved.coachId,
      previousCoachId: fromCoachId,
    })
    return { ...about, outcome: 'moved', newCoach: { id: moved.coachId, name: '' } }
  }

  const { actor } = actorOf(viewer)
  await cancelWithin(client, deps.notifier, booking, { viewer, by: actor === 'candidate' || actor === 'system' ? 'admin' : actor, reason, now })
  return { ...about, outcome: 'cancelled', newCoach: null }
}
