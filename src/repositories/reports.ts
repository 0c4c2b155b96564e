/**
 * Reads for the programme report (/api/v1/reports/programme, /admin/reports)
 * and the admin review of follow-up actions (/admin/actions). Rows only: the
 * figures are computed in src/domain/reports.
 */
import type { ActionCategory, ActionOwner, ActionStatus } from '../domain/actions/types.js'
import { looksLikeUuid } from '../domain/ids.js'
import type {
  ReportActionRow,
  ReportBookingRow,
  ReportProgramme,
  ReportStatusChangeRow,
} from '../domain/reports/programme-report.js'
import { OVERDUE_ACTION_SQL } from './actions.js'
import type { Queryable } from './db.js'

/** A programme by id or slug, active or not (a report can look back at a closed one). */
export async function findProgrammeForReport(db: Queryable, idOrSlug: string): Promise<ReportProgramme | null> {
  const byId = looksLikeUuid(idOrSlug)
  const { rows } = await db.query<ReportProgramme>(
    `SELECT id, slug, name FROM programmes WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'}`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug],
  )
  return rows[0] ?? null
}

export async function countInvitationsSent(db: Queryable, programmeId: string, start: Date, end: Date): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM invitations
      WHERE programme_id = $1 AND created_at >= $2 AND created_at < $3`,
    [programmeId, start, end],
  )
  return rows[0]?.count ?? 0
}

/** Bookings whose conversation starts in [start, end), with the invitation each answered. */
export async function bookingsForReport(db: Queryable, programmeId: string, start: Date, end: Date): Promise<ReportBookingRow[]> {
  const { rows } = await db.query<ReportBookingRow>(
    `SELECT b.id, b.status, b.cancelled_by AS "cancelledBy", b.starts_at AS "startsAt",
            i.created_at AS "invitationCreatedAt"
       FROM bookings b LEFT JOIN invitations i ON i.id = b.invitation_id
      WHERE b.programme_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3
      ORDER BY b.starts_at, b.id`,
    [programmeId, start, end],
  )
  return rows
}

export async function actionsForBookings(db: Queryable, bookingIds: readonly string[]): Promise<ReportActionRow[]> {
  if (bookingIds.length === 0) return []
  const { rows } = await db.query<ReportActionRow>(
    `SELECT id, booking_id AS "bookingId", category, status, status_changed_at AS "statusChangedAt"
       FROM actions WHERE booking_id = ANY($1::uuid[]) ORDER BY booking_id, position`,
    [bookingIds],
  )
  return rows
}

export async function statusChangesForActions(db: Queryable, actionIds: readonly string[]): Promise<ReportStatusChangeRow[]> {
  if (actionIds.length === 0) return []
  const { rows } = await db.query<ReportStatusChangeRow>(
    `SELECT action_id AS "actionId", to_status AS "toStatus", changed_at AS "changedAt", id::float8 AS sequence
       FROM action_status_changes WHERE action_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
    [actionIds],
  )
  return rows
}

// --- Reviewing actions across the programme (/admin/actions) ----------------

export interface ActionReviewFilters {
  programmeId?: string
  coachId?: string
  category?: ActionCategory
  status?: ActionStatus
  overdueOnly?: boolean
  /** Today's date in UK time (YYYY-MM-DD): an open action due before it is overdue. */
  today: string
}

export interface ActionReviewRow {
  id: string
  summary: string
  owner: ActionOwner
  dueOn: string
  category: ActionCategory
  status: ActionStatus
  overdue: boolean
  coachName: string
  bookingReference: string
  programmeName: string
}

export interface ActionReviewCounts {
  total: number
  overdue: number
  notStarted: number
  inProgress: number
  done: number
  noLongerRelevant: number
}

export interface ActionReviewSummary {
  totals: ActionReviewCounts
  byCoach: (ActionReviewCounts & { coachId: string; coachName: string })[]
  byCategory: (ActionReviewCounts & { category: ActionCategory })[]
}

