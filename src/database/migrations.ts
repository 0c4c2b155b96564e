import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { projectPath } from '../project-files.js'

/**
 * Applies the SQL migrations in prisma/migrations in order, recording each in
 * Prisma's own `_prisma_migrations` table so `prisma migrate status` reads the
 * same history wherever Prisma's native schema engine is available.
 */

const migrationsDir = projectPath('prisma', 'migrations')

/** Any constant shared by every process that migrates this database. */
const MIGRATION_LOCK_KEY = 72_707_369

interface Migration {
  name: string
  sql: string
  checksum: string
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** Prisma's checksum: sha256 of the script, line endings normalised to LF. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex')
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: checksumOf(sql) }
    }),
  )
}

const createHistoryTable = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`

interface AppliedRow {
  migration_name: string
  checksum: string
}

async function appliedMigrations(client: pg.ClientBase): Promise<Map<string, string>> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  )
  return new Map(rows.map((row) => [row.migration_name, row.checksum]))
}

function checkHistory(migrations: Migration[], applied: Map<string, string>): void {
  for (const migration of migrations) {
    const recorded = applied.get(migration.name)
    if (recorded !== undefined && recorded !== migration.checksum) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied to this database. ` +
          'Put the change in a new migration and restore the original file.',
      )
    }
  }
}

export interface MigrateResult {
  applied: string[]
}

/** Brings the database up to date. Safe to call from several processes at once. */
export async function migrate(pool: pg.Pool, migrations?: Migration[]): Promise<MigrateResult> {
  const all = migrations ?? (await readMigrations())
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query(createHistoryTable)
    const applied = await appliedMigrations(client)
    checkHistory(all, applied)
    const done: string[] = []
    for (const migration of all.filter((m) => !applied.has(m.name))) {
      await applyOne(client, migration)
      done.push(migration.name)
    }
    return { applied: done }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined)
    client.release()
  }
}

async function applyOne(client: pg.ClientBase, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN')
    await client.query(migration.sql)
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`)
  }
}

/** Names of migrations in the code that the database has not applied (for /readyz). */
export async function pendingMigrations(pool: pg.Pool, migrations: Migration[]): Promise<string[]> {
  const { rows } = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  )
  if (!rows[0]?.exists) return migrations.map((m) => m.name)
  const client = await pool.connect()
  try {
    const applied = await appliedMigrations(client)
    return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name)
  } finally {
    client.release()
  }
}
