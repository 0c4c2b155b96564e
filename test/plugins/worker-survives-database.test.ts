import pg from 'pg'
import type { Task } from 'graphile-worker'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

/**
 * The job worker never takes the service down. A job that fails while the
 * database cannot be reached (its failure cannot even be recorded) used to
 * end the process with an unhandled rejection from graphile-worker. Now the
 * worker's failure is caught and logged, the worker starts again once the
 * database is back, and the job it was running is freed to run again.
 */
describe('the worker when the database goes away under a job', () => {
  const seen: string[] = []
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  let t: TestApp
  let admin: pg.Client
  let name = ''
  let broke = false
  /** Connections the app asked its pool for after the database was cut off (the worker recording the failure). */
  let connectsAfterBreak = 0

  const setConnections = (allowed: boolean) =>
    admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS ${allowed ? 'true' : 'false'}`)

  /** Fails once, after cutting the database off, so that the worker cannot record the failure. */
  const fragile: Task = async (payload) => {
    if (!broke) {
      broke = true
      await setConnections(false)
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
      throw new Error('the mail relay said no')
    }
    seen.push((payload as { label: string }).label)
  }
  const record: Task = async (payload) => {
    seen.push((payload as { label: string }).label)
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    t = await buildTestApp({ runWorker: true, tasks: { fragile, record } })
    name = new URL(t.databaseUrl).pathname.slice(1)
    const pool = t.app.pg.pool
    const connect = pool.connect.bind(pool)
    pool.connect = ((...args: Parameters<typeof connect>) => {
      if (broke) connectsAfterBreak++
      return connect(...args)
    }) as typeof pool.connect
    admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
    await admin.connect()
  })
  afterAll(async () => {
    await setConnections(true).catch(() => undefined)
    await admin?.end()
    await t?.app.close()
    process.off('unhandledRejection', onUnhandled)
  })

  it('keeps the process up, starts working again by itself, and runs the interrupted job again', async () => {
    await t.app.jobs.add('fragile', { label: 'interrupted' })
    await expect.poll(() => broke, { timeout: 10_000 }).toBe(true)
    // The worker tries to record the failure straight away, and cannot: the database refuses it.
    await expect.poll(() => connectsAfterBreak, { timeout: 10_000 }).toBeGreaterThan(0)

    await setConnections(true)
    await expect.poll(() => t.app.jobs.isRunning(), { timeout: 30_000 }).toBe(true)
    // The pool may still hold a connection the server ended (its first use fails, a 503 for a request): wait until
    // the pool answers again, so the job below tests the worker and not that.
    await expect.poll(() => t.app.pg.pool.query('SELECT 1').then(() => true, () => false), { timeout: 10_000 }).toBe(true)
    await t.app.jobs.add('record', { label: 'after' })
    await expect.poll(() => seen.includes('after'), { timeout: 20_000 }).toBe(true)
    // Not left locked for graphile-worker's 4 hours: freed when the worker started again.
    await expect.poll(() => seen.includes('interrupted'), { timeout: 20_000 }).toBe(true)
    expect(unhandled).toEqual([])
  })
})
