import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { knownCronTaskSince, waitForIdleQueue } from '../support/jobs.js'

const MINUTE_MS = 60_000

/**
 * A scheduled task runs once across instances: two instances with their
 * workers on one database, a task due every minute. The task has been known
 * for ten minutes and may catch up two (`?fill=2m`), so each instance, as it
 * starts, adds the runs of the last minutes it finds missed: both find the same
 * minutes, and each minute runs once, on one instance or the other. (The
 * daily digests, retention and the hourly purge rely on this. graphile-worker
 * guards the run of a minute the same way whether it adds it as the minute
 * comes or afterwards, which spares the test waiting for a minute to come.)
 */
describe('a scheduled task with two instances', () => {
  let a: FastifyInstance
  let b: FastifyInstance
  const runs: { instance: string; minute: string }[] = []
  let firstStart = 0
  let lastStart = 0

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    await knownCronTaskSince(databaseUrl, 'test-minute-tick', new Date(Date.now() - 10 * MINUTE_MS))
    const config = testConfig({ DATABASE_URL: databaseUrl })
    let started = 0
    let bothStarted!: () => void
    const schedulersStarted = new Promise<void>((resolve) => (bothStarted = resolve))
    const options = (instance: string) => ({
      databaseUrl,
      config,
      runWorker: true,
      crontab: '* * * * * test-minute-tick ?fill=2m',
      tasks: {
        'test-minute-tick': async (payload: unknown) => void runs.push({ instance, minute: (payload as { _cron: { ts: string } })._cron.ts }),
      },
      onSchedulerStarted: () => {
        if (++started === 2) bothStarted()
      },
    })
    firstStart = Date.now()
    a = (await buildTestApp(options('a'))).app
    b = (await buildTestApp(options('b'))).app
    await schedulersStarted
    lastStart = Date.now()
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('runs each minute once, on one instance or the other', async () => {
    // Both schedulers have added what they were going to: now let the jobs run.
    await waitForIdleQueue(a)
    // Every minute in both instances' catch-up windows ran: those within two minutes before the later start and before the earlier one.
    const expected: string[] = []
    for (let minute = Math.ceil((lastStart - 2 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS; minute < firstStart; minute += MINUTE_MS) {
      expected.push(new Date(minute).toISOString())
    }
    expect(expected.length).toBeGreaterThan(0)
    const minutes = runs.map((run) => run.minute)
    for (const minute of expected) expect(minutes).toContain(minute)
    // And none twice.
    expect(new Set(minutes).size).toBe(minutes.length)
  })
})
