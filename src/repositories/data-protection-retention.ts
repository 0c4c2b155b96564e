/**
 * Retention: who is past their programme's retention period, and
 * the statements that anonymise their records.
 *
 * A candidate is counted per programme, by address: their last activity is
 * the end of their last booked conversation in that programme (whatever
 * became of it), or for an invitation never used to book, the day it ran
 * out. They are due `retention_months` after it. Anonymised records have an
 * address at anonymised.invalid and are not counted again.
 */
import type { Queryable } from './db.js'

const ANONYMISED = `'%@anonymised.invalid'`

/** One row per (programme, address) with records not yet anonymised. */
const CANDIDATES = `
  WITH activity AS (
    SELECT programme_id, candidate_email AS email, max(ends_at) AS last_at, count(*)::int AS bookings, 0 AS invitations
      FROM bookings WHERE candidate_email NOT LIKE ${ANONYMISED}
     GROUP BY programme_id, candidate_email
    UNION ALL
    SELECT i.programme_id, i.email, max(i.expires_at), 0, count(*)::int
      FROM invitations i
     WHERE i.email NOT LIKE ${ANONYMISED} AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.invitation_id = i.id)
     GROUP BY i.programme_id, i.email
  ), people AS (
    SELECT programme_id, email, max(last_at) AS last_at, sum(bookings)::int AS bookings, sum(invitations)::int AS invitations
      FROM activity GROUP BY programme_id, email
  )
  SELECT people.programme_id, p.name AS programme_name, p.retention_months, people.email, people.bookings, people.invitations,
         people.last_at, people.last_at + make_interval(months => p.retention_months) AS due_at
    FROM people JOIN programmes p ON p.id = people.programme_id`

export interface RetentionProgrammeSummary {
  programmeId: string
  programmeName: string
  retentionMonths: number
  candidates: number
  bookings: number
  invitations: number
  oldestActivityAt: Date
}

/** Per programme, oldest first: the candidates due by `until` (and not before `after`, when given). */
export async function summariseDue(db: Queryable, until: Date, after?: Date): Promise<RetentionProgrammeSummary[]> {
  const { rows } = await db.query<RetentionProgrammeSummary>(
    `SELECT programme_id AS "programmeId", programme_name AS "programmeName", retention_months AS "retentionMonths",
            count(*)::int AS candidates, sum(bookings)::int AS bookings, sum(invitations)::int AS invitations,
            min(last_at) AS "oldestActivityAt"
       FROM (${CANDIDATES}) due
      WHERE due_at <= $1 AND ($2::timestamptz IS NULL OR due_at > $2)
      GROUP BY programme_id, programme_name, retention_months
      ORDER BY min(last_at), programme_name`,
    [until, after ?? null],
  )
  return rows
}

export interface DueCandidate {
  programmeName: string
  bookings: number
  invitations: number
  lastActivityAt: Date
  dueAt: Date
}

/** The candidates due by `now`, oldest first, without anything that names them. */
export async function listDue(db: Queryable, now: Date, limit: number): Promise<DueCandidate[]> {
  const { rows } = await db.query<DueCandidate>(
    `SELECT programme_name AS "programmeName", bookings, invitations, last_at AS "lastActivityAt", due_at AS "dueAt"
       FROM (${CANDIDATES}) due
      WHERE due_at <= $1
      ORDER BY last_at, programme_name, programme_id
      LIMIT $2`,
    [now, limit],
  )
  return rows
}

interface DueKey {
  programmeId: string
  email: string
}

/** Who the run anonymises: (programme, address) pairs due by `now`, oldest first. */
export async function findDueKeys(db: Queryable, now: Date, limit: number): Promise<DueKey[]> {
  const { rows } = await db.query<DueKey>(
    `SELECT programme_id AS "programmeId", email FROM (${CANDIDATES}) due
      WHERE due_at <= $1 ORDER BY last_at, programme_id, email LIMIT $2`,
    [now, limit],
  )
  return rows
}

/**
 * Inside the run's transaction: locks one candidate's records in a programme
 * and checks again that they are due (a booking made since the list was read
 * keeps them). Gives their booking and invitation ids, or null.
 */
export async function lockDueRecords(db: Queryable, key: DueKey, now: Date): Promise<{ bookingIds: string[]; invitationIds: string[] } | null> {
  const bookings = await db.query<{ id: string; invitation_id: string | null }>(
    `SELECT id, invitation_id FROM bookings WHERE programme_id = $1 AND candidate_email = $2 FOR UPDATE`,
    [key.programmeId, key.email],
  )
  const invitations = await db.query<{ id: string }>(
    `SELECT id FROM invitations WHERE (programme_id = $1 AND email = $2) OR id = ANY($3::uuid[]) FOR UPDATE`,
    [key.programmeId, key.email, bookings.rows.flatMap((row) => (row.invitation_id ? [row.invitation_id] : []))],
  )
  const bookingIds = bookings.rows.map((row) => row.id)
  const invitationIds = invitations.rows.map((row) => row.id)
  const { rows } = await db.query<{ due: boolean }>(
    `SELECT coalesce(greatest(
              (SELECT max(ends_at) FROM bookings WHERE id = ANY($1::uuid[])),
              (SELECT max(i.expires_at) FROM invitations i
                WHERE i.id = ANY($2::uuid[]) AND i.programme_id = $3 AND i.email = $4
                  AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.invitation_id = i.id))
            ) + make_interval(months => (SELECT retention_months FROM programmes WHERE id = $3)) <= $5, false) AS due`,
    [bookingIds, invitationIds, key.programmeId, key.email, now],
  )
  return rows[0]?.due ? { bookingIds, invitationIds } : null
}

