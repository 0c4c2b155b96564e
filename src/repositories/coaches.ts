/**
 * Coaches as the slot builder and the booking service read them: their
 * weekly windows, date overrides, time off, live bookings and holds near a
 * stretch of time, and how busy each is (for a fair share of bookings).
 */
import type { CoachLoad } from '../domain/booking/coach-choice.js'
import type { CoachSchedule, DateOverride, WeeklyWindow, Weekday } from '../domain/slots/index.js'
import { DAY_MS } from '../domain/slots/zone-time.js'
import type { Queryable } from './db.js'
import { prepared } from './db.js'
import type { Coach, StaffUser } from './rows.js'

/** A coach's schedule, with their first name for the candidate. */
interface CoachScheduleRecord extends CoachSchedule {
  fullName: string
}

interface ScheduleQuery {
  /** The programme's active coaches... */
  programmeId: string
  /** ...or only these of them. */
  coachIds?: readonly string[]
  /** Busy times, time off and overrides are read for [from - 2 days, to + 2 days): enough for buffers and daily maxima. */
  from: Date
  to: Date
  /** Holds that expire by now are over. */
  now: Date
  /** Leave out this holder's hold (theirs is free to them). */
  holderKeyHash?: string | null
  /** Leave out this booking (the one being moved). */
  bookingId?: string | null
}

/** A coach with everything near the dates asked, as one row: times as epoch milliseconds. */
type ScheduleRow = Pick<Coach, 'id' | 'timeZone' | 'bufferMinutes' | 'dailyMaximum'> & {
  fullName: StaffUser['name']
  /** [weekday, start minute, end minute] */
  windows: [number, number, number][]
  /** [date, kind, start minute, end minute] */
  overrides: [string, 'day_off' | 'extra_hours', number | null, number | null][]
  /** Time off and busy times from the coach's calendar. */
  timeOff: [number, number][]
  bookings: [number, number][]
  /** [start, end, expires] */
  holds: [number, number, number][]
}

/**
 * The schedules of a programme's active coaches (active staff accounts
 * only), ordered by id: one statement, each coach's rows gathered by the
 * database (a booking checks one coach under lock, so every round trip counts).
 */
export async function loadCoachSchedules(db: Queryable, query: ScheduleQuery): Promise<CoachScheduleRecord[]> {
  const from = new Date(query.from.getTime() - 2 * DAY_MS)
  const to = new Date(query.to.getTime() + 2 * DAY_MS)
  const { rows } = await db.query<ScheduleRow>(
    prepared(
      'load-coach-schedules',
      `SELECT c.id, c.time_zone AS "timeZone", c.buffer_minutes AS "bufferMinutes",
            c.daily_maximum AS "dailyMaximum", s.name AS "fullName",
            (SELECT coalesce(json_agg(json_build_array(w.weekday, w.start_minute, w.end_minute) ORDER BY w.weekday, w.start_minute), '[]')
               FROM availability_windows w WHERE w.coach_id = c.id) AS windows,
            (SELECT coalesce(json_agg(json_build_array(o.date::text, o.kind, o.start_minute, o.end_minute)), '[]')
               FROM coach_date_overrides o
              WHERE o.coach_id = c.id AND o.date BETWEEN ($3::timestamptz AT TIME ZONE 'UTC')::date - 1
                                                    AND ($4::timestamptz AT TIME ZONE 'UTC')::date + 1) AS overrides,
            -- Busy times from the coach's own calendar block slots exactly like time off.
            (SELECT coalesce(json_agg(json_build_array(${ms('t.starts_at')}, ${ms('t.ends_at')})), '[]')
               FROM (SELECT starts_at, ends_at FROM coach_time_off WHERE coach_id = c.id AND ends_at > $3 AND starts_at < $4
                     UNION ALL
                     SELECT starts_at, ends_at FROM calendar_busy_times WHERE coach_id = c.id AND ends_at > $3 AND starts_at < $4) t) AS "timeOff",
            (SELECT coalesce(json_agg(json_build_array(${ms('b.starts_at')}, ${ms('b.ends_at')})), '[]')
               FROM bookings b
              WHERE b.coach_id = c.id AND b.status <> 'cancelled' AND b.ends_at > $3 AND b.starts_at < $4
                -- No conversation lasts a day: this keeps the index scan to the dates asked, not the coach's whole history.
                AND b.starts_at > $3::timestamptz - interval '1 day'
                AND ($5::uuid IS NULL OR b.id <> $5::uuid)) AS bookings,
            (SELECT coalesce(json_agg(json_build_array(${ms('h.starts_at')}, ${ms('h.ends_at')}, ${ms('h.expires_at')})), '[]')
               FROM slot_holds h
              WHERE h.coach_id = c.id AND h.expires_at > $6 AND h.ends_at > $3 AND h.starts_at < $4
                AND ($7::text IS NULL OR h.holder_key_hash <> $7::text)) AS holds
       FROM coaches c
       JOIN programme_coaches pc ON pc.coach_id = c.id AND pc.programme_id = $1
       JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.active AND s.active AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
      ORDER BY c.id`,
      [query.programmeId, query.coachIds ?? null, from, to, query.bookingId ?? null, query.now, query.holderKeyHash ?? null],
    ),
  )
  return rows.map((coach) => ({
    coachId: coach.id,
    fullName: coach.fullName,
    timeZone: coach.timeZone,
    bufferMinutes: coach.bufferMinutes,
    dailyMaximum: coach.dailyMaximum,
    weeklyAvailability: coach.windows.map(([weekday, start, end]): WeeklyWindow => ({ weekday: weekday as Weekday, start: hhmm(start), end: hhmm(end) })),
    dateOverrides: coach.overrides.map(([date, kind, start, end]): DateOverride =>
      kind === 'day_off' ? { date, kind: 'day-off' } : { date, kind: 'extra-hours', windows: [{ start: hhmm(start!), end: hhmm(end!) }] },
    ),
    timeOff: coach.timeOff.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
    bookings: coach.bookings.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
    holds: coach.holds.map(([start, end, expires]) => ({ start: new Date(start), end: new Date(end), expiresAt: new Date(expires) })),
  }))
}

