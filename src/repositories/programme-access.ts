/** Who may book each programme (domain/programmes/who-may-book-settings.ts). */
import type { ProgrammeAccess } from '../domain/booking/types.js'
import { looksLikeUuid } from '../domain/ids.js'
import type { Queryable } from './db.js'
import type { Programme } from './rows.js'

export const ACCESS_COLUMNS = `json_build_object('whoMayBook', p.who_may_book, 'emailDomains', p.email_domains,
  'asksEmailCode', p.asks_email_code, 'liveBookingsPerEmail', p.live_bookings_per_email) AS access`

/** A programme's (open or closed) settings by id or slug. */
export async function findProgrammeAccess(
  db: Queryable,
  idOrSlug: string,
  { lock = false } = {},
): Promise<{ id: string; slug: string; access: ProgrammeAccess } | null> {
  const byId = looksLikeUuid(idOrSlug)
  const { rows } = await db.query<{ id: string; slug: string; access: ProgrammeAccess }>(
    `SELECT p.id, p.slug, ${ACCESS_COLUMNS} FROM programmes p WHERE ${byId ? 'p.id = $1::uuid' : 'p.slug = $1'} ${lock ? 'FOR UPDATE' : ''}`,
    [byId ? idOrSlug.toLowerCase() : idOrSlug],
  )
  return rows[0] ?? null
}

export async function updateProgrammeAccess(db: Queryable, id: string, access: ProgrammeAccess, now: Date): Promise<void> {
  await db.query(
    `UPDATE programmes SET who_may_book = $2, email_domains = $3, asks_email_code = $4, live_bookings_per_email = $5, updated_at = $6 WHERE id = $1`,
    [id, access.whoMayBook, access.emailDomains, access.asksEmailCode, access.liveBookingsPerEmail, now],
  )
}

export type ProgrammeForApi = Pick<
  Programme,
  'id' | 'slug' | 'name' | 'conversationModelKey' | 'durationMinutes' | 'cancellationCutoffHours'
> & { access: ProgrammeAccess }

const API_COLUMNS = `p.id, p.slug, p.name, p.conversation_model_key AS "conversationModelKey", p.duration_minutes AS "durationMinutes",
  p.cancellation_cutoff_hours AS "cancellationCutoffHours", ${ACCESS_COLUMNS}`

/** A programme as the API shows it. */
export async function findProgrammeForApi(db: Queryable, id: string): Promise<ProgrammeForApi | null> {
  const { rows } = await db.query<ProgrammeForApi>(`SELECT ${API_COLUMNS} FROM programmes p WHERE p.id = $1`, [id])
  return rows[0] ?? null
}

/** The programmes open for booking, by name. */
export async function listOpenProgrammesForApi(db: Queryable): Promise<ProgrammeForApi[]> {
  const { rows } = await db.query<ProgrammeForApi>(`SELECT ${API_COLUMNS} FROM programmes p WHERE p.active ORDER BY p.name`)
  return rows
}

/** Sets the programme's cancellation cut-off: true when it changed. */
export async function setCancellationCutoff(db: Queryable, id: string, hours: number, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE programmes SET cancellation_cutoff_hours = $2, updated_at = $3 WHERE id = $1 AND cancellation_cutoff_hours IS DISTINCT FROM $2`,
    [id, hours, now],
  )
  return (rowCount ?? 0) > 0
}
