/**
 * Coaches' connected calendars: the connection, its sync state,
 * the busy times last read from it and the conversations written back to it.
 * Secrets arrive here sealed (src/domain/calendar-sync/connections.ts).
 */
import type { Queryable } from './db.js'
import type { CalendarConnection, Coach, StaffUser } from './rows.js'

/** Text in the schema; the migration's CHECK allows only these. */
type CalendarKind = 'subscription' | 'caldav'

export type CalendarConnectionRow = Pick<
  CalendarConnection,
  | 'id'
  | 'coachId'
  | 'addressSealed'
  | 'addressShown'
  | 'username'
  | 'passwordSealed'
  | 'calendarUrl'
  | 'createdAt'
  | 'lastAttemptAt'
  | 'lastSyncedAt'
  | 'lastError'
  | 'failures'
  | 'failingSince'
  | 'nextSyncAt'
> & { kind: CalendarKind }

const COLUMNS = `id, coach_id AS "coachId", kind, address_sealed AS "addressSealed", address_shown AS "addressShown",
  username, password_sealed AS "passwordSealed", calendar_url AS "calendarUrl", created_at AS "createdAt",
  last_attempt_at AS "lastAttemptAt", last_synced_at AS "lastSyncedAt", last_error AS "lastError", failures,
  failing_since AS "failingSince", next_sync_at AS "nextSyncAt"`

interface NewCalendarConnection {
  coachId: string
  kind: CalendarKind
  addressSealed: string
  addressShown: string
  username: string | null
  passwordSealed: string | null
  calendarUrl: string | null
}

/** Connects a calendar, replacing the coach's earlier one (and with it its busy times and write-back records). */
export async function replaceConnection(db: Queryable, connection: NewCalendarConnection, now: Date): Promise<string> {
  await db.query('DELETE FROM calendar_connections WHERE coach_id = $1', [connection.coachId])
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO calendar_connections (coach_id, kind, address_sealed, address_shown, username, password_sealed, calendar_url, created_at, next_sync_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [connection.coachId, connection.kind, connection.addressSealed, connection.addressShown, connection.username, connection.passwordSealed, connection.calendarUrl, now],
  )
  return rows[0]!.id
}

export async function findConnectionOfCoach(db: Queryable, coachId: string): Promise<CalendarConnectionRow | null> {
  const { rows } = await db.query<CalendarConnectionRow>(`SELECT ${COLUMNS} FROM calendar_connections WHERE coach_id = $1`, [coachId])
  return rows[0] ?? null
}

export async function findConnection(db: Queryable, id: string): Promise<CalendarConnectionRow | null> {
  const { rows } = await db.query<CalendarConnectionRow>(`SELECT ${COLUMNS} FROM calendar_connections WHERE id = $1`, [id])
  return rows[0] ?? null
}

/**
 * Locks the connection's row for the rest of the transaction, against a
 * disconnect or a replacement deleting it; false when it is gone already.
 */
export async function lockConnectionForShare(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM calendar_connections WHERE id = $1 FOR SHARE', [id])
  return rowCount !== 0
}

/** Locks the coach's connection's row (if any) for the rest of the transaction, before it is deleted. */
export async function lockConnectionOfCoach(db: Queryable, coachId: string): Promise<void> {
  await db.query('SELECT 1 FROM calendar_connections WHERE coach_id = $1 FOR UPDATE', [coachId])
}

/** Disconnects: the busy times stop blocking slots at once (they go with it). */
export async function deleteConnectionOfCoach(db: Queryable, coachId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM calendar_connections WHERE coach_id = $1', [coachId])
  return (rowCount ?? 0) > 0
}

/**
 * Takes the connection for one sync until `until`, when it is due (or
 * `force`, for "Sync now") and no other sync holds it: two workers never
 * read one calendar at once, and a sync that died frees it when `until` passes.
 */
export async function claimConnection(db: Queryable, id: string, now: Date, until: Date, force: boolean): Promise<CalendarConnectionRow | null> {
  const { rows } = await db.query<CalendarConnectionRow>(
    `UPDATE calendar_connections SET claimed_until = $3, last_attempt_at = $2
      WHERE id = $1 AND ($4 OR next_sync_at <= $2) AND (claimed_until IS NULL OR claimed_until <= $2)
      RETURNING ${COLUMNS}`,
    [id, now, until, force],
  )
  return rows[0] ?? null
}

