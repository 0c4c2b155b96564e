/** What /readyz asks the database (src/plugins/app/readiness.ts). */
import type { Queryable } from './db.js'

/** A delivery whose latest attempt failed this recently makes mail `failing` (longer than graphile-worker's longest backoff, about 6 hours). */
const MAIL_FAILING_WINDOW = '24 hours'

/** Resolves when the database answers a statement; rejects when it cannot. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1')
}

/** Whether any delivery's latest attempt failed within the window (it is waiting to be tried again, or failed for good). */
export async function hasRecentMailFailure(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ failing: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM email_deliveries
                     WHERE status IN ('waiting', 'failed') AND last_error IS NOT NULL
                       AND updated_at > now() - interval '${MAIL_FAILING_WINDOW}') AS failing`,
  )
  return rows[0]?.failing ?? false
}
