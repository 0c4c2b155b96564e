/** Programmes, as booking reads them. */
import type { ProgrammeSettings } from '../domain/booking/types.js'
import type { Queryable } from './db.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const PROGRAMME_COLUMNS = `
  p.id, p.slug, p.name,
  p.duration_minutes AS "durationMinutes",
  p.minimum_notice_minutes AS "minimumNoticeMinutes",
  p.horizon_days AS "horizonDays"`

/** An active programme by its id or its slug; null when there is none. */
export async function findActiveProgramme(db: Queryable, idOrSlug: string): Promise<ProgrammeSettings | null> {
  const byId = UUID.test(idOrSlug)
  const { rows } = await db.query<ProgrammeSettings>(
    `SELECT ${PROGRAMME_COLUMNS} FROM programmes p
      WHERE p.active AND ${byId ? 'p.id = $1::uuid' : 'p.slug = $1'}`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug],
  )
  return rows[0] ?? null
}
