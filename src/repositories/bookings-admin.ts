/**
 * The programme team's bookings list in SQL (/admin/bookings, GET
 * /api/v1/admin/bookings): one page by keyset, one statement. The key is
 * (starts_at, id): unique, so "after this row" is a row comparison the index
 * bookings (starts_at, id) starts from (or, with a programme or coach, the
 * (programme_id, starts_at) and (coach_id, starts_at) indexes). The same
 * approach as the follow-up review's (./action-review.ts); the search is the
 * same expression as its trigram index.
 */
import { CANDIDATE_SEARCH_SQL, containsPattern } from './action-review.js'
import type { Queryable } from './db.js'
import type { Booking, Coach, Programme, StaffUser } from './rows.js'
import type { BookingListStatus } from '../domain/bookings-admin/query.js'

export interface BookingListFiltersSql {
  programmeId?: string
  coachId?: string
  status?: BookingListStatus
  /** [start, end): when the conversation starts. */
  startFrom?: Date
  startBefore?: Date
  q?: string
}

export type BookingListRow = Pick<
  Booking,
  | 'id'
  | 'reference'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'createdAt'
  | 'cancelledAt'
  | 'cancellationReason'
  | 'candidateName'
  | 'candidateEmail'
  | 'contactMethod'
  | 'programmeId'
  | 'coachId'
> & {
  programmeSlug: Programme['slug']
  programmeName: Programme['name']
  coachName: StaffUser['name']
  /** The coach profile and their account both active. */
  coachActive: Coach['active']
  /** The sort key as text: (start with microseconds in UTC, id). */
  sortKey: [string, string]
}

const SELECT = `SELECT b.id, b.reference, b.status::text AS status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
       b.created_at AS "createdAt", b.cancelled_at AS "cancelledAt", b.cancellation_reason AS "cancellationReason",
       b.candidate_name AS "candidateName", b.candidate_email AS "candidateEmail", b.contact_method::text AS "contactMethod",
       p.id AS "programmeId", p.slug AS "programmeSlug", p.name AS "programmeName",
       c.id AS "coachId", s.name AS "coachName", (s.active AND c.active) AS "coachActive",
       to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS k0, b.id::text AS k1
  FROM bookings b
  JOIN programmes p ON p.id = b.programme_id
  JOIN coaches c ON c.id = b.coach_id
  JOIN staff_users s ON s.id = c.staff_user_id`

type Raw = Omit<BookingListRow, 'sortKey'> & { k0: string; k1: string }
const toRow = ({ k0, k1, ...row }: Raw): BookingListRow => ({ ...row, sortKey: [k0, k1] })

/** One page of matching bookings in start order (descending with `descending`), starting after `after`. */
export async function listBookingsPage(
  db: Queryable,
  request: { filters: BookingListFiltersSql; descending: boolean; after: [string, string] | null; limit: number },
): Promise<BookingListRow[]> {
  const values: unknown[] = []
  const add = (value: unknown, type: string) => {
    values.push(value)
    return `$${values.length}::${type}`
  }
  const { filters } = request
  const where: string[] = []
  if (filters.programmeId) where.push(`b.programme_id = ${add(filters.programmeId, 'uuid')}`)
  if (filters.coachId) where.push(`b.coach_id = ${add(filters.coachId, 'uuid')}`)
  if (filters.status) where.push(`b.status = ${add(filters.status, 'booking_status')}`)
  if (filters.startFrom) where.push(`b.starts_at >= ${add(filters.startFrom, 'timestamptz')}`)
  if (filters.startBefore) where.push(`b.starts_at < ${add(filters.startBefore, 'timestamptz')}`)
  if (filters.q) where.push(`${CANDIDATE_SEARCH_SQL} ILIKE ${add(containsPattern(filters.q), 'text')}`)
  const direction = request.descending ? 'DESC' : 'ASC'
  if (request.after) {
    where.push(`(b.starts_at, b.id) ${request.descending ? '<' : '>'} (${add(request.after[0], 'timestamptz')}, ${add(request.after[1], 'uuid')})`)
  }
  const { rows } = await db.query<Raw>(
    `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY b.starts_at ${direction}, b.id ${direction}
      LIMIT ${add(request.limit, 'int')}`,
    values,
  )
  return rows.map(toRow)
}

/** One booking as the list shows it, or null. */
export async function findBookingForAdmin(db: Queryable, bookingId: string): Promise<BookingListRow | null> {
  const { rows } = await db.query<Raw>(`${SELECT} WHERE b.id = $1::uuid`, [bookingId])
  return rows[0] ? toRow(rows[0]) : null
}

/** The other active coaches of the booking's programme, by name: whom the page offers to move it to. */
export async function otherCoachesOfProgramme(db: Queryable, programmeId: string, exceptCoachId: string): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT c.id, s.name FROM programme_coaches pc
       JOIN coaches c ON c.id = pc.coach_id JOIN staff_users s ON s.id = c.staff_user_id
      WHERE pc.programme_id = $1::uuid AND c.id <> $2::uuid AND s.active AND c.active
      ORDER BY s.name, c.id`,
    [programmeId, exceptCoachId],
  )
  return rows
}
