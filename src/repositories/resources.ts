import type { Queryable } from './db.js'
import type { ProgrammeResource } from './rows.js'

type LibraryResource = Pick<ProgrammeResource, 'id' | 'title' | 'url' | 'description'> & { programmeName: string }

/** Every programme's active resources, for the admin page. */
export async function listLibrary(db: Queryable): Promise<LibraryResource[]> {
  const { rows } = await db.query<LibraryResource>(
    `SELECT r.id, p.name AS "programmeName", r.title, r.url, r.description
       FROM programme_resources r JOIN programmes p ON p.id = r.programme_id
      WHERE r.active ORDER BY lower(p.name), lower(r.title), r.id`,
  )
  return rows
}

/** Hides a resource from new actions; true when there was an active one to hide. */
export async function retireResource(db: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE programme_resources SET active = false, updated_at = $2 WHERE id = $1 AND active', [id, now])
  return rowCount === 1
}
