import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { TestClock, buildTestApp, testConfig, useMailingTestApp } from '../helper.js'
import { runDueJobs, waitForIdleQueue } from '../support/jobs.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { asCandidate, bookingBody, createCoach, createProgramme, listSlotStarts, postBooking, tokenOf, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'

/**
 * Webhooks and the event feed, against a real HTTP receiver on
 * loopback: the right events in order, signed (checked with the
 * standardwebhooks library); a receiver answering 500, hanging or down gets
 * each event once it recovers, and never twice after a 2xx; after an outage
 * the feed gives every event missed.
 */

interface Received {
  headers: IncomingMessage['headers']
  body: string
}

/**
 * A receiver that answers as told: `ok` (204), `fail` (500), `hang` (never
 * answers) or `slow` (204 after 30 ms, counting how many it is answering at once).
 */
class Receiver {
  received: Received[] = []
  mode: 'ok' | 'fail' | 'hang' | 'slow' = 'ok'
  answering = 0
  mostAtOnce = 0
  private server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      this.received.push({ headers: request.headers, body })
      if (this.mode === 'hang') return
      if (this.mode === 'slow') {
        this.mostAtOnce = Math.max(this.mostAtOnce, ++this.answering)
        setTimeout(() => {
          this.answering--
          response.writeHead(204).end()
        }, 30)
        return
      }
      response.writeHead(this.mode === 'ok' ? 204 : 500).end()
    })
  })
  port = 0
  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server = createServer(this.server.listeners('request')[0] as never)
  }
  get url() {
    return `http://127.0.0.1:${this.port}/hooks`
  }
}

