/**
 * What a change that takes a coach away from booked conversations reads and
 * locks (src/domain/coach-changes): the coach's row, taken FOR UPDATE before
 * anything else, and the coach's live future conversations.
 */
import type { Queryable } from './db.js'
import type { Coach, StaffUser } from './rows.js'

export type LockedCoach = Pick<Coach, 'id' | 'staffUserId' | 'timeZone'> &
  Pick<StaffUser, 'name'> & {
    /** The coach's account is active (they can sign in and take conversations). */
    active: boolean
  }

/**
 * Takes the coach's row FOR UPDATE until the transaction ends. A booking in
 * flight holds the row in share mode (lockCoachDays), so this waits until it
 * has committed (and its booking is then seen by listLiveBookingsOfCoach);
 * a booking arriving later waits for this transaction, then reads the coach
 * as it left them. Null when there is no such coach.
 */
export async function lockCoachForChange(db: Queryable, coachId: string): Promise<LockedCoach | null> {
  const { rows } = await db.query<LockedCoach>(
    `SELECT c.id, c.staff_user_id AS "staffUserId", s.name, c.time_zone AS "timeZone", (c.active AND s.active) AS active
       FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.id = $1
        FOR UPDATE OF c`,
    [coachId],
  )
  return rows[0] ?? null
}

/** The coach's live conversations that have not started by `now` (on `programmeIds` only, when given), soonest first. */
export async function listLiveBookingsOfCoach(
  db: Queryable,
  query: { coachId: string; now: Date; programmeIds?: readonly string[] | null },
): Promise<{ id: string; programmeId: string; startsAt: Date; endsAt: Date }[]> {
  const { rows } = await db.query<{ id: string; programmeId: string; startsAt: Date; endsAt: Date }>(
    `SELECT id, programme_id AS "programmeId", starts_at AS "startsAt", ends_at AS "endsAt"
       FROM bookings
      WHERE coach_id = $1 AND status = 'booked' AND starts_at > $2
        AND ($3::uuid[] IS NULL OR programme_id = ANY($3::uuid[]))
      ORDER BY starts_at, id`,
    [query.coachId, query.now, query.programmeIds ?? null],
  )
  return rows
}

/** The coach a booking is with, for the plan's words. */
export async function coachNames(db: Queryable, coachIds: readonly string[]): Promise<Map<string, string>> {
  if (coachIds.length === 0) return new Map()
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT c.id, s.name FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = ANY($1::uuid[])`,
    [coachIds],
  )
  return new Map(rows.map((row) => [row.id, row.name]))
}

/** Of these bookings, the live ones still to come, locked (FOR UPDATE), with what a cancellation needs. */
export async function lockLiveBookingsForErasure(
  db: Queryable,
  bookingIds: readonly string[],
  now: Date,
): Promise<{ id: string; coachId: string; startsAt: Date; endsAt: Date; sequence: number; calendarUid: string | null }[]> {
  if (bookingIds.length === 0) return []
  const { rows } = await db.query<{ id: string; coachId: string; startsAt: Date; endsAt: Date; sequence: number; calendarUid: string | null }>(
    `SELECT id, coach_id AS "coachId", starts_at AS "startsAt", ends_at AS "endsAt", sequence, calendar_uid AS "calendarUid"
       FROM bookings
      WHERE id = ANY($1::uuid[]) AND status = 'booked' AND starts_at > $2
      ORDER BY starts_at, id
        FOR UPDATE`,
    [bookingIds, now],
  )
  return rows
}
