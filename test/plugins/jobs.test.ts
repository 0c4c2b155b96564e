import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Task } from 'graphile-worker'
import type pg from 'pg'
import { buildTestApp, testConfig, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { jobsWithPayloads } from '../support/jobs.js'
import { waitForLockWait } from '../support/booking-fixtures.js'

/** Waits for a condition the worker brings about, without fixed sleeps. */
async function eventually<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (performance.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('the job queue', () => {
  const seen: string[] = []
  const record: Task = async (payload) => {
    seen.push((payload as { label: string }).label)
  }
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp({ runWorker: true, tasks: { record } })
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('runs a job added inside a transaction only once the transaction commits', async () => {
    const client = await t.app.pg.connect()
    try {
      await client.query('BEGIN')
      await t.app.jobs.add('record', { label: 'committed' }, { client })
      // Seen from outside the transaction: neither waiting nor already run (a job added outside it could be either by
      // now). Only this task's jobs: the app's own (its schedules) may be waiting at any moment.
      await expect(jobsWithPayloads(t.app, 'record')).resolves.toEqual([])
      expect(seen).not.toContain('committed')
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    await eventually(() => (seen.includes('committed') ? true : undefined))
  })

  it('never runs a job whose transaction rolled back', async () => {
    await t.app.pg.transact(async (client) => {
      await t.app.jobs.add('record', { label: 'rolled-back' }, { client })
      await client.query('ROLLBACK; BEGIN')
    })
    await t.app.jobs.add('record', { label: 'after' })
    await eventually(() => (seen.includes('after') ? true : undefined))
    expect(seen).not.toContain('rolled-back')
  })

  it('replaces a waiting job added again with the same key, and removes one by key', async () => {
    const later = new Date(Date.now() + 60 * 60_000)
    await t.app.jobs.add('record', { label: 'first' }, { jobKey: 'reminder:1', runAt: later })
    await t.app.jobs.add('record', { label: 'second' }, { jobKey: 'reminder:1', runAt: later })
    const waiting = (await jobsWithPayloads(t.app)).filter((job) => job.key === 'reminder:1')
    expect(waiting.map((job) => job.payload.label)).toEqual(['second'])
    await t.app.jobs.remove('reminder:1')
    const gone = await t.app.pg.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = 'reminder:1'`)
    expect(gone.rows[0].n).toBe(0)
  })
})

describe('a keyed job asked for again just as a worker takes it', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t?.app.close()
  })

  it.each([
    ['add', (change: pg.PoolClient, key: string) => t.app.jobs.add('record', { label: 'second' }, { jobKey: key, client: change })],
    ['addMany', (change: pg.PoolClient, key: string) => t.app.jobs.addMany([{ task: 'record', payload: { label: 'second' }, jobKey: key }, { task: 'record', payload: { label: 'other' } }], change)],
  ] as const)('by %s: is added again, so the change is not lost (graphile-worker on its own adds nothing then)', async (how, askAgain) => {
    const pool = t.app.pg.pool
    const key = `race:${how}`
    await t.app.jobs.add('record', { label: 'first', how }, { jobKey: key })
    const worker = await pool.connect()
    const change = await pool.connect()
    try {
      // A worker is taking the job (graphile-worker's own columns: a test's look inside), and has not committed yet.
      await worker.query('BEGIN')
      const taken = await worker.query<{ id: string }>(
        `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker', attempts = attempts + 1 WHERE key = $1 RETURNING id`,
        [key],
      )
      expect(taken.rowCount).toBe(1)
      // Meanwhile a change asks for the job again; it waits on the row the worker holds.
      await change.query('BEGIN')
      const adding = askAgain(change, key)
      await waitForLockWait(pool)
      await worker.query('COMMIT')
      await adding
      await change.query('COMMIT')
      const jobs = (await jobsWithPayloads(t.app, 'record')).filter((job) => job.id === taken.rows[0]!.id || !('how' in job.payload))
      const labels = jobs.map((job) => (job.payload as { label: string }).label).sort()
      expect(labels).toEqual(how === 'add' ? ['first', 'second'] : ['first', 'other', 'second'])
      expect(jobs.find((job) => (job.payload as { label: string }).label === 'second')).toMatchObject({ key, locked_at: null })
      await pool.query(`SELECT graphile_worker.complete_jobs(array_agg(id)) FROM graphile_worker.jobs WHERE task_identifier = 'record'`)
    } finally {
      await worker.query('ROLLBACK').catch(() => {})
      await change.query('ROLLBACK').catch(() => {})
      worker.release()
      change.release()
    }
  })
})

describe('the worker runs at most JOBS_AT_ONCE jobs at a time', () => {
  let running = 0
  let most = 0
  let finished = 0
  // Each job waits for a second one to be running beside it (for 2 s at most, however slow the machine), then takes
  // a while more: twelve ready at once overlap as far as the worker lets them.
  const work: Task = async () => {
    running++
    most = Math.max(most, running)
    const deadline = performance.now() + 2_000
    while (running < 2 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 40))
    running--
    finished++
  }
  let t: TestApp

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({ databaseUrl, runWorker: true, tasks: { work }, config: testConfig({ DATABASE_URL: databaseUrl, JOBS_AT_ONCE: 2 }) })
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('two at a time when set to 2, never more', async () => {
    const client = await t.app.pg.connect()
    try {
      // All twelve become ready in one commit, and the worker is told of them at once.
      await client.query('BEGIN')
      for (let i = 0; i < 12; i++) await t.app.jobs.add('work', { i }, { client })
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    await eventually(() => (finished === 12 ? true : undefined))
    expect(most).toBe(2)
  })
})
