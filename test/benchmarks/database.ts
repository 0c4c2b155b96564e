/**
 * The benchmark's own database: on DATABASE_URL's server when set, else on
 * the machine's PostgreSQL at 127.0.0.1:5432 when it answers, else on an
 * embedded PostgreSQL started for the run (port 25432). Migrated with the
 * service's own migrations; a comment on the database marks it as seeded, so
 * a kept database (BENCH_KEEP_DB=1) is seeded once.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js'
import { migrateDatabase } from '../../src/database/migrate-database.js'

export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'cc_bench'
/** Bump when the seed changes: a kept database seeded by another version is seeded again. */
export const SEED_VERSION = 'bench-seed-v1'
const EMBEDDED_PORT = 25432
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchServer {
  /** Where the server is, in words, for the report. */
  where: string
  adminUrl: string
  urlFor(database: string): string
  stop(): Promise<void>
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${encodeURIComponent(database)}`
  return parsed.toString()
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function openBenchServer(keep: boolean): Promise<BenchServer> {
  const given = process.env.DATABASE_URL
  if (given) {
    // Create the bench database beside the one named, on the same server with the same credentials.
    const adminUrl = withDatabase(given, 'postgres')
    return { where: `DATABASE_URL's server (${new URL(given).host})`, adminUrl, urlFor: (db) => withDatabase(given, db), stop: async () => undefined }
  }
  if (await answers(LOCAL_SERVER)) {
    return { where: 'the machine\'s PostgreSQL at 127.0.0.1:5432', adminUrl: LOCAL_SERVER, urlFor: (db) => withDatabase(LOCAL_SERVER, db), stop: async () => undefined }
  }
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    dataDir: path.resolve('.data', 'bench-postgres'),
    port: EMBEDDED_PORT,
    persistent: keep,
  })
  return { where: `an embedded PostgreSQL on port ${EMBEDDED_PORT}`, adminUrl: embedded.adminUrl, urlFor: embedded.urlFor, stop: () => embedded.stop() }
}

async function withAdmin<T>(server: BenchServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The marker left by a finished seed: `<version> <date>`, or null. */
export async function seedMarker(server: BenchServer, database = BENCH_DATABASE): Promise<string | null> {
  return withAdmin(server, async (client) => {
    const { rows } = await client.query<{ marker: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      [database],
    )
    return rows.length === 0 ? null : (rows[0]!.marker ?? '')
  })
}

export async function markSeeded(url: string, marker: string, database = BENCH_DATABASE): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(database)} IS ${pg.escapeLiteral(marker)}`)
  } finally {
    await client.end()
  }
}

export async function dropDatabase(server: BenchServer, database = BENCH_DATABASE): Promise<void> {
  await withAdmin(server, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`))
}

export async function createDatabase(server: BenchServer, database = BENCH_DATABASE): Promise<void> {
  await withAdmin(server, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`))
}

/**
 * The service's own migrations (our tables, then graphile-worker's): those of
 * the checkout the service runs from (BENCH_SERVICE_DIR when set).
 */
export async function migrate(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  try {
    const serviceDir = process.env.BENCH_SERVICE_DIR
    if (serviceDir) {
      const module = pathToFileURL(path.resolve(serviceDir, 'src', 'database', 'migrate-database.ts')).href
      const { migrateDatabase: migrateThere } = (await import(module)) as { migrateDatabase: typeof migrateDatabase }
      await migrateThere(pool)
    } else {
      await migrateDatabase(pool)
    }
  } finally {
    await pool.end()
  }
}