function whereFor(filters: ActionReviewFilters): { sql: string; values: unknown[] } {
  const values: unknown[] = [filters.today]
  const conditions: string[] = []
  const equals = (column: string, type: string, value: string | undefined) => {
    if (!value) return
    values.push(value)
    conditions.push(`${column} = $${values.length}::${type}`)
  }
  equals('b.programme_id', 'uuid', filters.programmeId)
  equals('b.coach_id', 'uuid', filters.coachId)
  equals('a.category', 'action_category', filters.category)
  equals('a.status', 'action_status', filters.status)
  if (filters.overdueOnly) conditions.push(OVERDUE_ACTION_SQL)
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values }
}

const FROM = `FROM actions a
  JOIN bookings b ON b.id = a.booking_id
  JOIN programmes p ON p.id = b.programme_id
  JOIN coaches c ON c.id = b.coach_id
  JOIN staff_users s ON s.id = c.staff_user_id`

const COUNTS = `count(*)::int AS total,
  count(*) FILTER (WHERE ${OVERDUE_ACTION_SQL})::int AS overdue,
  count(*) FILTER (WHERE a.status = 'not_started')::int AS "notStarted",
  count(*) FILTER (WHERE a.status = 'in_progress')::int AS "inProgress",
  count(*) FILTER (WHERE a.status = 'done')::int AS done,
  count(*) FILTER (WHERE a.status = 'no_longer_relevant')::int AS "noLongerRelevant"`

/** One page of matching actions: overdue first, then by due date. */
export async function listActionsForReview(
  db: Queryable,
  filters: ActionReviewFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: ActionReviewRow[]; total: number }> {
  const where = whereFor(filters)
  const values = [...where.values, page.limit, page.offset]
  const { rows } = await db.query<ActionReviewRow & { fullCount: number }>(
    `SELECT a.id, a.summary, a.owner, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.category, a.status,
            ${OVERDUE_ACTION_SQL} AS overdue, s.name AS "coachName", b.reference AS "bookingReference", p.name AS "programmeName",
            count(*) OVER ()::int AS "fullCount"
       ${FROM} ${where.sql}
      ORDER BY ${OVERDUE_ACTION_SQL} DESC, a.due_on, b.reference, a.position
      LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  )
  let total = rows[0]?.fullCount ?? 0
  if (rows.length === 0 && page.offset > 0) {
    const counted = await db.query<ActionReviewCounts>(`SELECT ${COUNTS} ${FROM} ${where.sql}`, where.values)
    total = counted.rows[0]?.total ?? 0
  }
  return { rows: rows.map(({ fullCount: _fullCount, ...row }) => row), total }
}

/** Counts of the matching actions: in all, by coach and by category. */
export async function summariseActionsForReview(db: Queryable, filters: ActionReviewFilters): Promise<ActionReviewSummary> {
  const where = whereFor(filters)
  const [totals, byCoach, byCategory] = await Promise.all([
    db.query<ActionReviewCounts>(`SELECT ${COUNTS} ${FROM} ${where.sql}`, where.values),
    db.query<ActionReviewCounts & { coachId: string; coachName: string }>(
      `SELECT c.id AS "coachId", s.name AS "coachName", ${COUNTS} ${FROM} ${where.sql}
        GROUP BY c.id, s.name ORDER BY s.name, c.id`,
      where.values,
    ),
    db.query<ActionReviewCounts & { category: ActionCategory }>(
      `SELECT a.category, ${COUNTS} ${FROM} ${where.sql} GROUP BY a.category ORDER BY a.category`,
      where.values,
    ),
  ])
  return {
    totals: totals.rows[0] ?? { total: 0, overdue: 0, notStarted: 0, inProgress: 0, done: 0, noLongerRelevant: 0 },
    byCoach: byCoach.rows,
    byCategory: byCategory.rows,
  }
}

/** Coaches (id and name) for the filter: everyone with a coach profile. */
export async function listCoachesForReview(db: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT c.id, s.name FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id ORDER BY s.name, c.id',
  )
  return rows
}
