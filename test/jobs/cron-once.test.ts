import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'

/**
 * A scheduled task runs once across instances (issue 19): two instances with
 * their workers on one database, a task due every minute; at the next
 * minute each instance's scheduler sees it due, and it runs once. (The
 * daily digests, retention and the hourly purge rely on this.)
 */
describe('a scheduled task with two instances', () => {
  let a: FastifyInstance
  let b: FastifyInstance
  const runs: string[] = []

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    const config = testConfig({ DATABASE_URL: databaseUrl })
    const options = (name: string) => ({
      databaseUrl,
      config,
      runWorker: true,
      crontab: '* * * * * test-minute-tick',
      tasks: { 'test-minute-tick': async () => void runs.push(name) },
    })
    a = (await buildTestApp(options('a'))).app
    b = (await buildTestApp(options('b'))).app
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('runs once at the minute, on one instance or the other', async () => {
    // Both schedulers are running: wait for the first minute boundary after now, then a little.
    const nextMinute = Math.ceil((Date.now() + 1) / 60_000) * 60_000
    const deadline = nextMinute + 20_000
    while (runs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
    expect(runs).toHaveLength(1)
    // Given time for a second run to show up if there were going to be one (both schedulers fire within a second).
    const settle = Date.now() + 3_000
    while (Date.now() < settle && runs.length === 1) await new Promise((resolve) => setTimeout(resolve, 250))
    expect(runs).toHaveLength(1)
  }, 100_000)
})
