import { Writable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import pino from 'pino'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOptions } from '../src/logging.js'
import { buildTestApp, testConfig, TestClock, type TestApp } from './helper.js'
import { createCoach, createProgramme, listSlotStarts, tokenOf } from './support/booking-fixtures.js'
import { createTestDatabase } from './support/database.js'
import { waitForIdleQueue } from './support/jobs.js'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { createStaff, pageBrowser, signedInBrowser } from './support/staff.js'

/**
 * No personal data or tokens in logs: the logs of a whole journey, at debug
 * level, searched for the candidate's address, name, phone number and manage
 * token (and the staff member's address and password). The journey: book
 * through the API, open the manage link, move the booking, cancel it, the
 * worker sending every email over SMTP, a coach signing in and opening a
 * page, and an admin answering a data request about the candidate.
 */
describe('the logs of a whole journey', () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  let smtp: SMTPServer
  let smtpUrl: string
  let received = 0
  let t: TestApp
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const candidate = { name: 'Rosalind Featherstonehaugh', email: 'Rosalind.Featherstone@Example.org', phone: '07700 900987' }
  const secrets: string[] = [candidate.name, 'Featherstonehaugh', candidate.email, candidate.email.toLowerCase(), candidate.phone, '07700900987']

  // Someone else whose address the mail server refuses, quoting it, as real servers do.
  const bouncing = { name: 'Percival Bouncewright', email: 'bounce.percival@example.org', phone: '07700 900555' }
  secrets.push(bouncing.name, bouncing.email, bouncing.phone)

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (!address.address.startsWith('bounce.')) return callback()
        const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`) as Error & { responseCode: number }
        error.responseCode = 550
        callback(error)
      },
      onData(stream, _session, callback) {
        stream.on('data', () => undefined)
        stream.on('end', () => {
          received++
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
    const databaseUrl = await createTestDatabase()
    const config = testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, LOG_LEVEL: 'debug' })
    t = await buildTestApp({
      databaseUrl,
      config,
      clock: new TestClock(monday.toJSDate()),
      runWorker: true,
      loggerInstance: pino(loggerOptions(config) as pino.LoggerOptions, stream),
    })
  })
  afterAll(async () => {
    await t?.app.close()
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
  })

  it('hold no name, address, phone number, token or password', async () => {
    const app = t.app
    const programme = await createProgramme(app.pg.pool)
    await createCoach(app.pg.pool, programme)
    const [first, second] = await listSlotStarts(app, programme, monday.plus({ days: 7 }).toISODate()!, monday.plus({ days: 9 }).toISODate()!)

    // Book through the API, as the journey's last step does.
    const booked = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        programme: programme.slug,
        start: first,
        timeZone: 'Europe/London',
        candidate,
        contactMethod: 'phone',
        accessibilityNeeds: `${candidate.name} uses a hearing loop`,
        consent: true,
      },
    })
    expect(booked.statusCode, booked.body).toBe(201)
    const { booking, manageUrl } = booked.json() as { booking: { id: string }; manageUrl: string }
    const token = tokenOf(manageUrl)
    secrets.push(token)
    const asCandidate = { authorization: `Bearer ${token}` }

    // Open the manage link; a bad token too, and a query string with the address in it.
    expect((await app.inject(`/bookings/manage/${token}`)).statusCode).toBe(200)
    expect((await app.inject(`/bookings/manage/${token}x?email=${encodeURIComponent(candidate.email)}`)).statusCode).toBe(404)
    expect((await app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asCandidate })).statusCode).toBe(200)

    // Move it, then cancel it, through the API.
    const moved = await app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/reschedule`, headers: asCandidate, payload: { start: second, reason: `${candidate.name} is working` } })
    expect(moved.statusCode, moved.body).toBe(200)
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: asCandidate, payload: { reason: `Call ${candidate.phone}` } })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    // A request the schema refuses, with the address in the body.
    expect((await app.inject({ method: 'POST', url: '/api/v1/bookings', payload: { candidate: { email: candidate.email, name: candidate.name } } })).statusCode).toBe(400)

    // Someone the mail server refuses books too: their confirmation fails, and is retried later.
    const third = (await listSlotStarts(app, programme, monday.plus({ days: 7 }).toISODate()!, monday.plus({ days: 9 }).toISODate()!))[2]!
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      payload: { programme: programme.slug, start: third, timeZone: 'Europe/London', candidate: bouncing, contactMethod: 'phone', consent: true },
    })
    expect(refused.statusCode, refused.body).toBe(201)
    secrets.push(tokenOf(refused.json().manageUrl))

    // The worker sends every email (or fails to, for the refused address).
    for (let waited = 0; received < 7 && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50))
    await waitForIdleQueue(app)
    const failedJobs = await app.pg.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL`)
    expect(failedJobs.rows[0].n, 'the refused confirmation failed and waits for a retry').toBeGreaterThan(0)

    // A coach signs in through the page and opens their page.
    const coach = await createStaff(app, { role: 'coach', email: 'marguerite.staffmember@nhs.example', name: 'Marguerite Staffmember' })
    secrets.push(coach.email, coach.password)
    const browser = pageBrowser(app)
    const signIn = await browser.post('/sign-in', { email: coach.email, password: coach.password })
    expect(signIn.statusCode).toBe(303)
    expect((await browser.get('/coach')).statusCode).toBe(200)
    // A failed sign-in with the candidate's address.
    await pageBrowser(app).post('/sign-in', { email: candidate.email, password: 'not-the-password' })

    // An admin answers a data request about the candidate.
    const admin = await createStaff(app, { role: 'admin' })
    const adminBrowser = await signedInBrowser(app, admin.id)
    const copy = await adminBrowser.post('/admin/data/requests', { email: candidate.email, request: 'page' }, { tokenFrom: '/admin/data/requests' })
    expect(copy.statusCode).toBe(200)

    if (process.env.DUMP_LOGS) (await import('node:fs')).writeFileSync(process.env.DUMP_LOGS, lines.join(''))
    const text = lines.join('')
    expect(lines.length).toBeGreaterThan(50)
    expect(text).toContain('"level":20') // debug lines were written
    expect(text).toContain('send-email')
    expect(text).toContain('Recipient address rejected') // the failure is logged, without the address
    for (const secret of secrets) {
      const where = lines.filter((line) => line.toLowerCase().includes(secret.toLowerCase()))
      expect(where, `"${secret}" is in the logs`).toEqual([])
    }
  })
})
