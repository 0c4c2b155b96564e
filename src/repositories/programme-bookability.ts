/**
 * Whether a programme can be booked at all (DECISIONS.md, "Not bookable"):
 * it needs an active coach, with working hours somewhere in its booking
 * window. A programme whose times are all taken is bookable (the waitlist).
 */
import type { Queryable } from './db.js'

/** Why a programme is not bookable. */
type NotBookableReason = 'no_active_coach' | 'no_working_hours'

export const NOT_BOOKABLE_TEXT: Record<NotBookableReason, string> = {
  no_active_coach: 'Not bookable: no active coach is on this programme. Add one on their staff page.',
  no_working_hours: 'Not bookable: none of its coaches has working hours in the booking window. Add weekly hours or extra hours on a coach’s availability.',
}

/**
 * For each of these programmes that is not bookable, why. Working hours are
 * weekly hours (a booking window of a week or more meets every weekday; a
 * shorter one only the weekdays it covers, on the coach's clock) or extra
 * hours on a date in the window.
 */
export async function notBookableProgrammes(db: Queryable, programmeIds: readonly string[], now: Date): Promise<Map<string, NotBookableReason>> {
  if (programmeIds.length === 0) return new Map()
  const { rows } = await db.query<{ id: string; reason: NotBookableReason | null }>(
    `WITH active_coaches AS (
       SELECT pc.programme_id, c.id AS coach_id, c.time_zone
         FROM programme_coaches pc JOIN coaches c ON c.id = pc.coach_id JOIN staff_users s ON s.id = c.staff_user_id
        WHERE c.active AND s.active AND pc.programme_id = ANY($1::uuid[]))
     SELECT p.id,
            CASE
              WHEN NOT EXISTS (SELECT 1 FROM active_coaches ac WHERE ac.programme_id = p.id) THEN 'no_active_coach'
              WHEN NOT EXISTS (
                SELECT 1 FROM active_coaches ac
                 WHERE ac.programme_id = p.id
                   AND (EXISTS (SELECT 1 FROM availability_windows w
                                 WHERE w.coach_id = ac.coach_id
                                   AND (p.horizon_days >= 6 OR EXISTS (
                                         SELECT 1 FROM generate_series(($2::timestamptz AT TIME ZONE ac.time_zone)::date,
                                                                       (($2::timestamptz + make_interval(days => p.horizon_days)) AT TIME ZONE ac.time_zone)::date,
                                                                       interval '1 day') AS d(day)
                                          WHERE extract(isodow FROM d.day) = w.weekday)))
                        OR EXISTS (SELECT 1 FROM coach_date_overrides o
                                    WHERE o.coach_id = ac.coach_id AND o.kind = 'extra_hours'
                                      AND o.date BETWEEN ($2::timestamptz AT TIME ZONE ac.time_zone)::date
                                                     AND (($2::timestamptz + make_interval(days => p.horizon_days)) AT TIME ZONE ac.time_zone)::date))
              ) THEN 'no_working_hours'
            END AS reason
       FROM programmes p
      WHERE p.id = ANY($1::uuid[])`,
    [programmeIds, now],
  )
  return new Map(rows.filter((row) => row.reason !== null).map((row) => [row.id, row.reason!]))
}
