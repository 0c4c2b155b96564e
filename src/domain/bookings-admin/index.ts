/**
 * Bookings for the programme team: the list, filtered and read a
 * page at a time by keyset (./query.ts, src/repositories/bookings-admin.ts),
 * and one booking with its timeline (src/domain/booking-timeline, the one the
 * follow-up review's candidate page uses). Used by /admin/bookings and
 * GET /api/v1/admin/bookings(/:id) alike. Opening one booking is written to
 * the audit log (it shows the candidate's details and history).
 */
import type { AuditLog, StaffRequest } from '../audit/events.js'
import { staffActor } from '../audit/events.js'
import { bookingTimeline, type TimelineEntry } from '../booking-timeline/index.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import type { Queryable } from '../../repositories/db.js'
import { coachExists } from '../../repositories/action-review.js'
import { findBookingForAdmin, listBookingsPage, type BookingListFiltersSql, type BookingListRow } from '../../repositories/bookings-admin.js'
import { findProgrammeForReport } from '../../repositories/reports.js'
import {
  BOOKINGS_MESSAGES,
  encodeBookingCursor,
  parseBookingListQuery,
  startOfNextUkDay,
  startOfUkDay,
  type BookingListInput,
  type BookingListQuery,
  type BookingListStatus,
} from './query.js'

const BOOKING_VIEWED_AUDIT_ACTION = 'booking.viewed'

/** One booking as the programme team sees it in the list. */
export interface AdminBooking {
  id: string
  reference: string
  status: BookingListStatus
  start: string
  end: string
  bookedAt: string
  cancelledAt: string | null
  cancellationReason: string | null
  contactMethod: string
  candidate: { name: string; email: string }
  programme: { id: string; slug: string; name: string }
  coach: { id: string; name: string; active: boolean }
}

interface BookingListPage {
  bookings: AdminBooking[]
  nextCursor: string | null
  query: BookingListQuery
}

class AdminBookingNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such booking')
  }
}

function adminBooking(row: BookingListRow): AdminBooking {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    bookedAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancellationReason: row.cancellationReason,
    contactMethod: row.contactMethod,
    candidate: { name: row.candidateName, email: row.candidateEmail },
    programme: { id: row.programmeId, slug: row.programmeSlug, name: row.programmeName },
    coach: { id: row.coachId, name: row.coachName, active: row.coachActive },
  }
}

const FIELD_ORDER = ['programme', 'coach', 'status', 'from', 'to', 'q', 'sort', 'cursor', 'limit']

/** One page of bookings; `nextCursor` continues after its last row (null at the end). 400 naming every bad field. */
export async function listAdminBookings(deps: { pool: Queryable }, input: BookingListInput): Promise<BookingListPage> {
  const parsed = parseBookingListQuery(input)
  const problems: FieldProblem[] = parsed.ok ? [] : [...parsed.errors]
  // Looked up even when another field is refused, so one answer names every problem.
  const given = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
  const programmeKey = parsed.ok ? parsed.value.filters.programme : given(input.programme) || undefined
  const coachId = parsed.ok ? parsed.value.filters.coachId : looksLikeUuid(given(input.coach)) ? given(input.coach).toLowerCase() : undefined
  const [programme, coachFound] = await Promise.all([
    programmeKey && programmeKey.length <= 100 ? findProgrammeForReport(deps.pool, programmeKey) : null,
    coachId ? coachExists(deps.pool, coachId) : true,
  ])
  if (programmeKey && !programme && !problems.some((p) => p.field === 'programme')) problems.push({ field: 'programme', message: BOOKINGS_MESSAGES.programmeUnknown })
  if (!coachFound) problems.push({ field: 'coach', message: BOOKINGS_MESSAGES.coachUnknown })
  if (!parsed.ok || problems.length > 0) {
    throw new ValidationError(problems.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)))
  }
  const query = parsed.value
  const f = query.filters
  const filters: BookingListFiltersSql = {
    ...(programme ? { programmeId: programme.id } : {}),
    ...(f.coachId ? { coachId: f.coachId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.from ? { startFrom: startOfUkDay(f.from) } : {}),
    ...(f.to ? { startBefore: startOfNextUkDay(f.to) } : {}),
    ...(f.q ? { q: f.q } : {}),
  }
  const rows = await listBookingsPage(deps.pool, { filters, descending: query.sort === '-start', after: query.cursor?.key ?? null, limit: query.limit + 1 })
  const page = rows.slice(0, query.limit)
  return {
    bookings: page.map(adminBooking),
    nextCursor: rows.length > query.limit ? encodeBookingCursor({ sort: query.sort, key: page[page.length - 1]!.sortKey }) : null,
    query,
  }
}

/** One booking as the list shows it (no timeline, not audited): 404 for an unknown id. */
export async function findAdminBooking(deps: { pool: Queryable }, bookingId: string): Promise<AdminBooking> {
  if (!looksLikeUuid(bookingId)) throw new AdminBookingNotFoundError()
  const row = await findBookingForAdmin(deps.pool, bookingId.toLowerCase())
  if (!row) throw new AdminBookingNotFoundError()
  return adminBooking(row)
}

interface AdminBookingDetail {
  booking: AdminBooking
  timeline: TimelineEntry[]
}

/** One booking with its timeline, oldest first; audited as read. 404 for an unknown id. */
export async function adminBookingDetail(
  deps: { pool: Queryable; audit: Pick<AuditLog, 'record'> },
  bookingId: string,
  by: StaffRequest,
): Promise<AdminBookingDetail> {
  if (!looksLikeUuid(bookingId)) throw new AdminBookingNotFoundError()
  const id = bookingId.toLowerCase()
  const [row, timeline] = await Promise.all([findBookingForAdmin(deps.pool, id), bookingTimeline(deps.pool, id)])
  if (!row) throw new AdminBookingNotFoundError()
  await deps.audit.record({
    actor: staffActor(by.staff.userId),
    action: BOOKING_VIEWED_AUDIT_ACTION,
    subjectType: 'booking',
    subjectId: id,
    result: 'success',
    ip: by.ip ?? null,
    requestId: by.requestId ?? null,
    details: {},
  })
  return { booking: adminBooking(row), timeline }
}

/** A timeline entry as JSON: its instants as ISO 8601 (UTC), everything else as it is. */
export function timelineJson(entry: TimelineEntry): { at: string; kind: string; actor: string; actorName: string | null } & Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(entry)) json[key] = value instanceof Date ? value.toISOString() : value
  return json as { at: string; kind: string; actor: string; actorName: string | null } & Record<string, unknown>
}
