import type { TestProject } from 'vitest/node'
import pg from 'pg'
import path from 'node:path'
import { accessSync, constants, statfsSync } from 'node:fs'
import { readFile, readdir, rm } from 'node:fs/promises'
import { isRunning, runningServerPid, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js'
import { migrateDatabase } from '../src/database/migrate-database.js'
import { freePort } from './support/free-port.js'

/**
 * One PostgreSQL for the whole run: the server at DATABASE_URL when set,
 * otherwise an embedded one thrown away afterwards. A template database is
 * migrated once; each test file clones its own copy (test/support/database.ts).
 */

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string
    templateDatabase: string
  }
}

const TEMPLATE = `cc_template_${process.pid}`

/** Room a run's embedded server may need: about 200 databases of 5 MB and up to 1 GB of WAL, with a margin. */
const RUN_NEEDS_BYTES = 4 * 1024 ** 3

/**
 * Where the run's embedded server keeps its files: in memory (/dev/shm) when
 * the machine has it with room to spare, else in .data. The files are thrown
 * away at the end, and on disk their writing and removal was most of a run's
 * kernel time: 20 files that each build the app took 23 CPU-seconds (12 of
 * them the kernel's) with the data on disk and 14.5 (2.5) in memory. Every
 * test file clones a database, and the server writes each clone whole.
 * TEST_POSTGRES_PARENT names another folder.
 */
function embeddedParent(): string {
  if (process.env.TEST_POSTGRES_PARENT) return path.resolve(process.env.TEST_POSTGRES_PARENT)
  try {
    accessSync('/dev/shm', constants.W_OK)
    const { bavail, bsize } = statfsSync('/dev/shm')
    if (bavail * bsize >= RUN_NEEDS_BYTES) return '/dev/shm'
  } catch {
    // No /dev/shm here (macOS, say): on disk.
  }
  return path.resolve('.data')
}

/**
 * The servers and files of earlier runs that were killed before their
 * teardown (their vitest process is gone): in /dev/shm they would hold the
 * machine's memory until it restarts.
 */
async function removeAbandonedRuns(parent: string): Promise<void> {
  const entries = await readdir(parent).catch(() => [] as string[])
  for (const entry of entries) {
    const run = /^test-postgres-(\d+)$/.exec(entry)
    if (!run || isRunning(Number(run[1]))) continue
    const dir = path.join(parent, entry)
    const server = await runningServerPid(dir)
    // Only that folder's own server (its pid could since have gone to another process).
    if (server !== undefined && (await readFile(`/proc/${server}/cmdline`, 'utf8').catch(() => '')).includes(dir)) process.kill(server, 'SIGQUIT')
    await rm(dir, { recursive: true, force: true })
    await rm(`${dir}.log`, { force: true })
  }
}

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined
  let adminUrl = process.env.DATABASE_URL
  const parent = embeddedParent()
  const dataDir = path.join(parent, `test-postgres-${process.pid}`)
  if (!adminUrl) {
    await removeAbandonedRuns(parent)
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, durable: false, trustConnections: true })
    adminUrl = embedded.adminUrl
  }

  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`)
  await admin.query(`CREATE DATABASE ${TEMPLATE}`)
  const pool = new pg.Pool({ connectionString: withDatabaseName(adminUrl, TEMPLATE), max: 1 })
  try {
    await migrateDatabase(pool)
  } finally {
    await pool.end()
  }
  // No one connects to the template again, autovacuum included: CREATE DATABASE waits (100 ms at a time) for any
  // session on its template to go.
  await admin.query(`ALTER DATABASE ${TEMPLATE} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`)

  project.provide('adminDatabaseUrl', adminUrl)
  project.provide('templateDatabase', TEMPLATE)

  return async () => {
    // An embedded server is thrown away whole below, its databases with it. On a server of the developer's, each file's
    // database is dropped; each DROP waits for a checkpoint (about 100 ms, over 15 s for a run's 190 one at a time), so
    // four go at once and share them.
    const { rows } = embedded
      ? { rows: [] }
      : await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [
          `cc_test_${process.pid}_%`,
          TEMPLATE,
        ])
    await admin.end()
    const queue = rows.map(({ datname }) => datname)
    await Promise.all(
      Array.from({ length: Math.min(4, queue.length) }, async () => {
        const client = new pg.Client({ connectionString: adminUrl })
        await client.connect()
        try {
          for (let datname = queue.pop(); datname !== undefined; datname = queue.pop()) {
            if (datname === TEMPLATE) await client.query(`ALTER DATABASE ${TEMPLATE} WITH IS_TEMPLATE false`)
            await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`)
          }
        } finally {
          await client.end()
        }
      }),
    )
    // The service's build for the files that start it as a process (test/support/service-build.ts), if one was made.
    await rm(path.resolve('node_modules', '.cache', `cc-service-build-${TEMPLATE}`), { recursive: true, force: true })
    if (embedded) {
      await embedded.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}
