import { beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { cookieHeader } from '../support/staff.js'
import { asCandidate, bookingBody, createCoach, createProgramme, listSlotStarts, tokenOf, type ProgrammeFixture } from '../support/booking-fixtures.js'

/**
 * Limits on anonymous bookings and changes, over real SMTP: the
 * booking emails one address gets in a day, the uninvited bookings from one
 * network address in an hour, a booking's changes in a day; and "get a new
 * link" ending every earlier link.
 */

const BOOKINGS_PER_ADDRESS = 3
const CHANGES_PER_BOOKING = 2
const CONFIRMATION = 'Your career conversation is booked'

describe('limits on bookings and changes', () => {
  // After the real date, so the emails scheduled for later (reminders) stay in the queue.
  const t = useMailingTestApp({
    clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')),
    defaultLimits: true,
    config: { LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: BOOKINGS_PER_ADDRESS, LIMIT_CHANGES_PER_BOOKING_PER_DAY: CHANGES_PER_BOOKING },
  })
  let programme: ProgrammeFixture
  let starts: string[]
  let next = 0
  const nextStart = () => starts[next++]!

  beforeAll(async () => {
    programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    starts = await listSlotStarts(t.app, programme, '2027-01-05', '2027-01-08')
  })

  function book(app: FastifyInstance, body: object, remoteAddress: string): Promise<LightMyRequestResponse> {
    return app.inject({ method: 'POST', url: '/api/v1/bookings', payload: body, remoteAddress })
  }

  const confirmationsTo = (address: string) =>
    t.smtp.received.filter((email) => email.envelopeTo.includes(address) && email.parsed.subject?.startsWith(CONFIRMATION))

  it('stops the booking emails to one address at 3 a day: the fourth booking is refused and nothing more is sent', async () => {
    const email = 'popular.person@example.com'
    const answers = []
    for (let i = 1; i <= 4; i++) {
      answers.push(await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Pat Popular', email } }), `192.0.2.${i}`))
    }
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 429])
    expect(answers[3]!.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('as many booking emails to this email address') })
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(answers[3]!.headers['retry-after'])).toBeLessThanOrEqual(24 * 60 * 60)
    await waitForIdleQueue(t.app)
    expect(confirmationsTo(email)).toHaveLength(3)
    const { rows } = await t.app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE candidate_email = $1`, [email])
    expect(rows[0]!.n).toBe(3)
  })

  it('books at most 3 an hour from one network address without an invitation; invited bookings are not counted', async () => {
    const gateway = '198.51.100.77'
    const answers = []
    for (let i = 1; i <= BOOKINGS_PER_ADDRESS + 1; i++) {
      answers.push(await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Trust Colleague', email: `colleague${i}@trust.example` } }), gateway))
    }
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 429])
    const { token, hash } = generateToken()
    await t.app.pg.query(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Invited Colleague', 'invited@trust.example', $2, 'sent', now(), now(), '2027-03-01T00:00:00Z')`,
      [programme.id, hash],
    )
    const invited = await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Invited Colleague', email: 'invited@trust.example' }, invitation: token }), gateway)
    expect(invited.statusCode).toBe(201)
    // An hour on, the address may book again.
    t.clock.advance(60 * 60_000)
    expect((await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Later Colleague', email: 'later@trust.example' } }), gateway)).statusCode).toBe(201)
  })

  it('lets a candidate move a booking twice a day, then answers 429', async () => {
    const created = await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Moving Person', email: 'mover@example.com' } }), '192.0.2.40')
    expect(created.statusCode).toBe(201)
    const { booking, manageUrl } = created.json()
    const moves = []
    for (let i = 0; i <= CHANGES_PER_BOOKING; i++) {
      moves.push(
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/bookings/${booking.id}/reschedule`,
          payload: { start: nextStart() },
          headers: asCandidate(tokenOf(manageUrl)),
          remoteAddress: '192.0.2.40',
        }),
      )
    }
    expect(moves.map((m) => m.statusCode)).toEqual([200, 200, 429])
  })

  it('ends every earlier manage link when a new one is sent, and the new one opens the booking', async () => {
    const email = 'lost.link@example.com'
    const created = await book(t.app, bookingBody(programme, nextStart(), { candidate: { name: 'Lost Link', email } }), '192.0.2.41')
    const { booking, manageUrl } = created.json()
    const open = (token: string) => t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asCandidate(token) })
    expect((await open(tokenOf(manageUrl))).statusCode).toBe(200)
    await waitForIdleQueue(t.app)
    // The confirmation carries a link of its own: that one works too, until a new one is asked for.
    const confirmation = confirmationsTo(email)[0]!
    const linkInConfirmation = /\/bookings\/manage\/([A-Za-z0-9_-]+)/.exec(confirmation.parsed.text ?? '')![1]!
    expect((await open(linkInConfirmation)).statusCode).toBe(200)

    const page = await t.app.inject({ url: '/bookings/new-link' })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
    const asked = await t.app.inject({
      method: 'POST',
      url: '/bookings/new-link',
      remoteAddress: '192.0.2.41',
      payload: new URLSearchParams({ email, _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page, '') },
    })
    expect(asked.statusCode).toBe(303)
    await waitForIdleQueue(t.app)
    const newLinkEmail = t.smtp.received.find((e) => e.envelopeTo.includes(email) && e.parsed.subject === 'Your new link to your career conversation')!
    expect(newLinkEmail.parsed.text).toContain('Links in our earlier emails no longer work')
    const newToken = /\/bookings\/manage\/([A-Za-z0-9_-]+)/.exec(newLinkEmail.parsed.text ?? '')![1]!

    expect((await open(tokenOf(manageUrl))).statusCode).toBe(404)
    expect((await open(linkInConfirmation)).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/bookings/manage/${linkInConfirmation}` })).statusCode).toBe(404)
    expect((await open(newToken)).statusCode).toBe(200)
  })
})
