import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../../helper.js'
import { jobsWithPayloads } from '../../../support/jobs.js'
import {
  bookingBody,
  buildTestAppWithCoach,
  listSlotStarts,
  NEW_YORK,
  postBooking,
  tokenOf,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'

// The test clock starts on Monday 2 March 2026, 8am UTC (GMT): with 24 hours'
// notice the first free slot is Tuesday 3 March at 9am.
const TUESDAY_9AM = '2026-03-03T09:00:00.000Z'

describe('POST /api/v1/bookings', () => {
  let t: TestApp
  let programme: ProgrammeFixture

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach({ name: 'Amina Okafor' }))
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('books a free slot: 201 with the booking and a manage link', async () => {
    const response = await postBooking(
      t.app,
      bookingBody(programme, TUESDAY_9AM, { accessibilityNeeds: '  Captions, please ', candidate: { name: ' Sam  Taylor ', email: 'Sam.Taylor@Example.com', phone: '' } }),
    )
    expect(response.statusCode).toBe(201)
    const { booking, manageUrl } = response.json()
    expect(booking).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: expect.stringMatching(/^CC-[2-9A-HJKMNP-TV-Z]{6}$/),
      start: TUESDAY_9AM,
      end: '2026-03-03T09:45:00.000Z',
      status: 'booked',
      coachFirstName: 'Amina',
      contactMethod: 'video',
      videoLink: null,
      timeZone: 'Europe/London',
      programme: { id: programme.id, slug: programme.slug, name: `Programme ${programme.slug}` },
      candidate: { name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: null },
      accessibilityNeeds: 'Captions, please',
      cancelledAt: null,
      cancelledBy: null,
      cancellationReason: null,
      createdAt: '2026-03-02T08:00:00.000Z',
      updatedAt: '2026-03-02T08:00:00.000Z',
    })
    expect(manageUrl).toMatch(/^http:\/\/localhost:3000\/bookings\/manage\/[A-Za-z0-9_-]{43}$/)

    // stored: the token only as its hash, consent with its version, the first history row
    const token = tokenOf(manageUrl)
    const stored = await t.app.pg.query(
      `SELECT t.token_hash, b.consent_notice_version, b.consent_acknowledged_at, b.sequence
         FROM booking_manage_tokens t JOIN bookings b ON b.id = t.booking_id WHERE b.id = $1`,
      [booking.id],
    )
    expect(stored.rows).toHaveLength(1)
    expect(stored.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.rows[0].token_hash).not.toContain(token)
    expect(stored.rows[0].consent_notice_version).toBeTruthy()
    expect(stored.rows[0].sequence).toBe(0)
    const events = await t.app.pg.query(`SELECT kind, actor, sequence FROM booking_events WHERE booking_id = $1`, [booking.id])
    expect(events.rows).toEqual([{ kind: 'booked', actor: 'candidate', sequence: 0 }])

    // the emails were enqueued in the same transaction
    const jobs = (await jobsWithPayloads(t.app, 'send-email')).filter((job) => job.payload.bookingId === booking.id)
    expect(jobs.length).toBeGreaterThan(0)

    // and the slot is no longer offered
    expect(await listSlotStarts(t.app, programme, '2026-03-03', '2026-03-03')).not.toContain(TUESDAY_9AM)
  })

  it('answers 409 slot_unavailable for a time nobody is free', async () => {
    const taken = await postBooking(t.app, bookingBody(programme, TUESDAY_9AM))
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toMatchObject({ error: 'slot_unavailable', requestId: expect.any(String) })

    const notASlot = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:07:00.000Z'))
    expect(notASlot.statusCode).toBe(409)
    const tooSoon = await postBooking(t.app, bookingBody(programme, '2026-03-02T15:00:00.000Z'))
    expect(tooSoon.statusCode).toBe(409)
    const weekend = await postBooking(t.app, bookingBody(programme, '2026-03-07T09:00:00.000Z'))
    expect(weekend.statusCode).toBe(409)
  })

  it('needs a phone number for a phone call, a real email and zone, and consent: 400 with each field', async () => {
    const response = await postBooking(
      t.app,
      bookingBody(programme, '2026-03-03T09:45:00.000Z', {
        contactMethod: 'phone',
        timeZone: 'Mars/Olympus_Mons',
        candidate: { name: '   ', email: 'sam@example.com' },
      }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', requestId: expect.any(String) })
    expect(response.json().fields).toEqual([
      { field: 'body.timeZone', message: 'Enter a real time zone, like Europe/London' },
      { field: 'body.candidate.name', message: 'Enter your name' },
      { field: 'body.candidate.phone', message: 'Enter a phone number, so your coach can call you' },
    ])

    const schema = await postBooking(t.app, {
      ...bookingBody(programme, 'next tuesday', { consent: false, contactMethod: 'carrier pigeon' }),
      candidate: { name: 'Sam', email: 'not-an-email' },
      extra: 1,
    })
    expect(schema.statusCode).toBe(400)
    const fields = schema.json().fields.map((f: { field: string }) => f.field)
    expect(fields).toEqual(
      expect.arrayContaining(['body.start', 'body.consent', 'body.contactMethod', 'body.candidate.email', 'body.extra']),
    )

    const badPhone = await postBooking(
      t.app,
      bookingBody(programme, '2026-03-03T09:45:00.000Z', { contactMethod: 'phone', candidate: { name: 'Sam', email: 's@example.com', phone: 'call me' } }),
    )
    expect(badPhone.statusCode).toBe(400)
    expect(badPhone.json().fields).toEqual([{ field: 'body.candidate.phone', message: expect.stringMatching(/^Enter a phone number/) }])
  })

  it('answers an unknown programme with 400 naming the field', async () => {
    const response = await postBooking(t.app, { ...bookingBody(programme, '2026-03-03T09:45:00.000Z'), programme: 'no-such-programme' })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([{ field: 'body.programme', message: expect.any(String) }])
  })

  it('books a London coach for a candidate in New York: times in UTC, the zone kept', async () => {
    // 9:30am in New York on Tuesday 10 March 2026 (EDT since 8 March) is 1:30pm UTC; London is still on GMT.
    const response = await postBooking(
      t.app,
      bookingBody(programme, '2026-03-10T09:30:00-04:00', {
        timeZone: NEW_YORK,
        contactMethod: 'phone',
        candidate: { name: 'Jo', email: 'jo@example.com', phone: '+1 212 555 0100' },
      }),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().booking).toMatchObject({
      start: '2026-03-10T13:30:00.000Z',
      end: '2026-03-10T14:15:00.000Z',
      timeZone: NEW_YORK,
      contactMethod: 'phone',
      candidate: { phone: '+1 212 555 0100' },
    })
  })

  it('describes the booking routes in the OpenAPI document', async () => {
    const document = (await t.app.inject('/docs/json')).json()
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/slots',
        '/api/v1/slots/holds',
        '/api/v1/bookings',
        '/api/v1/bookings/{id}',
        '/api/v1/bookings/{id}/reschedule',
        '/api/v1/bookings/{id}/cancel',
      ]),
    )
    expect(document.paths['/api/v1/bookings'].post.tags).toEqual(['booking'])
  })
})
