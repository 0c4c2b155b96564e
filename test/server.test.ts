import { createServer, type AddressInfo, type Server } from 'node:net'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './support/database.js'
import { freePort } from './support/free-port.js'
import { serviceBuild } from './support/service-build.js'
import { startService } from './support/service-process.js'

/**
 * The real entry points, in a child process, as an operator runs them: the
 * server as `npm start` does and the worker as `npm run worker` does, plain
 * node on the run's one build (test/support/service-process.ts). How the
 * server starts and stops, with the embedded database and with DATABASE_URL:
 * test/server-shutdown.test.ts.
 */

let build = ''
beforeAll(async () => {
  build = await serviceBuild()
}, 180_000)

const startServer = (env: Record<string, string>, entry: 'server' | 'worker' = 'server') => startService(build, env, { entry })

describe('the server process', () => {
  it('explains in one line when the database cannot be reached', async () => {
    const started = startServer({ DATABASE_URL: `postgres://nobody@127.0.0.1:${await freePort()}/none`, PORT: '0' })
    expect(await started.exited).toBe(1)
    const lines = started.output().trim().split('\n')
    expect(lines).toEqual([expect.stringMatching(/^Could not start: Cannot reach the database \(ECONNREFUSED\)/)])
  })

  it('explains in one line when the port is taken', async () => {
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const started = startServer({ DATABASE_URL: await createTestDatabase(), PORT: String(port), HOST: '127.0.0.1' })
      expect(await started.exited).toBe(1)
      expect(started.output()).toContain(`Could not start: Port ${port} is already in use`)
      expect(started.output()).not.toMatch(/\n\s+at /)
    } finally {
      blocker.close()
    }
  })

  it('refuses to start when an applied migration was edited', async () => {
    const url = await createTestDatabase()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const { rows } = await client.query(
      `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64)
        WHERE migration_name = (SELECT min(migration_name) FROM "_prisma_migrations") RETURNING migration_name`,
    )
    await client.end()
    const started = startServer({ DATABASE_URL: url, PORT: '0' })
    expect(await started.exited).toBe(1)
    expect(started.output().trim()).toBe(
      `Could not start: Migration ${rows[0].migration_name} was changed after it was applied to this database. ` +
        'Put the change in a new migration and restore the original file.',
    )
  })

  it('refuses a production start without its secrets, naming them', async () => {
    const started = startServer({ NODE_ENV: 'production' })
    expect(await started.exited).toBe(1)
    expect(started.output().trim()).toBe(
      'Could not start: Missing settings for production: DATABASE_URL, SMTP_URL, PUBLIC_URL, SESSION_SECRET',
    )
  })

  it('runs a worker on its own (npm run worker) that works the queue and stops on SIGTERM', async () => {
    const url = await createTestDatabase()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      // A job for a booking that does not exist: the worker takes it and finds nothing to send.
      await client.query(`SELECT graphile_worker.add_job('send-email', json_build_object('email', 'preparation', 'bookingId', gen_random_uuid()))`)
      const started = startServer({ DATABASE_URL: url }, 'worker')
      const deadline = performance.now() + 30_000
      // The worker may take the job before its start is logged (it starts while the app gets ready): wait for both.
      for (;;) {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM graphile_worker.jobs')
        if (rows[0].n === 0 && started.output().includes('Worker running')) break
        if (performance.now() > deadline || started.child.exitCode !== null) throw new Error(started.output())
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(started.output()).toContain('Worker running')
      started.child.kill('SIGTERM')
      expect(await started.exited).toBe(0)
    } finally {
      await client.end()
    }
  })
})
