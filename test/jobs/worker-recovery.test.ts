import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recoverAbandonedJobs, WORKER_LOCK_CLASS } from '../../src/repositories/worker-liveness.js'
import { buildTestApp, TestClock, testConfig, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, listSlotStarts, postBooking } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { jobsWithPayloads, lockJobsAsWorker } from '../support/jobs.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'

/**
 * A worker that died mid-send (a crash, a SIGKILL, a lost host) leaves its
 * jobs locked in its name and its delivery "sending". The next worker to
 * start (or the minute sweep of one already running) sees, from PostgreSQL's
 * own advisory locks, that nobody holds that worker's id, and takes the work
 * back at once: the email goes once, and nothing waits for graphile-worker's
 * 4-hour lock expiry.
 */

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('jobs and deliveries left by a dead worker', () => {
  const clock = new TestClock(new Date(Date.now() + 28 * 86_400_000))
  let smtp: TestSmtp
  let databaseUrl: string
  let first: TestApp
  let second: TestApp | undefined
  let alive: pg.Client
  let bookingId: string
  const deadWorker = `worker-dead-${randomBytes(4).toString('hex')}`
  const liveWorker = `worker-alive-${randomBytes(4).toString('hex')}`

  /** The send-email job of this kind, if it is still queued. */
  const jobOf = async (email: string) => (await jobsWithPayloads(first.app, 'send-email')).find((job) => job.payload.email === email)
  const job = async (email: string) => {
    const found = await jobOf(email)
    if (!found) throw new Error(`no ${email} job is queued`)
    return found
  }

  beforeAll(async () => {
    smtp = await startTestSmtp()
    databaseUrl = await createTestDatabase()
    const config = testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk' })
    // The process that "dies": it takes the booking; its worker is simulated in the rows below.
    first = await buildTestApp({ databaseUrl, config, clock, runWorker: false })
    const programme = await createProgramme(first.app.pg.pool, { minimumNoticeMinutes: 60 })
    await createCoach(first.app.pg.pool, programme)
    const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10)
    const [start] = await listSlotStarts(first.app, programme, day(2), day(9))
    const booked = await postBooking(first.app, bookingBody(programme, start!))
    expect(booked.statusCode).toBe(201)
    bookingId = booked.json().booking.id

    const { rows } = await first.app.pg.query<{ sequence: number }>('SELECT sequence FROM bookings WHERE id = $1', [bookingId])
    const sequence = rows[0]!.sequence
    const confirmation = await job('booking-confirmation')
    const coachNotice = await job('coach-notice')
    const preparation = await job('preparation')
    // The dead worker had taken the confirmation (SMTP had not accepted it yet) and the coach's notice (SMTP had).
    await lockJobsAsWorker(first.app, deadWorker, [confirmation.id, coachNotice.id])
    await first.app.pg.query(
      `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, job_payload, status, sent_at)
       VALUES ($1, 'booking-confirmation', $3, 'sam.taylor@example.com', 'Confirmed', '<a@b>', $4, 'sending', NULL),
              ($2, 'coach-notice', $3, 'coach@example.com', 'Booked', '<c@d>', $5, 'sent', now())`,
      [`booking:${bookingId}:confirmation`, `booking:${bookingId}:coach-booked:${sequence}`, bookingId, confirmation.payload, coachNotice.payload],
    )
    // A worker of another instance, alive (its advisory lock held), is working on the preparation email.
    alive = new pg.Client({ connectionString: databaseUrl })
    await alive.connect()
    await alive.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKER_LOCK_CLASS, liveWorker])
    // Due a minute ago (it is scheduled for later), then taken.
    await first.app.pg.query(`SELECT graphile_worker.reschedule_jobs(ARRAY[$1::bigint], run_at := now() - interval '1 minute')`, [preparation.id])
    await lockJobsAsWorker(first.app, liveWorker, [preparation.id])
  })
  afterAll(async () => {
    await second?.app.close()
    await first?.app.close()
    await alive?.end().catch(() => undefined)
    await smtp?.close()
  })

  it('sends the email a dead worker left "sending" as soon as the next worker starts, once', async () => {
    const started = performance.now()
    second = await buildTestApp({
      databaseUrl,
      clock,
      runWorker: true,
      config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk' }),
    })
    await waitUntil('the confirmation is marked sent', async () => {
      const { rows } = await second!.app.pg.query(`SELECT status FROM email_deliveries WHERE dedupe_key = $1`, [`booking:${bookingId}:confirmation`])
      return rows[0]?.status === 'sent'
    })
    expect(performance.now() - started).toBeLessThan(15_000)
    // The coach's notice job ran too (and finished: its row is gone).
    await waitUntil('the coach notice job has run', async () => (await jobOf('coach-notice')) === undefined)

    const confirmations = smtp.received.filter((email) => email.envelopeTo.includes('sam.taylor@example.com') && /is booked/.test(email.parsed.subject ?? ''))
    expect(confirmations).toHaveLength(1)
    // SMTP had accepted the coach's notice before the crash: the freed job finds it sent and sends nothing.
    expect(smtp.received.filter((email) => !email.envelopeTo.includes('sam.taylor@example.com'))).toHaveLength(0)
  })

  it('leaves alone the jobs of a worker that is alive on another instance', async () => {
    expect((await job('preparation')).locked_by).toBe(liveWorker)
    await recoverAbandonedJobs(second!.app.pg.pool)
    expect((await job('preparation')).locked_by).toBe(liveWorker)
  })

  it('takes them back once that worker dies too', async () => {
    await alive.end()
    const recovered = await recoverAbandonedJobs(second!.app.pg.pool)
    expect(recovered.workers).toContain(liveWorker)
    await waitUntil('the preparation job has run', async () => (await jobOf('preparation')) === undefined)
  })
})
