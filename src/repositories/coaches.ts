/**
 * Coaches as the slot builder and the booking service read them: their
 * weekly windows, date overrides, time off, live bookings and holds near a
 * stretch of time, and how busy each is (for a fair share of bookings).
 */
import type { CoachLoad } from '../domain/booking/coach-choice.js'
import type { CoachSchedule, DateOverride, WeeklyWindow, Weekday } from '../domain/slots/index.js'
import { DAY_MS, MINUTE_MS, ZoneClock } from '../domain/slots/zone-time.js'
import type { Queryable } from './db.js'

/** A coach's schedule, with their first name for the candidate. */
export interface CoachScheduleRecord extends CoachSchedule {
  fullName: string
}

export interface ScheduleQuery {
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

interface CoachRow {
  id: string
  timeZone: string
  bufferMinutes: number
  dailyMaximum: number
  fullName: string
}

interface OverrideRow {
  coachId: string
  date: string
  kind: 'day_off' | 'extra_hours'
  startMinute: number | null
  endMinute: number | null
}

/** The schedules of a programme's active coaches (active staff accounts only), ordered by id. */
export async function loadCoachSchedules(db: Queryable, query: ScheduleQuery): Promise<CoachScheduleRecord[]> {
  const { rows: coaches } = await db.query<CoachRow>(
    `SELECT c.id, c.time_zone AS "timeZone", c.buffer_minutes AS "bufferMinutes",
            c.daily_maximum AS "dailyMaximum", s.name AS "fullName"
       FROM coaches c
       JOIN programme_coaches pc ON pc.coach_id = c.id AND pc.programme_id = $1
       JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.active AND s.active AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
      ORDER BY c.id`,
    [query.programmeId, query.coachIds ?? null],
  )
  if (coaches.length === 0) return []
  const ids = coaches.map((c) => c.id)
  const from = new Date(query.from.getTime() - 2 * DAY_MS)
  const to = new Date(query.to.getTime() + 2 * DAY_MS)

  // One after another: on a transaction's client, queries cannot overlap.
  const windows = await db.query<{ coachId: string; weekday: number; startMinute: number; endMinute: number }>(
    `SELECT coach_id AS "coachId", weekday, start_minute AS "startMinute", end_minute AS "endMinute"
       FROM availability_windows WHERE coach_id = ANY($1::uuid[])
      ORDER BY weekday, start_minute`,
    [ids],
  )
  const overrides = await db.query<OverrideRow>(
    `SELECT coach_id AS "coachId", date::text AS date, kind, start_minute AS "startMinute", end_minute AS "endMinute"
       FROM coach_date_overrides
      WHERE coach_id = ANY($1::uuid[]) AND date BETWEEN ($2::timestamptz AT TIME ZONE 'UTC')::date - 1
                                                  AND ($3::timestamptz AT TIME ZONE 'UTC')::date + 1`,
    [ids, from, to],
  )
  const timeOff = await db.query<{ coachId: string; start: Date; end: Date }>(
    `SELECT coach_id AS "coachId", starts_at AS start, ends_at AS end
       FROM coach_time_off WHERE coach_id = ANY($1::uuid[]) AND ends_at > $2 AND starts_at < $3`,
    [ids, from, to],
  )
  const bookings = await db.query<{ coachId: string; start: Date; end: Date }>(
    `SELECT coach_id AS "coachId", starts_at AS start, ends_at AS end
       FROM bookings
      WHERE coach_id = ANY($1::uuid[]) AND status <> 'cancelled' AND ends_at > $2 AND starts_at < $3
        -- No conversation lasts a day: this keeps the index scan to the dates asked, not the coach's whole history.
        AND starts_at > $2::timestamptz - interval '1 day'
        AND ($4::uuid IS NULL OR id <> $4::uuid)`,
    [ids, from, to, query.bookingId ?? null],
  )
  const holds = await db.query<{ coachId: string; start: Date; end: Date; expiresAt: Date }>(
    `SELECT coach_id AS "coachId", starts_at AS start, ends_at AS end, expires_at AS "expiresAt"
       FROM slot_holds
      WHERE coach_id = ANY($1::uuid[]) AND expires_at > $2 AND ends_at > $3 AND starts_at < $4
        AND ($5::text IS NULL OR holder_key_hash <> $5::text)`,
    [ids, query.now, from, to, query.holderKeyHash ?? null],
  )

  // Grouped once by coach: filtering every row for every coach grew as coaches squared.
  const windowsOf = byCoach(windows.rows)
  const overridesOf = byCoach(overrides.rows)
  const timeOffOf = byCoach(timeOff.rows)
  const bookingsOf = byCoach(bookings.rows)
  const holdsOf = byCoach(holds.rows)
  return coaches.map((coach) => ({
    coachId: coach.id,
    fullName: coach.fullName,
    timeZone: coach.timeZone,
    bufferMinutes: coach.bufferMinutes,
    dailyMaximum: coach.dailyMaximum,
    weeklyAvailability: (windowsOf.get(coach.id) ?? []).map(
      (w): WeeklyWindow => ({ weekday: w.weekday as Weekday, start: hhmm(w.startMinute), end: hhmm(w.endMinute) }),
    ),
    dateOverrides: (overridesOf.get(coach.id) ?? []).map((o): DateOverride =>
      o.kind === 'day_off'
        ? { date: o.date, kind: 'day-off' }
        : { date: o.date, kind: 'extra-hours', windows: [{ start: hhmm(o.startMinute!), end: hhmm(o.endMinute!) }] },
    ),
    timeOff: (timeOffOf.get(coach.id) ?? []).map(({ start, end }) => ({ start, end })),
    bookings: (bookingsOf.get(coach.id) ?? []).map(({ start, end }) => ({ start, end })),
    holds: (holdsOf.get(coach.id) ?? []).map(({ start, end, expiresAt }) => ({ start, end, expiresAt })),
  }))
}

function byCoach<R extends { coachId: string }>(rows: readonly R[]): Map<string, R[]> {
  const grouped = new Map<string, R[]>()
  for (const row of rows) {
    const list = grouped.get(row.coachId)
    if (list) list.push(row)
    else grouped.set(row.coachId, [row])
  }
  return grouped
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
const LOCK_REACH_MS = 4 * 60 * MINUTE_MS

/** What lockCoachDays found: the days are locked; another booking in flight has one of them (when not waiting); the coach is gone or changed zone. */
export type CoachDaysLock = 'locked' | 'busy' | 'gone'

/**
 * Locks, until the transaction or savepoint ends, the coach's local days that
 * [start, end) and its buffers can reach, and holds the coach's row in share
 * mode (an availability change waits). Bookings of the coach that could clash
 * or share a day's maximum lock at least one day in common, so they are
 * checked one after the other; others go ahead side by side. Days are locked
 * in order, so two bookings never wait for each other in a circle.
 *
 * With `wait: false` it does not queue behind another booking in flight: it
 * answers 'busy' at once (roll the savepoint back to let go of any day it did
 * take). 'gone' when the coach no longer exists or changed zone meanwhile
 * (the days would be the wrong ones).
 */
export async function lockCoachDays(
  db: Queryable,
  coachId: string,
  start: Date,
  end: Date,
  { wait = true }: { wait?: boolean } = {},
): Promise<CoachDaysLock> {
  const before = await db.query<{ timeZone: string }>('SELECT time_zone AS "timeZone" FROM coaches WHERE id = $1', [coachId])
  const zone = before.rows[0]?.timeZone
  if (zone === undefined) return 'gone'
  const clock = ZoneClock.for(zone)
  const first = clock.localDayOf(start.getTime() - LOCK_REACH_MS)
  const last = clock.localDayOf(end.getTime() + LOCK_REACH_MS)
  const days = Array.from({ length: last - first + 1 }, (_, i) => first + i)
  // Two-number advisory locks: (the coach, the day), apart from the one-number lock migrations take.
  const { rows } = await db.query<{ locked: boolean }>(
    wait
      ? `SELECT bool_and(pg_advisory_xact_lock(hashtext($1::text), day) IS NOT NULL) AS locked
           FROM (SELECT unnest($2::int[]) AS day ORDER BY 1) AS days`
      : `SELECT bool_and(pg_try_advisory_xact_lock(hashtext($1::text), day)) AS locked
           FROM (SELECT unnest($2::int[]) AS day ORDER BY 1) AS days`,
    [coachId, days],
  )
  if (!rows[0]?.locked) return 'busy'
  const after = await db.query<{ timeZone: string }>('SELECT time_zone AS "timeZone" FROM coaches WHERE id = $1 FOR SHARE', [coachId])
  return after.rows[0]?.timeZone === zone ? 'locked' : 'gone'
}

/** The zones of the programme's coaches among `coachIds` (active ones only). */
export async function coachZones(db: Queryable, programmeId: string, coachIds: readonly string[]): Promise<{ coachId: string; timeZone: string }[]> {
  if (coachIds.length === 0) return []
  const { rows } = await db.query<{ coachId: string; timeZone: string }>(
    `SELECT c.id AS "coachId", c.time_zone AS "timeZone"
       FROM coaches c
       JOIN programme_coaches pc ON pc.coach_id = c.id AND pc.programme_id = $1
       JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.active AND s.active AND c.id = ANY($2::uuid[])
      ORDER BY c.id`,
    [programmeId, coachIds],
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
  )
  return rows.map((row) => ({ coachId: row.coachId, conversationsThatWeek: row.count, lastAssignedAt: row.lastAssignedAt }))
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

