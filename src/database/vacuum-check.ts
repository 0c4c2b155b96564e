import type pg from 'pg'

/**
 * Whether PostgreSQL will vacuum the tables whose rows come and go all day.
 *
 * graphile-worker's queue takes a row for every email and deletes it once
 * sent; holds, sign-in codes, idempotency keys and sessions expire by the
 * thousand. Without autovacuum their dead rows pile up and their statistics
 * go stale: the bench's queue grew to 161,640 dead rows for 7,268 live ones
 * and every job fetch slowed with it (docs/performance.md, session 17).
 * PostgreSQL vacuums by itself unless it is told not to, so this only looks
 * for being told: `autovacuum` or `track_counts` off on the server, or
 * `autovacuum_enabled` off on one of these tables. The service warns and
 * runs on; docs/operations.md says what to do.
 */
export const CHURNING_TABLES = [
  'graphile_worker._private_jobs',
  'public.slot_holds',
  'public.email_deliveries',
  'public.email_codes',
  'public.idempotency_keys',
  'public.staff_sessions',
] as const

export interface VacuumCheck {
  /** `autovacuum` or `track_counts` is off for the whole server: no table is vacuumed by itself. */
  serverOff: boolean
  /** Churning tables with `autovacuum_enabled` off, as `schema.table`. */
  tablesOff: string[]
}

export async function checkVacuum(pool: Pick<pg.Pool, 'query'>): Promise<VacuumCheck> {
  const { rows } = await pool.query<{ serverOff: boolean; tablesOff: string[] }>(
    `SELECT current_setting('autovacuum')::boolean = false OR current_setting('track_counts')::boolean = false AS "serverOff",
            coalesce(array_agg(n.nspname || '.' || c.relname ORDER BY n.nspname, c.relname) FILTER (
              WHERE EXISTS (SELECT 1 FROM unnest(c.reloptions) AS option
                             WHERE option ~* '^autovacuum_enabled=(false|off|no|n|f|0)$')), '{}') AS "tablesOff"
       FROM unnest($1::text[]) AS wanted(name)
       LEFT JOIN pg_class c ON c.oid = to_regclass(wanted.name)
       LEFT JOIN pg_namespace n ON n.oid = c.relnamespace`,
    [CHURNING_TABLES],
  )
  return rows[0] ?? { serverOff: false, tablesOff: [] }
}

/** The warning to log, or null when PostgreSQL will vacuum them all. */
export function vacuumWarning(check: VacuumCheck): string | null {
  const what = check.serverOff
    ? 'autovacuum is off on the database server'
    : check.tablesOff.length > 0
      ? `autovacuum is off for ${check.tablesOff.join(', ')}`
      : null
  if (what === null) return null
  return `${what}: the job queue, holds, codes and sessions change all day, and unvacuumed they bloat and slow every job fetch; turn it on, or vacuum them on a schedule (docs/operations.md)`
}
