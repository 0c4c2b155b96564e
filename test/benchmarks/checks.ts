/**
 * Correctness read straight from the database, independently of the
 * service's code: overlapping live bookings, broken buffers and daily
 * maxima, and how many coaches of a programme are free at a given start
 * (for the contention scenario's "one 201 per free coach").
 */
import type pg from 'pg'

export interface BookingIntegrity {
  /** Pairs of one coach's live bookings that share an instant: must be 0. */
  overlaps: number
  /** Pairs of one coach's live bookings closer than the coach's buffer. */
  bufferBreaks: number
  /** Coach days with more live bookings than the coach's daily maximum. */
  dailyMaximumBreaks: number
}

export async function bookingIntegrity(db: pg.Pool): Promise<BookingIntegrity> {
  const { rows } = await db.query<BookingIntegrity>(`
    WITH live AS (
      SELECT b.id, b.coach_id, b.starts_at, b.ends_at, c.buffer_minutes, c.daily_maximum, c.time_zone
        FROM bookings b JOIN coaches c ON c.id = b.coach_id
       WHERE b.status = 'booked'
    )
    SELECT
      (SELECT count(*)::int FROM live a JOIN live b ON a.coach_id = b.coach_id AND a.id < b.id
         AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at) AS overlaps,
      (SELECT count(*)::int FROM live a JOIN live b ON a.coach_id = b.coach_id AND a.id < b.id
         AND a.starts_at < b.ends_at + make_interval(mins => a.buffer_minutes)
         AND b.starts_at < a.ends_at + make_interval(mins => a.buffer_minutes)) AS "bufferBreaks",
      (SELECT count(*)::int FROM (
         SELECT 1 FROM live GROUP BY coach_id, daily_maximum, (starts_at AT TIME ZONE time_zone)::date
         HAVING count(*) > daily_maximum) over_max) AS "dailyMaximumBreaks"`)
  return rows[0]!
}

/**
 * How many of the programme's coaches are free at `start`: active, working
 * then by their weekly hours (on the slot grid), no day off, no leave, no
 * booking or live hold within their buffer, and under their daily maximum.
 * Minimum notice and horizon are the caller's: it picks starts from the
 * service's own list of free slots.
 */
export async function freeCoachesAt(db: pg.Pool, programmeId: string, start: Date, durationMinutes: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `WITH slot AS (SELECT $2::timestamptz AS s, $2::timestamptz + make_interval(mins => $3) AS e)
     SELECT count(*)::int AS count
       FROM slot, programme_coaches pc
       JOIN coaches c ON c.id = pc.coach_id
       JOIN staff_users u ON u.id = c.staff_user_id
      WHERE pc.programme_id = $1 AND c.active AND u.active
        AND EXISTS (
          SELECT 1 FROM availability_windows w
           WHERE w.coach_id = c.id
             AND w.weekday = extract(isodow FROM (slot.s AT TIME ZONE c.time_zone))
             AND w.start_minute <= extract(hour FROM (slot.s AT TIME ZONE c.time_zone)) * 60 + extract(minute FROM (slot.s AT TIME ZONE c.time_zone))
             AND extract(hour FROM (slot.e AT TIME ZONE c.time_zone)) * 60 + extract(minute FROM (slot.e AT TIME ZONE c.time_zone)) <= w.end_minute
             AND (extract(hour FROM (slot.s AT TIME ZONE c.time_zone)) * 60 + extract(minute FROM (slot.s AT TIME ZONE c.time_zone)) - w.start_minute)::int % $3 = 0)
        AND NOT EXISTS (SELECT 1 FROM coach_date_overrides o
                         WHERE o.coach_id = c.id AND o.kind = 'day_off' AND o.date = (slot.s AT TIME ZONE c.time_zone)::date)
        AND NOT EXISTS (SELECT 1 FROM coach_time_off t WHERE t.coach_id = c.id AND t.starts_at < slot.e AND t.ends_at > slot.s)
        AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.coach_id = c.id AND b.status <> 'cancelled'
                           AND b.starts_at < slot.e + make_interval(mins => c.buffer_minutes)
                           AND b.ends_at > slot.s - make_interval(mins => c.buffer_minutes))
        AND NOT EXISTS (SELECT 1 FROM slot_holds h WHERE h.coach_id = c.id AND h.expires_at > now()
                           AND h.starts_at < slot.e + make_interval(mins => c.buffer_minutes)
                           AND h.ends_at > slot.s - make_interval(mins => c.buffer_minutes))
        AND (SELECT count(*) FROM bookings b WHERE b.coach_id = c.id AND b.status <> 'cancelled'
                AND (b.starts_at AT TIME ZONE c.time_zone)::date = (slot.s AT TIME ZONE c.time_zone)::date)
          + (SELECT count(*) FROM slot_holds h WHERE h.coach_id = c.id AND h.expires_at > now()
                AND (h.starts_at AT TIME ZONE c.time_zone)::date = (slot.s AT TIME ZONE c.time_zone)::date)
            < c.daily_maximum`,
    [programmeId, start, durationMinutes],
  )
  return rows[0]!.count
}
