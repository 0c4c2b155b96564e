/** Programmes as the programme team sets them up (see src/domain/programmes). */
import type { ProgrammeSettingsInput } from '../domain/programmes/programme-settings.js'
import type { Queryable } from './db.js'
import type { Programme } from './rows.js'

/** The settings as the form has them, with `updatedAt`, when they last changed: the version a form was read at. */
export type ProgrammeRecord = ProgrammeSettingsInput & Pick<Programme, 'id' | 'updatedAt'>

interface ProgrammeSummary extends ProgrammeRecord {
  coachCount: number
  upcomingBookings: number
}

const COLUMNS = `p.id, p.name, p.slug, p.conversation_model_key AS "modelKey",
  p.duration_minutes AS "durationMinutes", p.minimum_notice_minutes AS "minimumNoticeMinutes",
  p.horizon_days AS "horizonDays", p.reminder_offsets_minutes AS "reminderOffsetsMinutes",
  p.retention_months AS "retentionMonths", p.require_coach_two_factor AS "requireCoachTwoFactor", p.active,
  p.cancellation_cutoff_hours AS "cancellationCutoffHours", p.updated_at AS "updatedAt"`

/** Every programme, open ones first, with how many coaches it has and how many conversations are booked ahead. */
export async function listProgrammeSummaries(db: Queryable, now: Date): Promise<ProgrammeSummary[]> {
  const { rows } = await db.query<ProgrammeSummary>(
    `SELECT ${COLUMNS},
            (SELECT count(*)::int FROM programme_coaches pc WHERE pc.programme_id = p.id) AS "coachCount",
            (SELECT count(*)::int FROM bookings b WHERE b.programme_id = p.id AND b.status = 'booked' AND b.starts_at > $1) AS "upcomingBookings"
       FROM programmes p
      ORDER BY p.active DESC, p.name, p.slug`,
    [now],
  )
  return rows
}

export async function findProgrammeRecord(db: Queryable, id: string, { lock = false } = {}): Promise<ProgrammeRecord | null> {
  const { rows } = await db.query<ProgrammeRecord>(`SELECT ${COLUMNS} FROM programmes p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
  return rows[0] ?? null
}

const VALUES = (s: ProgrammeSettingsInput) => [
  s.name,
  s.slug,
  s.modelKey,
  s.durationMinutes,
  s.minimumNoticeMinutes,
  s.horizonDays,
  s.reminderOffsetsMinutes,
  s.retentionMonths,
  s.requireCoachTwoFactor,
  s.active,
  s.cancellationCutoffHours,
]

/** A new programme is open to anyone with the link and asks candidates to prove their email address. */
export async function insertProgramme(db: Queryable, settings: ProgrammeSettingsInput, now: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO programmes (name, slug, conversation_model_key, duration_minutes, minimum_notice_minutes, horizon_days,
                             reminder_offsets_minutes, retention_months, require_coach_two_factor, active, cancellation_cutoff_hours,
                             created_at, updated_at, asks_email_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, true) RETURNING id`,
    [...VALUES(settings), now],
  )
  return rows[0]!.id
}

/** Everything but the web address (slug), which links already sent use. */
export async function updateProgramme(db: Queryable, id: string, settings: ProgrammeSettingsInput, now: Date): Promise<void> {
  const [name, , ...rest] = VALUES(settings)
  await db.query(
    `UPDATE programmes SET name = $1, conversation_model_key = $2, duration_minutes = $3, minimum_notice_minutes = $4,
            horizon_days = $5, reminder_offsets_minutes = $6, retention_months = $7, require_coach_two_factor = $8,
            active = $9, cancellation_cutoff_hours = $10, updated_at = $11
      WHERE id = $12`,
    [name, ...rest, now, id],
  )
}

/** The staff accounts of the coaches on a programme. */
export async function findProgrammeCoachUserIds(db: Queryable, programmeId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.staff_user_id AS id FROM programme_coaches pc JOIN coaches c ON c.id = pc.coach_id WHERE pc.programme_id = $1`,
    [programmeId],
  )
  return rows.map((row) => row.id)
}

/** The coaches on a programme, by name, with their staff account ids (for links to their staff pages). */
export async function listProgrammeCoaches(db: Queryable, programmeId: string): Promise<{ staffUserId: string; name: string; active: boolean }[]> {
  const { rows } = await db.query<{ staffUserId: string; name: string; active: boolean }>(
    `SELECT u.id AS "staffUserId", u.name, u.active FROM programme_coaches pc
       JOIN coaches c ON c.id = pc.coach_id JOIN staff_users u ON u.id = c.staff_user_id
      WHERE pc.programme_id = $1 ORDER BY lower(u.name), u.id`,
    [programmeId],
  )
  return rows
}
