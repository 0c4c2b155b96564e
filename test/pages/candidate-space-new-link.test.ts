import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { cookieHeader } from '../support/staff.js'
import { createConversation, createProgramme, signedIn } from '../notes/notes-fixtures.js'
import { MAX_NEW_LINKS_PER_EMAIL } from '../../src/domain/candidate-space/index.js'

/**
 * "Get a new link" on the "This link does not work" page, over real
 * SMTP: the same answer whether or not a booking exists, an email (with a
 * link that opens the booking) only when one does, and a modest rate limit.
 */
describe('getting a new link to a booking', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2026-03-02T08:00:00.000Z')) })
  let programmeId: string
  let coachId: string

  beforeAll(async () => {
    programmeId = (await createProgramme(t.app)).id
    coachId = (await signedIn(t.app, 'coach', 'Amina Okafor')).coachId!
  })
  beforeEach(async () => {
    await t.app.pg.query('DELETE FROM manage_link_requests')
    t.clock.set('2026-03-02T08:00:00.000Z')
  })

  /** Asks from the 404 page's form, as a browser would (CSRF token and cookie from that page). */
  async function ask(app: FastifyInstance, email: string, ip = '203.0.113.7'): Promise<LightMyRequestResponse> {
    const page = await app.inject({ url: '/bookings/manage/not-a-real-link' })
    expect(page.statusCode).toBe(404)
    expect(page.body).toContain('Get a new link')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    return app.inject({
      method: 'POST',
      url: '/bookings/new-link',
      remoteAddress: ip,
      payload: new URLSearchParams({ email, _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page, '') },
    })
  }

  it('answers the same either way, and emails a working link only when a booking exists', async () => {
    const c = await createConversation(t.app, programmeId, coachId, '2026-03-04T10:00:00.000Z', { name: 'Sam Taylor', email: 'sam.newlink@example.com' })

    const known = await ask(t.app, '  Sam.NewLink@Example.com ')
    const unknown = await ask(t.app, 'nobody@example.com')
    for (const response of [known, unknown]) {
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe('/bookings/new-link/sent')
    }
    const sent = await t.app.inject({ url: '/bookings/new-link/sent' })
    expect(sent.body).toContain('If we have a booking for that address, we have sent you a new link')

    await waitForIdleQueue(t.app)
    const [message] = await t.smtp.waitFor(1)
    // The queue is idle, so every email a job sent is here: the test server takes a message before its job ends.
    expect(t.smtp.received).toHaveLength(1)
    expect(message!.envelopeTo).toEqual(['sam.newlink@example.com'])
    expect(message!.parsed.subject).toBe('Your new link to your career conversation')
    expect(message!.parsed.text).toContain('Wednesday 4 March 2026, 10am to 10:45am (UK time)')
    expect(message!.parsed.text).toContain(c.reference)
    const link = /https:\/\/careers\.example\.nhs\.uk(\/bookings\/manage\/[A-Za-z0-9_-]+)/.exec(message!.parsed.text ?? '')![1]!
    const opened = await t.app.inject({ url: link })
    expect(opened.statusCode).toBe(200)
    expect(opened.body).toContain(c.reference)
  })

  it('keeps the link it sent when its job runs again after the email went (a worker stopped before recording it done)', async () => {
    const c = await createConversation(t.app, programmeId, coachId, '2026-03-04T11:00:00.000Z', { email: 'sam.retry@example.com' })
    expect((await ask(t.app, 'sam.retry@example.com')).headers.location).toBe('/bookings/new-link/sent')
    await waitForIdleQueue(t.app)
    const [message] = await t.smtp.waitFor(1)
    const link = /(\/bookings\/manage\/[A-Za-z0-9_-]+)/.exec(message!.parsed.text ?? '')![1]!
    expect((await t.app.inject({ url: link })).statusCode).toBe(200)

    // The same job again, as graphile-worker would run it had the worker stopped after the send.
    const { rows } = await t.app.pg.query<{ payload: object }>(
      `SELECT job_payload AS payload FROM email_deliveries WHERE kind = 'new-manage-link' AND booking_id = $1`,
      [c.id],
    )
    expect(rows).toHaveLength(1)
    await t.app.jobs.add('send-email', rows[0]!.payload)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(1)
    const opened = await t.app.inject({ url: link })
    expect(opened.statusCode).toBe(200)
    expect(opened.body).toContain(c.reference)
  })

  it('sends for a recent booking too, not for a cancelled or long-past one', async () => {
    const past = await createConversation(t.app, programmeId, coachId, '2026-01-05T10:00:00.000Z', { email: 'sam.past@example.com' })
    await createConversation(t.app, programmeId, coachId, '2025-10-06T10:00:00.000Z', { email: 'sam.old@example.com' })
    const cancelled = await createConversation(t.app, programmeId, coachId, '2026-03-05T10:00:00.000Z', { email: 'sam.cancelled@example.com' })
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate' WHERE id = $1`, [cancelled.id])

    for (const email of ['sam.past@example.com', 'sam.old@example.com', 'sam.cancelled@example.com']) {
      expect((await ask(t.app, email)).headers.location).toBe('/bookings/new-link/sent')
    }
    await waitForIdleQueue(t.app)
    await t.smtp.waitFor(1)
    expect(t.smtp.received.map((m) => m.envelopeTo[0])).toEqual(['sam.past@example.com'])
    const link = /(\/bookings\/manage\/[A-Za-z0-9_-]+)/.exec(t.smtp.received[0]!.parsed.text ?? '')![1]!
    const opened = await t.app.inject({ url: link })
    expect(opened.statusCode).toBe(200)
    expect(opened.body).toContain(past.reference)
  })

  it('limits how often one address gets a link, answering the same', async () => {
    await createConversation(t.app, programmeId, coachId, '2026-03-06T10:00:00.000Z', { email: 'sam.often@example.com' })
    for (let i = 0; i < MAX_NEW_LINKS_PER_EMAIL + 2; i++) {
      expect((await ask(t.app, 'sam.often@example.com', `203.0.113.${i + 20}`)).headers.location).toBe('/bookings/new-link/sent')
    }
    await waitForIdleQueue(t.app)
    await t.smtp.waitFor(MAX_NEW_LINKS_PER_EMAIL)
    expect(t.smtp.received).toHaveLength(MAX_NEW_LINKS_PER_EMAIL)
    // An hour later, another.
    t.clock.advance(61 * 60_000)
    await ask(t.app, 'sam.often@example.com')
    await waitForIdleQueue(t.app)
    await t.smtp.waitFor(MAX_NEW_LINKS_PER_EMAIL + 1)
    // Nothing about the address is kept in clear.
    const { rows } = await t.app.pg.query(`SELECT email_key FROM manage_link_requests`)
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.email_key))).toBe(true)
  })

  it('asks again for an address that is missing or not an address', async () => {
    const page = await t.app.inject({ url: '/bookings/new-link' })
    expect(page.statusCode).toBe(200)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    const post = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/bookings/new-link',
        payload: new URLSearchParams({ email, _csrf: csrf }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page, '') },
      })
    const empty = await post('')
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Enter your email address')
    const wrong = await post('not an email')
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('Enter an email address in the correct format, like name@example.com')
  })
})
