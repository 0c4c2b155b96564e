/** What the service asks of a database it has just made (src/server.ts): is there anything in it yet? */
import type { Queryable } from './db.js'

/** No programme yet: a database just made, for the demo data to fill. */
export async function hasNoProgrammes(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM programmes')
  // count(*) is a bigint, which pg returns as text.
  return rows[0]?.count === '0'
}
