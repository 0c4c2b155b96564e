import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../src/cli/with-database.js'
import { readConfig } from '../../src/config.js'
import { createDatabaseIfMissing, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js'
import { EMBEDDED_DATABASE } from '../../src/database/open-database.js'
import { freePort } from '../support/free-port.js'

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

/** `npm run seed:demo` / `db:migrate` with no DATABASE_URL, with and without `npm start` running. */
describe('command-line tasks on the embedded database', () => {
  let dataDir: string
  let port: number
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cc-with-database-'))
    await chmod(dataDir, 0o755) // as root, PostgreSQL runs as its own user and must reach the folder
    port = await freePort()
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  const config = () => readConfig({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) })
  const url = () => `postgres://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`

  it('start the embedded database for the task and stop it after', async () => {
    const answer = await withDatabase(config(), async (databaseUrl) => {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      const { rows } = await client.query(
        `SELECT current_database() AS name, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commits`,
      )
      await client.end()
      // It asks for the password (only the test run's own server trusts every connection from this machine).
      const wrong = new URL(databaseUrl)
      wrong.password = 'not-the-password'
      const refused = new pg.Client({ connectionString: wrong.toString() })
      refused.on('error', () => undefined)
      await expect(refused.connect()).rejects.toMatchObject({ code: '28P01' })
      return rows[0]
    })
    // The service's embedded database keeps every commit through a crash (only the test run's own server, thrown away
    // at its end, does without: test/global-setup.ts).
    expect(answer).toEqual({ name: EMBEDDED_DATABASE, fsync: 'on', commits: 'on' })
    expect(await accepts(url())).toBe(false)
  }, 90_000)

  it('use the database a running service has open, and leave it running', async () => {
    let running: EmbeddedDatabase | undefined
    try {
      running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port, persistent: true })
      await createDatabaseIfMissing(running.adminUrl, EMBEDDED_DATABASE)
      const used = await withDatabase(config(), async (databaseUrl) => databaseUrl)
      expect(used).toBe(url())
      expect(await accepts(url())).toBe(true)
    } finally {
      await running?.stop()
    }
  }, 90_000)
})
