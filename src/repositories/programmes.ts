/** Programmes, as booking reads them. */
import type { BookableProgramme } from '../domain/booking/types.js'
import { looksLikeUuid } from '../domain/ids.js'
import type { Queryable } from './db.js'
import { ACCESS_COLUMNS } from './programme-access.js'

export const PROGRAMME_COLUMNS = `
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

export interface ProgrammeListEntry {
  id: string
  slug: string
  name: string
  active: boolean
}

/** Every programme, active ones first, for choosing one (active only) and for filters (all). */
export async function listProgrammes(db: Queryable): Promise<ProgrammeListEntry[]> {
  const { rows } = await db.query<ProgrammeListEntry>('SELECT id, slug, name, active FROM programmes ORDER BY active DESC, name, slug')
  return rows
}

/** An active programme by its id or its slug; null when there is none. */
export async function findActiveProgramme(db: Queryable, idOrSlug: string): Promise<BookableProgramme | null> {
  const byId = looksLikeUuid(idOrSlug)
  const { rows } = await db.query<BookableProgramme>(
    `SELECT ${PROGRAMME_COLUMNS}, ${ACCESS_COLUMNS}
       FROM programmes p
      WHERE p.active AND ${byId ? 'p.id = $1::uuid' : 'p.slug = $1'}`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug],
  )
  return rows[0] ?? null
}
