/** What /readyz asks the database (src/plugins/app/readiness.ts); whether mail is failing is failing-email-deliveries.ts's. */
import type { Queryable } from './db.js'

/** Resolves when the database answers a statement; rejects when it cannot. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1')
}