/** A timestamp as whole epoch milliseconds, in SQL. */
function ms(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000)::bigint`
}

/**
 * Takes the coach's row lock until the transaction ends: what a change to the
 * coach's availability takes, so it waits for bookings in flight (they hold
 * the row in share mode, lockCoachDays) and new bookings wait for it. NO KEY
 * UPDATE does not wait for the key-share locks that inserting a booking (a
 * foreign key to the coach) takes.
 */
export async function lockCoach(db: Queryable, coachId: string): Promise<void> {
  await db.query('SELECT 1 FROM coaches WHERE id = $1 FOR NO KEY UPDATE', [coachId])
}

/** Wider than any buffer (at most 240 minutes): the days a booking's buffers can reach. */
const LOCK_REACH_MINUTES = 4 * 60

/** What lockCoachDays found: the days are locked; another booking in flight has one of them (when not waiting); the coach is gone. */
type CoachDaysLock = 'locked' | 'busy' | 'gone'

/**
 * Locks, until the transaction or savepoint ends, the coach's local days that
 * [start, end) and its buffers can reach, after taking the coach's row in
 * share mode (so an availability change, the zone included, waits until the
 * booking is done, and the days are the right ones). Bookings of the coach
 * that could clash or share a day's maximum lock at least one day in common,
 * so they are checked one after the other; others go ahead side by side. Days
 * are locked in order, so two bookings never wait for each other in a circle.
 *
 * With `wait: false` it does not queue behind another booking in flight: it
 * answers 'busy' at once (roll the savepoint back to let go of any day it did
 * take). 'gone' when the coach no longer exists.
 */
export async function lockCoachDays(
  db: Queryable,
  coachId: string,
  start: Date,
  end: Date,
  { wait = true }: { wait?: boolean } = {},
): Promise<CoachDaysLock> {
  // One statement: the row in share mode first (the CTE), then the days on the coach's clock as PostgreSQL
  // reads their zone (every booking computes them the same way), in order.
  const { rows } = await db.query<{ locked: boolean }>(
    prepared(
      wait ? 'lock-coach-days' : 'try-lock-coach-days',
      `WITH coach AS (SELECT id, time_zone FROM coaches WHERE id = $1 FOR SHARE)
       SELECT (SELECT bool_and(${wait ? 'pg_advisory_xact_lock(hashtext(coach.id::text), day) IS NOT NULL' : 'pg_try_advisory_xact_lock(hashtext(coach.id::text), day)'})
                 FROM (SELECT generate_series(
                         (($2::timestamptz - interval '${LOCK_REACH_MINUTES} minutes') AT TIME ZONE coach.time_zone)::date - DATE '1970-01-01',
                         (($3::timestamptz + interval '${LOCK_REACH_MINUTES} minutes') AT TIME ZONE coach.time_zone)::date - DATE '1970-01-01'
                       ) AS day ORDER BY 1) AS days) AS locked
         FROM coach`,
      [coachId, start, end],
    ),
  )
  if (rows.length === 0) return 'gone'
  return rows[0]!.locked ? 'locked' : 'busy'
}

/** The zones of the programme's coaches among `coachIds` (active ones only). */
export async function coachZones(db: Queryable, programmeId: string, coachIds: readonly string[]): Promise<{ coachId: string; timeZone: string }[]> {
  if (coachIds.length === 0) return []
  const { rows } = await db.query<{ coachId: string; timeZone: string }>(
    prepared(
      'coach-zones',
      `SELECT c.id AS "coachId", c.time_zone AS "timeZone"
         FROM coaches c
         JOIN programme_coaches pc ON pc.coach_id = c.id AND pc.programme_id = $1
         JOIN staff_users s ON s.id = c.staff_user_id
        WHERE c.active AND s.active AND c.id = ANY($2::uuid[])
        ORDER BY c.id`,
      [programmeId, coachIds],
    ),
  )
  return rows
}

/** For each coach: conversations (not cancelled) starting within their given week, and when they were last given a booking. */
export async function coachLoads(
  db: Queryable,
  weeks: readonly { coachId: string; start: Date; end: Date }[],
): Promise<CoachLoad[]> {
  if (weeks.length === 0) return []
  const { rows } = await db.query<{ coachId: string; count: number; lastAssignedAt: Date | null }>(
    prepared(
      'coach-loads',
      `SELECT w.coach_id AS "coachId",
            (SELECT count(*)::int FROM bookings b
              WHERE b.coach_id = w.coach_id AND b.status <> 'cancelled'
                AND b.starts_at >= w.week_start AND b.starts_at < w.week_end) AS count,
            (SELECT max(e.occurred_at) FROM booking_events e
              WHERE e.coach_id = w.coach_id
                AND (e.kind = 'booked' OR e.previous_coach_id IS DISTINCT FROM e.coach_id)
                AND e.kind IN ('booked', 'rescheduled', 'reassigned')) AS "lastAssignedAt"
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS w(coach_id, week_start, week_end)`,
      [weeks.map((w) => w.coachId), weeks.map((w) => w.start), weeks.map((w) => w.end)],
    ),
  )
  return rows.map((row) => ({ coachId: row.coachId, conversationsThatWeek: row.count, lastAssignedAt: row.lastAssignedAt }))
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

