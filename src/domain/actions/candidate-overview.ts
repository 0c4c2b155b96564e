/**
 * A candidate's page for the programme team, reached from any row of the
 * follow-up review: who they are (name and contact details, which admins
 * see), every booking made with their email address, each booking's actions,
 * and its timeline (src/domain/booking-timeline). Nothing of the notes beyond
 * the actions. Opening it is written to the audit log.
 */
import type { AuditLog, StaffRequest } from '../audit/events.js'
import { staffActor } from '../audit/events.js'
import { bookingTimeline, type TimelineEntry } from '../booking-timeline/index.js'
import { NotFoundError } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import type { Queryable } from '../../repositories/db.js'
import { findCandidateBookings, listActionsOfBookings, type CandidateActionRow, type CandidateBookingRow } from '../../repositories/candidate-overview.js'

const CANDIDATE_VIEWED_AUDIT_ACTION = 'candidate.viewed'

interface CandidateOverview {
  candidate: { name: string; email: string; phone: string | null }
  /** The booking the page was opened from. */
  bookingId: string
  bookings: (CandidateBookingRow & { actions: CandidateActionRow[]; timeline: TimelineEntry[] })[]
}

class CandidateNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such booking')
  }
}

export async function candidateOverview(
  deps: { pool: Queryable; audit: Pick<AuditLog, 'record'> },
  bookingId: string,
  by: StaffRequest,
): Promise<CandidateOverview> {
  if (!looksLikeUuid(bookingId)) throw new CandidateNotFoundError()
  const id = bookingId.toLowerCase()
  const bookings = await findCandidateBookings(deps.pool, id)
  const opened = bookings.find((b) => b.id === id)
  if (!opened) throw new CandidateNotFoundError()
  const [actions, timelines] = await Promise.all([
    listActionsOfBookings(deps.pool, bookings.map((b) => b.id)),
    Promise.all(bookings.map((b) => bookingTimeline(deps.pool, b.id))),
  ])
  await deps.audit.record({
    actor: staffActor(by.staff.userId),
    action: CANDIDATE_VIEWED_AUDIT_ACTION,
    subjectType: 'booking',
    subjectId: id,
    result: 'success',
    ip: by.ip ?? null,
    requestId: by.requestId ?? null,
    details: { bookings: bookings.length },
  })
  return {
    candidate: { name: opened.candidateName, email: opened.candidateEmail, phone: opened.candidatePhone },
    bookingId: id,
    bookings: bookings.map((booking, i) => ({ ...booking, actions: actions.filter((a) => a.bookingId === booking.id), timeline: timelines[i]! })),
  }
}
