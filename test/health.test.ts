import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildTestApp, type TestApp } from './helper.js'

describe('health and readiness', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ runWorker: true })
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('says the process is up', async () => {
    const response = await t.app.inject('/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('is ready when the database is migrated and the worker runs', async () => {
    const response = await t.app.inject('/readyz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', worker: 'ok', mail: 'ok' },
    })
  })
})

describe('readiness without a worker', () => {
  it('is not ready while no worker runs', async () => {
    const t = await buildTestApp({ runWorker: false })
    try {
      const response = await t.app.inject('/readyz')
      expect(response.statusCode).toBe(503)
      expect(response.json().checks).toEqual({ database: 'ok', migrations: 'ok', worker: 'failing', mail: 'ok' })
    } finally {
      await t.app.close()
    }
  })
})

describe('readiness says what it really knows, within a second', () => {
  let t: TestApp
  let admin: pg.Client
  let name: string
  const setConnections = (allowed: boolean) => admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS ${allowed}`)

  /** /readyz and how long it took. */
  async function ready(): Promise<{ statusCode: number; checks: Record<string, string>; ms: number }> {
    const started = performance.now()
    const response = await t.app.inject('/readyz')
    return { statusCode: response.statusCode, checks: response.json().checks, ms: performance.now() - started }
  }

  beforeAll(async () => {
    // A job that cuts the database off under the worker, so that it cannot record the job's failure and its runner stops.
    const cutOff = async () => {
      await setConnections(false)
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
      throw new Error('the mail relay said no')
    }
    t = await buildTestApp({ runWorker: true, tasks: { 'cut-off': cutOff } })
    name = new URL(t.databaseUrl).pathname.slice(1)
    admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
    await admin.connect()
  })
  afterAll(async () => {
    await setConnections(true).catch(() => undefined)
    await admin?.end()
    await t?.app.close()
  })

  it('reports mail failing while a delivery’s latest attempt failed, without taking the instance out of service', async () => {
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO email_deliveries (dedupe_key, kind, recipient, subject, message_id, job_payload, status, last_error)
       VALUES ('readiness-test', 'booking-confirmation', 'sam@example.com', 'Booked', '<r@t>', '{}', 'waiting', '421: try again later')
       RETURNING id`,
    )
    const failing = await ready()
    expect(failing.statusCode).toBe(200)
    expect(failing.checks.mail).toBe('failing')
    await t.app.pg.query(`UPDATE email_deliveries SET status = 'sent', last_error = NULL WHERE id = $1`, [rows[0]!.id])
    expect((await ready()).checks.mail).toBe('ok')
  })

  it('reports migrations pending when the database lacks one the code has', async () => {
    const { rows } = await t.app.pg.query<{ migration_name: string }>(
      `DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING *`,
    )
    try {
      const answer = await ready()
      expect(answer.statusCode).toBe(503)
      expect(answer.checks.migrations).toBe('pending')
    } finally {
      const row = rows[0]!
      const columns = Object.keys(row)
      await t.app.pg.query(
        `INSERT INTO _prisma_migrations (${columns.map((c) => pg.escapeIdentifier(c)).join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      )
    }
    expect((await ready()).checks.migrations).toBe('ok')
  })

  it('answers within a second when the database cannot hand it a connection in time', async () => {
    // Every connection of the pool busy: what a frozen server looks like from here, a statement that never ends.
    const pool = t.app.pg.pool
    const held: pg.PoolClient[] = []
    while (pool.totalCount < (pool.options.max ?? 10) || pool.idleCount > 0) held.push(await pool.connect())
    // A short task of the app's own may still have a connection out: queued first, these take it when it comes back,
    // so it cannot answer the check instead. (The app's listeners keep theirs for good: they cannot all be held here.)
    const spares = [pool.connect(), pool.connect()].map((waiting) => waiting.then((client) => held.push(client), () => undefined))
    try {
      const answer = await ready()
      expect(answer.ms).toBeLessThan(1000)
      expect(answer.statusCode).toBe(503)
      expect(answer.checks).toMatchObject({ database: 'failing', migrations: 'unknown', mail: 'unknown' })
    } finally {
      for (const client of held.splice(0)) client.release()
      await Promise.all(spares)
      for (const client of held.splice(0)) client.release()
    }
    expect((await ready()).statusCode).toBe(200)
  })

  it('while the database refuses us: database failing, migrations unknown, the worker restarting; all ok again by itself', async () => {
    await t.app.jobs.add('cut-off', {}, { maxAttempts: 1 })
    await expect
      .poll(async () => (await ready()).checks, { timeout: 15_000, interval: 100 })
      .toEqual({ database: 'failing', migrations: 'unknown', worker: 'restarting', mail: 'unknown' })
    const during = await ready()
    expect(during.statusCode).toBe(503)
    expect(during.ms).toBeLessThan(1000)

    await setConnections(true)
    await expect.poll(async () => (await ready()).statusCode, { timeout: 20_000, interval: 100 }).toBe(200)
    expect((await ready()).checks).toEqual({ database: 'ok', migrations: 'ok', worker: 'ok', mail: 'ok' })
  })
})
