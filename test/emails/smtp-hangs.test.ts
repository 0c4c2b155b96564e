import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp, testConfig } from '../helper.js'
import { bookingBody, createCoach, createProgramme, listSlotStarts } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { runDueJobs, waitForIdleQueue } from '../support/jobs.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'

/**
 * A mail relay that accepts the connection and never answers:
 * each send gives up in seconds (SMTP timeouts, here shortened through
 * SMTP_URL), other jobs go on meanwhile, and once the relay answers again
 * every email arrives, once.
 */

/** In front of the test SMTP server: while `hanging`, connections are taken and never answered. */
class Relay {
  hanging = true
  private held: net.Socket[] = []
  private server = net.createServer((client) => {
    if (this.hanging) {
      this.held.push(client)
      client.on('error', () => undefined)
      return
    }
    const upstream = net.connect(this.upstreamPort, '127.0.0.1')
    client.pipe(upstream).pipe(client)
    for (const socket of [client, upstream]) socket.on('error', () => (client.destroy(), upstream.destroy()))
  })
  constructor(private upstreamPort: number) {}
  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return (this.server.address() as AddressInfo).port
  }
  recover(): void {
    this.hanging = false
    for (const socket of this.held) socket.destroy()
  }
  async close(): Promise<void> {
    for (const socket of this.held) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

describe('a mail relay that hangs', () => {
  let app: FastifyInstance
  let smtp: TestSmtp
  let relay: Relay
  const ran: string[] = []

  beforeAll(async () => {
    smtp = await startTestSmtp()
    relay = new Relay(Number(new URL(smtp.url).port))
    const port = await relay.start()
    const databaseUrl = await createTestDatabase()
    ;({ app } = await buildTestApp({
      databaseUrl,
      clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')),
      runWorker: true,
      tasks: { 'test-other-job': async () => void ran.push('other') },
      config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: `smtp://127.0.0.1:${port}?greetingTimeout=500&connectionTimeout=500&socketTimeout=1000` }),
    }))
  })
  afterAll(async () => {
    await app?.close()
    await relay?.close()
    await smtp?.close()
  })

  it('fails each send in seconds and records why, keeps other jobs going, then delivers everything once when it answers again', async () => {
    const programme = await createProgramme(app.pg.pool)
    await createCoach(app.pg.pool, programme)
    const [start] = await listSlotStarts(app, programme, '2027-01-05', '2027-01-06')
    const booked = await app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingBody(programme, start!, { candidate: { name: 'Hung Relay', email: 'hung.relay@example.com' } }) })
    expect(booked.statusCode).toBe(201)

    const began = performance.now()
    await waitForIdleQueue(app, 15_000)
    // Every due email was tried and gave up on its own timeout, not nodemailer's 10 minutes.
    expect(performance.now() - began).toBeLessThan(10_000)
    const { rows } = await app.pg.query<{ status: string; last_error: string }>(`SELECT status, last_error FROM email_deliveries`)
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const row of rows) {
      expect(row.status).toBe('waiting')
      expect(row.last_error).toMatch(/greeting|timeout/i)
    }
    // The mail waiting on its retry does not hold up other work.
    await app.jobs.add('test-other-job', {})
    await waitForIdleQueue(app, 15_000)
    expect(ran).toEqual(['other'])

    relay.recover()
    // The retries, brought forward: what the worker would do within a minute or two of its own accord.
    await runDueJobs(app, new Date(Date.now() + 10 * 60_000))
    // Each delivery once: as many messages as deliveries, no Message-ID twice.
    const ids = smtp.received.map((email) => email.parsed.messageId)
    expect(ids.length).toBe(rows.length)
    expect(new Set(ids).size).toBe(ids.length)
    const after = await app.pg.query<{ status: string }>(`SELECT status FROM email_deliveries`)
    expect(after.rows.every((row) => row.status === 'sent')).toBe(true)
  })
})
