import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Task } from 'graphile-worker'
import { buildTestApp, type TestApp } from '../helper.js'
import { jobsWithPayloads } from '../support/jobs.js'

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
      const before = await t.app.pg.query('SELECT count(*)::int AS n FROM graphile_worker.jobs')
      expect(before.rows[0].n).toBe(0)
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
