import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { checksumOf, migrate, pendingMigrations, readMigrations, MigrationError } from '../../src/database/migrations.js'
import { createEmptyTestDatabase, createTestDatabase } from '../support/database.js'

async function migrationsFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cc-migrations-'))
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name))
    await writeFile(path.join(dir, name, 'migration.sql'), sql)
  }
  return dir
}

describe('migrations', () => {
  let pool: pg.Pool
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createEmptyTestDatabase(), max: 12 })
  })
  afterAll(async () => {
    await pool.end()
  })

  it("applies the project's migrations in order and records them the way Prisma does", async () => {
    const migrations = await readMigrations()
    expect(migrations.length).toBeGreaterThan(0)
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort())

    const first = await migrate(pool)
    expect(first.applied).toEqual(migrations.map((m) => m.name))
    const { rows } = await pool.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at
         FROM "_prisma_migrations" ORDER BY migration_name`,
    )
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name))
    for (const [index, row] of rows.entries()) {
      const sql = await readFile(path.join('prisma/migrations', row.migration_name, 'migration.sql'), 'utf8')
      expect(row.checksum).toBe(checksumOf(sql))
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.applied_steps_count).toBe(1)
      expect(row.rolled_back_at).toBeNull()
      expect(migrations[index]?.checksum).toBe(row.checksum)
    }

    const again = await migrate(pool)
    expect(again.applied).toEqual([])
    expect(await pendingMigrations(pool, migrations)).toEqual([])
  })

  it('ignores line-ending differences in the checksum, as Prisma does', () => {
    expect(checksumOf('SELECT 1;\r\nSELECT 2;\r\n')).toBe(checksumOf('SELECT 1;\nSELECT 2;\n'))
    expect(checksumOf('SELECT 1;')).not.toBe(checksumOf('SELECT 2;'))
  })
})

describe('a migration set of our own', () => {
  it('stops with a clear message when an applied migration was edited', async () => {
    const pool = new pg.Pool({ connectionString: await createEmptyTestDatabase(), max: 2 })
    try {
      const dir = await migrationsFolder({ '20260101000000_first': 'CREATE TABLE widgets (id int);' })
      await migrate(pool, await readMigrations(dir))
      await writeFile(path.join(dir, '20260101000000_first', 'migration.sql'), 'CREATE TABLE widgets (id bigint);')
      const edited = migrate(pool, await readMigrations(dir))
      await expect(edited).rejects.toBeInstanceOf(MigrationError)
      await expect(migrate(pool, await readMigrations(dir))).rejects.toThrow(
        /20260101000000_first was changed after it was applied/,
      )
    } finally {
      await pool.end()
    }
  })

  it('applies each migration in its own transaction: a failing one leaves nothing half-done', async () => {
    const pool = new pg.Pool({ connectionString: await createEmptyTestDatabase(), max: 2 })
    try {
      const dir = await migrationsFolder({
        '20260101000000_good': 'CREATE TABLE good (id int);',
        '20260102000000_bad': 'CREATE TABLE half (id int); SELECT no_such_function();',
      })
      await expect(migrate(pool, await readMigrations(dir))).rejects.toThrow(/20260102000000_bad failed/)
      const tables = await pool.query(`SELECT to_regclass('good') AS good, to_regclass('half') AS half`)
      expect(tables.rows[0]).toEqual({ good: 'good', half: null })
      const recorded = await pool.query('SELECT migration_name FROM "_prisma_migrations"')
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(['20260101000000_good'])
    } finally {
      await pool.end()
    }
  })

  it('is safe when several processes migrate at once (advisory lock)', async () => {
    const url = await createEmptyTestDatabase()
    const dir = await migrationsFolder({
      '20260101000000_a': 'CREATE TABLE a (id int);',
      '20260102000000_b': 'CREATE TABLE b (id int);',
    })
    const migrations = await readMigrations(dir)
    const pools = Array.from({ length: 5 }, () => new pg.Pool({ connectionString: url, max: 1 }))
    try {
      const results = await Promise.all(pools.map((pool) => migrate(pool, migrations)))
      expect(results.flatMap((result) => result.applied).sort()).toEqual(['20260101000000_a', '20260102000000_b'])
    } finally {
      await Promise.all(pools.map((pool) => pool.end()))
    }
  })
})

describe('the test template', () => {
  it('clones a migrated database for each test file', async () => {
    const pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 })
    try {
      expect(await pendingMigrations(pool, await readMigrations())).toEqual([])
    } finally {
      await pool.end()
    }
  })
})
