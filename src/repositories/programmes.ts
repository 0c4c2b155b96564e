/** Programmes, as booking reads them. */
import type { BookableProgramme } from '../domain/booking/types.js'
import { looksLikeUuid } from '../domain/ids.js'
import type { Queryable } from './db.js'
import { prepared } from './db.js'
import type { Programme } from './rows.js'
import { ACCESS_COLUMNS } from './programme-access.js'

const PROGRAMME_COLUMNS = `
  p.id, p.slug, p.name,
  p.duration_minutes AS "durationMinutes",
  p.minimum_notice_minutes AS "minimumNoticeMinutes",
  p.horizon_days AS "horizonDays"`

/** The conversation model a programme's notes follow, and how long it keeps candidates' records. */
export async function findProgrammeRecordSettings(
  db: Queryable,
  programmeId: string,
): Promise<{ modelKey: string; retentionMonths: number } | null> {
  const { rows } = await db.query<{ modelKey: string; retentionMonths: number }>(
    `SELECT conversation_model_key AS "modelKey", retention_months AS "retentionMonths" FROM programmes WHERE id = $1`,
    [programmeId],
  )
  return rows[0] ?? null
}

export type ProgrammeListEntry = Pick<Programme, 'id' | 'slug' | 'name' | 'active' | 'durationMinutes'>

/** Every programme, active ones first, for choosing one (active only) and for filters (all). */
export async function listProgrammes(db: Queryable): Promise<ProgrammeListEntry[]> {
  const { rows } = await db.query<ProgrammeListEntry>(
    'SELECT id, slug, name, active, duration_minutes AS "durationMinutes" FROM programmes ORDER BY active DESC, name, slug',
  )
  return rows
}

/** The open programmes, in name order. */
export async function listActiveProgrammes(db: Queryable): Promise<ProgrammeListEntry[]> {
  return (await listProgrammes(db)).filter((programme) => programme.active)
}

/** What the booking pages show and ask of a programme, open or closed, by its web address. */
export type ProgrammeForBookingPages = Pick<
  Programme,
  | 'id'
  | 'slug'
  | 'name'
  | 'active'
  | 'horizonDays'
  | 'durationMinutes'
  | 'retentionMonths'
  | 'reminderOffsetsMinutes'
  | 'whoMayBook'
  | 'emailDomains'
  | 'asksEmailCode'
>

export async function findProgrammeForBookingPages(db: Queryable, slug: string): Promise<ProgrammeForBookingPages | null> {
  const { rows } = await db.query<ProgrammeForBookingPages>(
    `SELECT id, slug, name, active, horizon_days AS "horizonDays", duration_minutes AS "durationMinutes",
            retention_months AS "retentionMonths", reminder_offsets_minutes AS "reminderOffsetsMinutes",
            who_may_book AS "whoMayBook", email_domains AS "emailDomains", asks_email_code AS "asksEmailCode"
       FROM programmes WHERE slug = $1`,
    [slug],
  )
  return rows[0] ?? null
}

/** An active programme by its id or its slug; null when there is none. */
export async function findActiveProgramme(db: Queryable, idOrSlug: string): Promise<BookableProgramme | null> {
  const byId = looksLikeUuid(idOrSlug)
  const { rows } = await db.query<BookableProgramme>(
    prepared(
      byId ? 'active-programme-by-id' : 'active-programme-by-slug',
      `SELECT ${PROGRAMME_COLUMNS}, ${ACCESS_COLUMNS}, p.reminder_offsets_minutes AS "reminderOffsetsMinutes"
         FROM programmes p
        WHERE p.active AND ${byId ? 'p.id = $1::uuid' : 'p.slug = $1'}`,
      [byId ? idOrSlug.toLowerCase() : idOrSlug],
    ),
  )
  return rows[0] ?? null
}
