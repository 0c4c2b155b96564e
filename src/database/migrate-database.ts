import { runMigrations } from 'graphile-worker'
import type pg from 'pg'
import { guardPool } from './guard-pool.js'
import { migrate, type MigrateResult } from './migrations.js'
import { silentWorkerLogger } from '../jobs/worker-logger.js'

/** Our tables, then graphile-worker's own schema (the job queue). */
export async function migrateDatabase(pool: pg.Pool): Promise<MigrateResult> {
  guardPool(pool)
  const result = await migrate(pool)
  await runMigrations({ pgPool: pool, logger: silentWorkerLogger })
  return result
}
