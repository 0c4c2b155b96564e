/**
 * A coach's availability as the availability pages read and change it: the
 * coach row's settings, weekly windows, date overrides and time off. The slot
 * builder reads the same tables (repositories/coaches.ts), so a change here
 * is in the next slot listing.
 *
 * Functions that change something take the transaction's client; call
 * `lockCoachAvailability` first, so two changes to one coach's availability
 * (and bookings for that coach, which take the same lock) go one at a time.
 */
import type {
  CoachAvailabilitySettings,
  DateOverrideRecord,
  NewDateOverride,
  NewTimeOff,
  TimeOffRecord,
  WeeklyHoursWindow,
} from '../domain/availability/index.js'
import { looksLikeUuid } from '../domain/ids.js'
import type { Weekday } from '../domain/slots/index.js'
import { lockCoach } from './coaches.js'
import type { Queryable } from './db.js'
import type { Coach, StaffUser } from './rows.js'

/**
 * The coach's settings, their usual video meeting room (videoLink, if they
 * have given one) and full name (for admins' pages, never for the audit log).
 */
export interface AvailabilityCoach extends CoachAvailabilitySettings, Pick<Coach, 'id' | 'videoLink'>, Pick<StaffUser, 'name'> {
  /** The coach profile and their account both active. */
  active: boolean
}

type CoachListEntry = Pick<Coach, 'id' | 'timeZone'> &
  Pick<StaffUser, 'name'> & {
    /** The coach profile and their account both active. */
    active: boolean
    /** Names of the programmes the coach is on, in name order. */
    programmes: string[]
  }

export async function findAvailabilityCoach(db: Queryable, coachId: string): Promise<AvailabilityCoach | null> {
  if (!looksLikeUuid(coachId)) return null
  const { rows } = await db.query<AvailabilityCoach>(
    `SELECT c.id, s.name, c.time_zone AS "timeZone", c.buffer_minutes AS "bufferMinutes",
            c.daily_maximum AS "dailyMaximum", c.video_link AS "videoLink", (c.active AND s.active) AS active
       FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id
      WHERE c.id = $1`,
    [coachId],
  )
  return rows[0] ?? null
}

/** Every coach, by name, with their programmes. */
export async function listCoaches(db: Queryable): Promise<CoachListEntry[]> {
  const { rows } = await db.query<CoachListEntry>(
    `SELECT c.id, s.name, c.time_zone AS "timeZone", (c.active AND s.active) AS active,
            coalesce(array_agg(p.name ORDER BY p.name) FILTER (WHERE p.id IS NOT NULL), '{}') AS programmes
       FROM coaches c
       JOIN staff_users s ON s.id = c.staff_user_id
       LEFT JOIN programme_coaches pc ON pc.coach_id = c.id
       LEFT JOIN programmes p ON p.id = pc.programme_id
      GROUP BY c.id, s.name, s.active
      ORDER BY lower(s.name), c.id`,
  )
  return rows
}

export async function listWeeklyWindows(db: Queryable, coachId: string): Promise<WeeklyHoursWindow[]> {
  const { rows } = await db.query<{ weekday: number; startMinute: number; endMinute: number }>(
    `SELECT weekday, start_minute AS "startMinute", end_minute AS "endMinute"
       FROM availability_windows WHERE coach_id = $1
      ORDER BY weekday, start_minute, end_minute`,
    [coachId],
  )
  return rows.map((row) => ({ weekday: row.weekday as Weekday, startMinute: row.startMinute, endMinute: row.endMinute }))
}

/** Overrides on or after a local date ("YYYY-MM-DD"), in date order. */
export async function listDateOverrides(db: Queryable, coachId: string, fromDate: string): Promise<DateOverrideRecord[]> {
  const { rows } = await db.query<DateOverrideRecord>(
    `SELECT id, date::text AS date, kind::text AS kind, start_minute AS "startMinute", end_minute AS "endMinute"
       FROM coach_date_overrides
      WHERE coach_id = $1 AND date >= $2::date
      ORDER BY date, kind, start_minute`,
    [coachId, fromDate],
  )
  return rows
}

/** Time off that ends after `now`, in start order. */
export async function listTimeOff(db: Queryable, coachId: string, now: Date): Promise<TimeOffRecord[]> {
  const { rows } = await db.query<TimeOffRecord>(
    `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", note
       FROM coach_time_off
      WHERE coach_id = $1 AND ends_at > $2
      ORDER BY starts_at, ends_at`,
    [coachId, now],
  )
  return rows
}

/** Takes the coach's row lock until the transaction ends (the lock bookings for this coach take too). */
export async function lockCoachAvailability(db: Queryable, coachId: string): Promise<void> {
  await lockCoach(db, coachId)
}

/** Replaces all of the coach's weekly windows with these. Run it in a transaction. */
export async function replaceWeeklyWindows(db: Queryable, coachId: string, windows: readonly WeeklyHoursWindow[]): Promise<void> {
  await db.query('DELETE FROM availability_windows WHERE coach_id = $1', [coachId])
  if (windows.length === 0) return
  await db.query(
    `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute)
     SELECT $1, w.weekday, w.start_minute, w.end_minute
       FROM unnest($2::int[], $3::int[], $4::int[]) AS w(weekday, start_minute, end_minute)`,
    [coachId, windows.map((w) => w.weekday), windows.map((w) => w.startMinute), windows.map((w) => w.endMinute)],
  )
}

export async function updateCoachSettings(db: Queryable, coachId: string, settings: CoachAvailabilitySettings): Promise<void> {
  await db.query('UPDATE coaches SET buffer_minutes = $2, daily_maximum = $3, time_zone = $4 WHERE id = $1', [
    coachId,
    settings.bufferMinutes,
    settings.dailyMaximum,
    settings.timeZone,
  ])
}

/** Adds a day off or extra hours; a second day off on one date breaks the unique index coach_date_overrides_one_day_off. */
export async function insertDateOverride(db: Queryable, coachId: string, override: NewDateOverride): Promise<string> {
  const hours = override.kind === 'extra_hours' ? [override.startMinute, override.endMinute] : [null, null]
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute)
     VALUES ($1, $2::date, $3::date_override_kind, $4, $5) RETURNING id`,
    [coachId, override.date, override.kind, ...hours],
  )
  return rows[0]!.id
}

/** Removes one of this coach's overrides; false when the coach has no such override. */
export async function deleteDateOverride(db: Queryable, coachId: string, overrideId: string): Promise<boolean> {
  if (!looksLikeUuid(overrideId)) return false
  const { rowCount } = await db.query('DELETE FROM coach_date_overrides WHERE id = $1 AND coach_id = $2', [overrideId, coachId])
  return (rowCount ?? 0) > 0
}

export async function insertTimeOff(db: Queryable, coachId: string, timeOff: NewTimeOff): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO coach_time_off (coach_id, starts_at, ends_at, note) VALUES ($1, $2, $3, $4) RETURNING id`,
    [coachId, timeOff.startsAt, timeOff.endsAt, timeOff.note],
  )
  return rows[0]!.id
}

/** Removes one of this coach's stretches of time off; false when the coach has no such time off. */
export async function deleteTimeOff(db: Queryable, coachId: string, timeOffId: string): Promise<boolean> {
  if (!looksLikeUuid(timeOffId)) return false
  const { rowCount } = await db.query('DELETE FROM coach_time_off WHERE id = $1 AND coach_id = $2', [timeOffId, coachId])
  return (rowCount ?? 0) > 0
}
