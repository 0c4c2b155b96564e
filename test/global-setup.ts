import type { TestProject } from 'vitest/node'
import pg from 'pg'
import path from 'node:path'
import { rm } from 'node:fs/promises'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js'
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

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    const dataDir = path.resolve('.data', `test-postgres-${process.pid}`)
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, durable: false })
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
      await rm(path.resolve('.data', `test-postgres-${process.pid}`), { recursive: true, force: true })
    }
  }
}
