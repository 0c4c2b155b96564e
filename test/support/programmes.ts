import type pg from 'pg'

export interface ProgrammeRow {
  slug: string
  name: string
  conversationModelKey?: string
  active?: boolean
  requireCoachTwoFactor?: boolean
}

/** A programme as the database's defaults make it (one live booking per address), with these settings; its id and slug. */
export async function insertProgramme(pool: pg.Pool, programme: ProgrammeRow): Promise<{ id: string; slug: string }> {
  const { rows } = await pool.query<{ id: string; slug: string }>(
    `INSERT INTO programmes (slug, name, conversation_model_key, active, require_coach_two_factor)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, slug`,
    [programme.slug, programme.name, programme.conversationModelKey ?? 'four-stage', programme.active ?? true, programme.requireCoachTwoFactor ?? false],
  )
  return rows[0]!
}