/** The connections due a sync (for the schedule). */
export async function listDueConnectionIds(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM calendar_connections WHERE next_sync_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
      ORDER BY next_sync_at LIMIT $2`,
    [now, limit],
  )
  return rows.map((row) => row.id)
}

/** A sync read the calendar: its busy times replace the last ones (one notice to the availability index). */
export async function recordSyncSuccess(
  db: Queryable,
  connection: { id: string; coachId: string },
  busy: readonly { start: Date; end: Date }[],
  now: Date,
  nextSyncAt: Date,
): Promise<void> {
  if (!(await sameBusyTimes(db, connection.id, busy))) await replaceBusyTimes(db, connection, busy)
  await db.query(
    `UPDATE calendar_connections SET last_synced_at = $2, last_error = NULL, failures = 0, failing_since = NULL,
            next_sync_at = $3, claimed_until = NULL WHERE id = $1`,
    [connection.id, now, nextSyncAt],
  )
}

/** Nothing changed since the last sync: leave the rows, so no notice makes the availability index work the coach out again. */
async function sameBusyTimes(db: Queryable, connectionId: string, busy: readonly { start: Date; end: Date }[]): Promise<boolean> {
  const { rows } = await db.query<{ s: string; e: string }>(
    `SELECT (extract(epoch FROM starts_at) * 1000)::bigint AS s, (extract(epoch FROM ends_at) * 1000)::bigint AS e
       FROM calendar_busy_times WHERE connection_id = $1`,
    [connectionId],
  )
  if (rows.length !== busy.length) return false
  const key = (start: number, end: number) => `${start}:${end}`
  const stored = rows.map((row) => key(Number(row.s), Number(row.e))).sort()
  const fresh = busy.map((b) => key(b.start.getTime(), b.end.getTime())).sort()
  return stored.every((value, i) => value === fresh[i])
}

async function replaceBusyTimes(db: Queryable, connection: { id: string; coachId: string }, busy: readonly { start: Date; end: Date }[]): Promise<void> {
  await db.query('DELETE FROM calendar_busy_times WHERE connection_id = $1', [connection.id])
  if (busy.length > 0) {
    await db.query(
      `INSERT INTO calendar_busy_times (connection_id, coach_id, starts_at, ends_at)
       SELECT $1, $2, s, e FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(s, e)`,
      [connection.id, connection.coachId, busy.map((b) => b.start), busy.map((b) => b.end)],
    )
  }
}

/** A sync failed: the last busy times stay; answers how many times in a row it has failed now. */
export async function recordSyncFailure(db: Queryable, id: string, error: string, now: Date, nextSyncAt: (failures: number) => Date): Promise<number> {
  const { rows } = await db.query<{ failures: number }>(
    `UPDATE calendar_connections SET last_error = $2, failures = failures + 1, failing_since = coalesce(failing_since, $3), claimed_until = NULL
      WHERE id = $1 RETURNING failures`,
    [id, error, now],
  )
  const failures = rows[0]?.failures ?? 0
  await db.query('UPDATE calendar_connections SET next_sync_at = $2 WHERE id = $1', [id, nextSyncAt(failures)])
  return failures
}

/** "Sync now": due at once. */
export async function markDueNow(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE calendar_connections SET next_sync_at = $2 WHERE id = $1', [id, now])
}

/** How many busy times touch [from, to). */
export async function countBusyTimes(db: Queryable, coachId: string, from: Date, to: Date): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    'SELECT count(*) AS count FROM calendar_busy_times WHERE coach_id = $1 AND ends_at > $2 AND starts_at < $3',
    [coachId, from, to],
  )
  return Number(rows[0]?.count ?? 0)
}

/** The longest booking window of the coach's open programmes, in days (null when they are on none). */
export async function longestHorizonDaysOfCoach(db: Queryable, coachId: string): Promise<number | null> {
  const { rows } = await db.query<{ days: number | null }>(
    `SELECT max(p.horizon_days) AS days FROM programme_coaches pc JOIN programmes p ON p.id = pc.programme_id WHERE pc.coach_id = $1 AND p.active`,
    [coachId],
  )
  return rows[0]?.days ?? null
}

/**
 * Of these bookings, those still on that a busy time of their coach's own
 * calendar now covers: a busy time never moves a booking (DECISIONS.md), it
 * is shown as a clash for the programme team to act on.
 */
export async function bookingsClashingWithCalendars(db: Queryable, bookingIds: readonly string[]): Promise<Set<string>> {
  if (bookingIds.length === 0) return new Set()
  const { rows } = await db.query<{ id: string }>(
    `SELECT b.id FROM bookings b
      WHERE b.id = ANY($1::uuid[]) AND b.status = 'booked'
        AND EXISTS (SELECT 1 FROM calendar_busy_times t WHERE t.coach_id = b.coach_id AND t.ends_at > b.starts_at AND t.starts_at < b.ends_at)`,
    [bookingIds],
  )
  return new Set(rows.map((row) => row.id))
}

/** A coach as a sync reads their calendar: their time zone, and their address (lower case), by which an event they declined is not busy. */
export type CoachToSync = Pick<Coach, 'id' | 'timeZone'> & { email: StaffUser['email'] }

export async function findCoachToSync(db: Queryable, coachId: string): Promise<CoachToSync | null> {
  const { rows } = await db.query<CoachToSync>(
    `SELECT c.id, c.time_zone AS "timeZone", lower(s.email) AS email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1`,
    [coachId],
  )
  return rows[0] ?? null
}