interface AnonymisedCounts {
  bookings: number
  invitations: number
  emailDeliveries: number
}

/**
 * Replaces or removes everything that identifies the candidate or that they
 * (or their coach) wrote about them; keeps what reports count: bookings'
 * status, times, programme and coach; actions' category, owner, status and
 * dates; outcomes; the notes' status and fixed choices (`noteValues` gives
 * what to keep of each set of notes).
 */
export async function anonymiseRecords(
  db: Queryable,
  ids: { bookingIds: string[]; invitationIds: string[] },
  now: Date,
  keptNoteValues: (notes: { modelKey: string; modelVersion: number; values: Record<string, unknown> }) => Record<string, unknown>,
): Promise<AnonymisedCounts> {
  const { bookingIds, invitationIds } = ids
  const bookings = await db.query(
    `UPDATE bookings
        SET candidate_name = 'Anonymised',
            candidate_email = 'anonymised-' || id || '@anonymised.invalid',
            candidate_phone = CASE WHEN contact_method = 'phone' THEN '' END,
            accessibility_needs = NULL,
            cancellation_reason = NULL,
            updated_at = $2
      WHERE id = ANY($1::uuid[])`,
    [bookingIds, now],
  )
  await db.query('UPDATE booking_events SET reason = NULL WHERE booking_id = ANY($1::uuid[]) AND reason IS NOT NULL', [bookingIds])
  await db.query('DELETE FROM booking_manage_tokens WHERE booking_id = ANY($1::uuid[])', [bookingIds])
  await db.query('DELETE FROM booking_preparations WHERE booking_id = ANY($1::uuid[])', [bookingIds])
  await db.query('DELETE FROM idempotency_keys WHERE booking_id = ANY($1::uuid[])', [bookingIds])

  const notes = await db.query<{ bookingId: string; modelKey: string; modelVersion: number; values: Record<string, unknown> }>(
    `SELECT booking_id AS "bookingId", model_key AS "modelKey", model_version AS "modelVersion", note_values AS "values"
       FROM conversation_notes WHERE booking_id = ANY($1::uuid[]) FOR UPDATE`,
    [bookingIds],
  )
  for (const row of notes.rows) {
    await db.query('UPDATE conversation_notes SET note_values = $2::jsonb WHERE booking_id = $1', [row.bookingId, JSON.stringify(keptNoteValues(row))])
  }
  await db.query('DELETE FROM conversation_note_addenda WHERE booking_id = ANY($1::uuid[])', [bookingIds])
  // The candidate's feedback keeps its choices (the report counts them); its comment is free text.
  await db.query('UPDATE conversation_feedback SET comment = NULL WHERE booking_id = ANY($1::uuid[]) AND comment IS NOT NULL', [bookingIds])

  await db.query(
    `UPDATE actions SET summary = 'Removed at the end of the retention period', resource_url = NULL, resource_title = NULL
      WHERE booking_id = ANY($1::uuid[])`,
    [bookingIds],
  )
  // A change that only carried a comment says nothing once the comment goes.
  await db.query(
    `DELETE FROM action_status_changes
      WHERE action_id IN (SELECT id FROM actions WHERE booking_id = ANY($1::uuid[])) AND from_status IS NOT DISTINCT FROM to_status`,
    [bookingIds],
  )
  await db.query(
    `UPDATE action_status_changes SET comment = NULL
      WHERE action_id IN (SELECT id FROM actions WHERE booking_id = ANY($1::uuid[])) AND comment IS NOT NULL`,
    [bookingIds],
  )

  const invitations = await db.query(
    `UPDATE invitations
        SET name = 'Anonymised', email = 'anonymised-' || id || '@anonymised.invalid', phone = NULL, note = NULL,
            token_hash = 'anonymised:' || id, updated_at = $2
      WHERE id = ANY($1::uuid[])`,
    [invitationIds, now],
  )
  const deliveries = await db.query(
    `UPDATE email_deliveries SET recipient = '', subject = '', last_error = NULL, updated_at = $3
      WHERE booking_id = ANY($1::uuid[]) OR invitation_id = ANY($2::uuid[])`,
    [bookingIds, invitationIds, now],
  )
  return { bookings: bookings.rowCount ?? 0, invitations: invitations.rowCount ?? 0, emailDeliveries: deliveries.rowCount ?? 0 }
}
