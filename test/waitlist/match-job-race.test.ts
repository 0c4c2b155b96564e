import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { JobHelpers } from 'graphile-worker'
import { TestClock, buildTestApp, type TestApp } from '../helper.js'
import { createCoach, createProgramme, waitForLockWait } from '../support/booking-fixtures.js'
import { JOBS_BEING_ADDED_MARK } from '../../src/repositories/waitlist-match-runs.js'
import { waitlistMatchTask } from '../../src/jobs/waitlist-match.js'
import { joinBody, openOffers, postJoin } from './support.js'

/**
 * A change that asks for a matching run just as a worker takes the run
 * already queued: graphile-worker adds no new run then (a race in
 * graphile-worker itself), so the run taken must read the change. Played out
 * step by step with no worker of the app's own: this test takes the job as a
 * worker does.
 */
describe('a waitlist run taken while a change asks for another', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ clock: new TestClock(monday.toJSDate()) })
  })
  afterAll(async () => {
    await t?.app.close()
  })

  it('waits for the change to commit, and offers the time it opened', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    const coach = await createCoach(pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const joined = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Max', email: 'max@example.com' }, preferences: { days: [3], partsOfDay: ['morning'], timeZone: 'Europe/London' } }))
    expect(joined.statusCode).toBe(201)
    const jobKey = `waitlist-match:${programme.id}`

    const worker = await pool.connect()
    const change = await pool.connect()
    try {
      // A worker is taking the run Max's joining queued (graphile-worker's own columns: a test's look inside).
      await worker.query('BEGIN')
      const taken = await worker.query<{ id: string; payload: unknown }>(
        `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test-worker', attempts = attempts + 1 WHERE key = $1 RETURNING id, payload`,
        [jobKey],
      )
      expect(taken.rowCount).toBe(1)
      // Meanwhile the coach adds Wednesday 9am; its trigger asks for a run and meets the job being taken.
      await change.query('BEGIN')
      const adding = change.query('INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, 3, $2, $3)', [coach.id, 9 * 60, 9 * 60 + 45])
      await waitForLockWait(pool)
      await worker.query('COMMIT')
      await adding
      // graphile-worker added no run for the change: the one taken is all there is. (Should a graphile-worker
      // upgrade fix its race, this fails: then the run's wait in src/jobs/waitlist-match.ts can go.)
      const jobs = await pool.query(`SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'waitlist-match'`)
      expect(jobs.rows.map((row) => String(row.id))).toEqual([String(taken.rows[0]!.id)])

      // The worker runs the job it took while the change is still committing.
      const helpers = { job: { id: taken.rows[0]!.id }, logger: { info: () => {}, error: () => {} } } as unknown as JobHelpers
      let finished = false
      const run = Promise.resolve(waitlistMatchTask(t.app)(taken.rows[0]!.payload, helpers)).then(() => (finished = true))
      // Until the run has finished or is seen waiting (its waiting query is the last of some connection here).
      for (;;) {
        if (finished) break
        const waiting = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND position($1 in query) > 0`, [JOBS_BEING_ADDED_MARK])
        if (waiting.rowCount! > 0) break
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(finished, 'the run read the programme before the change committed').toBe(false)
      await change.query('COMMIT')
      await run
      expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['max@example.com'])
    } finally {
      await worker.query('ROLLBACK').catch(() => {})
      await change.query('ROLLBACK').catch(() => {})
      worker.release()
      change.release()
    }
  })
})
