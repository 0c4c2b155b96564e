import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateToken } from '../../../../src/domain/booking/tokens.js'
import { insertInvitation } from '../../../../src/repositories/invitations.js'
import type { TestApp } from '../../../helper.js'
import {
  asCandidate,
  bookingBody,
  buildTestAppWithCoach,
  createProgramme,
  postBooking,
  tokenOf,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'

describe('Idempotency-Key on POST /api/v1/bookings', () => {
  let t: TestApp
  let programme: ProgrammeFixture

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach())
  })
  afterAll(async () => {
    await t.app.close()
  })

  const count = async () =>
    (await t.app.pg.query('SELECT count(*)::int AS n FROM bookings WHERE programme_id = $1', [programme.id])).rows[0].n

  it('answers a repeat with the first answer and books nothing more; each answer’s link works', async () => {
    const body = bookingBody(programme, '2026-03-03T09:00:00.000Z')
    const first = await postBooking(t.app, body, { 'idempotency-key': 'key-0001' })
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    t.clock.advance(60_000)
    // the same body, its fields in another order
    const reordered = { ...body, candidate: { email: body.candidate.email, name: body.candidate.name }, consent: true }
    const again = await postBooking(t.app, reordered, { 'idempotency-key': 'key-0001' })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json().booking).toEqual(first.json().booking)
    expect(again.json().manageUrl).not.toBe(first.json().manageUrl)
    expect(await count()).toBe(1)
    for (const answer of [first, again]) {
      const seen = await t.app.inject({
        url: `/api/v1/bookings/${answer.json().booking.id}`,
        headers: asCandidate(tokenOf(answer.json().manageUrl)),
      })
      expect(seen.statusCode).toBe(200)
    }
  })

  it('refuses the same key with a different request: 422 idempotency_key_reused', async () => {
    const response = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:45:00.000Z'), { 'idempotency-key': 'key-0001' })
    expect(response.statusCode).toBe(422)
    expect(response.json()).toMatchObject({ error: 'idempotency_key_reused', requestId: expect.any(String) })
    expect(await count()).toBe(1)
  })

  it('keeps no key for a refused request: a retry is tried afresh', async () => {
    const taken = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:00:00.000Z'), { 'idempotency-key': 'key-0002' })
    expect(taken.statusCode).toBe(409)
    const { rows } = await t.app.pg.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'key-0002'`)
    expect(rows[0].n).toBe(0)
  })

  it('forgets a key after 24 hours', async () => {
    const body = bookingBody(programme, '2026-03-05T09:00:00.000Z')
    expect((await postBooking(t.app, body, { 'idempotency-key': 'key-0003' })).statusCode).toBe(201)
    t.clock.advance(24 * 60 * 60 * 1000)
    const later = await postBooking(t.app, bookingBody(programme, '2026-03-05T09:45:00.000Z'), { 'idempotency-key': 'key-0003' })
    expect(later.statusCode).toBe(201)
    expect(later.headers['idempotent-replayed']).toBeUndefined()
  })

  it('checks the key’s form', async () => {
    const response = await postBooking(t.app, bookingBody(programme, '2026-03-05T10:30:00.000Z'), { 'idempotency-key': 'has spaces in it' })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields[0].field).toBe('headers.idempotency-key')
  })
})

describe('booking from an invitation', () => {
  let t: TestApp
  let programme: ProgrammeFixture

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach())
  })
  afterAll(async () => {
    await t.app.close()
  })

  async function invite(email: string, expiresAt = '2026-04-01T00:00:00Z', forProgramme = programme) {
    const link = generateToken()
    const invitation = await insertInvitation(t.app.pg.pool, {
      programmeId: forProgramme.id,
      name: 'Sam Taylor',
      email,
      phone: null,
      note: null,
      tokenHash: link.hash,
      createdById: null,
      now: t.clock.now(),
      expiresAt: new Date(expiresAt),
    })
    return { id: invitation.id, token: link.token }
  }

  const status = async (id: string) => (await t.app.pg.query('SELECT status FROM invitations WHERE id = $1', [id])).rows[0].status

  it('records which invitation a booking answered, and marks it booked; cancelling opens it again', async () => {
    const invitation = await invite('sam@example.com')
    const response = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:00:00.000Z', { invitation: invitation.token }))
    expect(response.statusCode, response.body).toBe(201)
    const { rows } = await t.app.pg.query('SELECT invitation_id FROM bookings WHERE id = $1', [response.json().booking.id])
    expect(rows[0].invitation_id).toBe(invitation.id)
    expect(await status(invitation.id)).toBe('booked')

    const again = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:45:00.000Z', { invitation: invitation.token }))
    expect(again.statusCode).toBe(400)
    expect(again.json().fields).toEqual([{ field: 'body.invitation', message: expect.stringMatching(/already been used/) }])

    const token = tokenOf(response.json().manageUrl)
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${response.json().booking.id}/cancel`,
      payload: {},
      headers: asCandidate(token),
    })
    expect(cancelled.statusCode).toBe(200)
    expect(await status(invitation.id)).toBe('sent')
  })

  it('refuses an expired invitation, one for another programme and a made-up one, with 400 on the field', async () => {
    const expired = await invite('old@example.com', '2026-03-01T00:00:00Z')
    const other = await createProgramme(t.app.pg.pool)
    const elsewhere = await invite('else@example.com', '2026-04-01T00:00:00Z', other)
    for (const token of [expired.token, elsewhere.token, generateToken().token, 'nonsense']) {
      const response = await postBooking(t.app, bookingBody(programme, '2026-03-04T09:00:00.000Z', { invitation: token }))
      expect(response.statusCode).toBe(400)
      expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual(['body.invitation'])
    }
  })

  it('invites an address only once per programme while an invitation is live', async () => {
    await invite('once@example.com')
    await expect(invite('once@example.com')).rejects.toMatchObject({ code: '23505', constraint: 'invitations_one_live_per_email' })
  })
})