describe('webhooks and the event feed', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')), config: { WEBHOOK_TIMEOUT_MS: 500 } })
  const receiver = new Receiver()
  let admin: string
  let programme: ProgrammeFixture
  let starts: string[]
  let secret: string
  let endpointId: string
  let next = 0

  beforeAll(async () => {
    await receiver.start()
    ;({ admin } = await adminAndCoachSessions(t.app))
    programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    starts = await listSlotStarts(t.app, programme, '2027-01-05', '2027-01-08')
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: { cookie: admin },
      payload: { url: receiver.url, events: ['booking.created', 'booking.rescheduled', 'booking.cancelled'], description: 'Reporting tool' },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    ;({ secret, id: endpointId } = registered.json())
    expect(secret).toMatch(/^whsec_/)
  })
  afterAll(async () => {
    await receiver.stop()
  })
  beforeEach(() => {
    receiver.received = []
    receiver.mode = 'ok'
    receiver.mostAtOnce = 0
  })

  /** Books, moves and cancels one conversation: three events. */
  async function bookMoveCancel() {
    const created = await postBooking(t.app, bookingBody(programme, starts[next++]!, { candidate: { name: 'Webhook Person', email: `webhook${next}@example.com` } }))
    expect(created.statusCode).toBe(201)
    const { booking, manageUrl } = created.json()
    const headers = asCandidate(tokenOf(manageUrl))
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/reschedule`, headers, payload: { start: starts[next++] } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers, payload: {} })).statusCode).toBe(200)
    return booking as { id: string; reference: string }
  }

  const verified = (message: Received) =>
    new Webhook(secret).verify(message.body, {
      'webhook-id': String(message.headers['webhook-id']),
      'webhook-timestamp': String(message.headers['webhook-timestamp']),
      'webhook-signature': String(message.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> }

  it('delivers a booking, a reschedule and a cancellation as signed events, in order, with ids and times only', async () => {
    const booking = await bookMoveCancel()
    await waitForIdleQueue(t.app)
    expect(receiver.received).toHaveLength(3)
    const events = receiver.received.map(verified)
    expect(events.map((event) => event.type)).toEqual(['booking.created', 'booking.rescheduled', 'booking.cancelled'])
    expect(events[2]!.data).toEqual({
      bookingId: booking.id,
      reference: booking.reference,
      programme: programme.slug,
      start: expect.stringMatching(/Z$/),
      end: expect.stringMatching(/Z$/),
      status: 'cancelled',
      coachId: expect.any(String),
    })
    expect(JSON.stringify(events)).not.toContain('Webhook Person')
    // A changed body fails verification.
    expect(() => verified({ ...receiver.received[0]!, body: receiver.received[0]!.body.replace('created', 'cancelled') })).toThrow()
  })

  it('sends an endpoint one event at a time, in the order they happened, when many are waiting at once', async () => {
    // While the deliveries table is locked no event can be dispatched, so the nine events below wait together and
    // the worker is free to take several at once when the lock goes.
    const holder = await t.app.pg.pool.connect()
    let bookings: { id: string }[]
    try {
      await holder.query('BEGIN')
      await holder.query('LOCK TABLE webhook_deliveries IN EXCLUSIVE MODE')
      bookings = [await bookMoveCancel(), await bookMoveCancel(), await bookMoveCancel()]
      receiver.mode = 'slow'
    } finally {
      await holder.query('COMMIT')
      holder.release()
    }
    await waitForIdleQueue(t.app)
    expect(receiver.received).toHaveLength(9)
    expect(receiver.mostAtOnce).toBe(1)
    const told = receiver.received.map(verified).map((event) => `${String(event.data.bookingId)} ${event.type}`)
    expect(told).toEqual(bookings.flatMap((booking) => ['booking.created', 'booking.rescheduled', 'booking.cancelled'].map((type) => `${booking.id} ${type}`)))
  })

  it('keeps trying a receiver that answers 500, hangs or is down, and delivers each event once it recovers, never twice', async () => {
    receiver.mode = 'fail'
    await bookMoveCancel()
    await waitForIdleQueue(t.app)
    expect(receiver.received).toHaveLength(3)

    receiver.mode = 'hang'
    await runDueJobs(t.app, new Date(Date.now() + 60 * 60_000))
    expect(receiver.received).toHaveLength(6)

    await receiver.stop()
    await runDueJobs(t.app, new Date(Date.now() + 2 * 60 * 60_000))
    const deliveries = await t.app.inject({ url: `/api/v1/admin/webhooks/${endpointId}/deliveries`, headers: { cookie: admin } })
    const waiting = deliveries.json().deliveries.filter((delivery: { status: string }) => delivery.status === 'waiting')
    expect(waiting).toHaveLength(3)
    expect(waiting.every((delivery: { attempts: number; lastError: string }) => delivery.attempts === 3 && delivery.lastError.startsWith('Could not connect'))).toBe(true)

    await receiver.start(receiver.port)
    receiver.mode = 'ok'
    receiver.received = []
    await runDueJobs(t.app, new Date(Date.now() + 3 * 60 * 60_000))
    expect(receiver.received.map(verified).map((event) => event.type).sort()).toEqual(['booking.cancelled', 'booking.created', 'booking.rescheduled'])

    // Delivered: more runs of the queue, and an admin's "send again", send nothing more.
    const after = (await t.app.inject({ url: `/api/v1/admin/webhooks/${endpointId}/deliveries`, headers: { cookie: admin } })).json().deliveries
    expect(after.every((delivery: { status: string }) => delivery.status === 'delivered')).toBe(true)
    await t.app.inject({ method: 'POST', url: `/api/v1/admin/webhooks/${endpointId}/deliveries/${after[0].id}/send-again`, headers: { cookie: admin } })
    await runDueJobs(t.app, new Date(Date.now() + 24 * 60 * 60_000))
    expect(receiver.received).toHaveLength(3)
  })

  it('gives every event since a cursor in the feed, in order, and the same cursor when there is nothing new', async () => {
    const first = await t.app.inject({ url: '/api/v1/events?limit=500', headers: { cookie: admin } })
    const cursor = first.json().nextCursor as string
    receiver.mode = 'fail'
    const booking = await bookMoveCancel()
    const missed = await t.app.inject({ url: `/api/v1/events?after=${cursor}`, headers: { cookie: admin } })
    expect(missed.statusCode).toBe(200)
    expect(missed.json().events.map((event: { type: string; data: { bookingId: string } }) => [event.type, event.data.bookingId])).toEqual([
      ['booking.created', booking.id],
      ['booking.rescheduled', booking.id],
      ['booking.cancelled', booking.id],
    ])
    const again = await t.app.inject({ url: `/api/v1/events?after=${missed.json().nextCursor}`, headers: { cookie: admin } })
    expect(again.json()).toEqual({ events: [], nextCursor: missed.json().nextCursor })
    // The feed's ids are the webhooks' ids.
    await waitForIdleQueue(t.app)
    expect(receiver.received.map((message) => message.headers['webhook-id'])).toEqual(missed.json().events.map((event: { id: string }) => event.id))
    expect((await t.app.inject({ url: '/api/v1/events?after=not*a*cursor', headers: { cookie: admin } })).statusCode).toBe(400)
  })

  it('switches off an endpoint still failing a day after its oldest undelivered event, and tells the programme team', async () => {
    receiver.mode = 'fail'
    await bookMoveCancel()
    await waitForIdleQueue(t.app)
    // A day has passed since these deliveries were first tried.
    await t.app.pg.query(`UPDATE webhook_deliveries SET created_at = created_at - interval '25 hours' WHERE status = 'waiting'`)
    t.smtp.received.length = 0
    await runDueJobs(t.app, new Date(Date.now() + 6 * 60 * 60_000))
    const endpoint = (await t.app.inject({ url: '/api/v1/admin/webhooks', headers: { cookie: admin } })).json().webhooks[0]
    expect(endpoint).toMatchObject({ active: false, disabledAt: expect.any(String) })
    const told = t.smtp.received.filter((email) => email.parsed.subject === 'A webhook has been switched off')
    const admins = (await t.app.pg.query(`SELECT count(*)::int AS n FROM staff_users WHERE role = 'admin' AND active`)).rows[0].n
    expect(told).toHaveLength(admins)
    expect(told[0]!.parsed.text).toContain(receiver.url)
    // Nothing more is sent to it.
    const before = receiver.received.length
    await bookMoveCancel()
    await runDueJobs(t.app, new Date(Date.now() + 12 * 60 * 60_000))
    expect(receiver.received).toHaveLength(before)
  })
})

describe('webhooks to private addresses', () => {
  it('refuses to register a loopback, private or link-local URL unless WEBHOOKS_ALLOW_PRIVATE', async () => {
    const databaseUrl = await createTestDatabase()
    const { app } = await buildTestApp({ databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, WEBHOOKS_ALLOW_PRIVATE: '0' }) })
    try {
      const { admin } = await adminAndCoachSessions(app)
      for (const url of ['http://127.0.0.1:9/hooks', 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest', 'http://[::1]/hooks', 'http://localhost/hooks', 'ftp://example.com/x']) {
        const refused = await app.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: { cookie: admin }, payload: { url, events: ['booking.created'] } })
        expect(refused.statusCode, url).toBe(400)
        expect(refused.json().fields[0].field).toBe('body.url')
      }
    } finally {
      await app.close()
    }
  })
})
