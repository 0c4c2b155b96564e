import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { candidateActor, InvalidAuditEventError } from '../../src/domain/audit/events.js'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { buildTestApp, type TestClock } from '../helper.js'
import { createStaff, signIn, type TestStaff } from '../support/staff.js'

describe('the audit log', () => {
  let app: FastifyInstance
  let clock: TestClock
  let coach: TestStaff

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
    coach = await createStaff(app, { role: 'coach' })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function lastEvent() {
    const [event] = await findAuditEvents(app.pg.pool, { limit: 1 })
    return event!
  }

  describe('is append-only: the database refuses', () => {
    beforeAll(async () => {
      await app.audit.record({ actor: 'system', action: 'test.seed', result: 'success' })
    })

    it.each([
      ['UPDATE', `UPDATE audit_events SET result = 'failure'`],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('%s', async (operation, sql) => {
      await expect(app.pg.query(sql)).rejects.toMatchObject({
        code: '42501',
        message: `audit_events is append-only: ${operation} is not allowed`,
      })
      const { rows } = await app.pg.query(`SELECT count(*)::int AS count FROM audit_events WHERE result = 'success'`)
      expect(rows[0].count).toBeGreaterThan(0)
    })
  })

  it('records a sign-in: who, what, when, from where, how it ended', async () => {
    clock.set('2026-03-03T10:15:00.000Z')
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: coach.email, password: coach.password },
      remoteAddress: '203.0.113.9',
      headers: { 'x-request-id': 'req-sign-in-0001' },
    })
    expect(response.statusCode).toBe(200)
    expect(await lastEvent()).toMatchObject({
      occurredAt: new Date('2026-03-03T10:15:00.000Z'),
      actor: `staff:${coach.id}`,
      action: 'staff.sign_in',
      subjectType: 'staff_user',
      subjectId: coach.id,
      result: 'success',
      ip: '203.0.113.9',
      requestId: 'req-sign-in-0001',
      details: {},
    })
  })

  it('records a failed sign-in, with the reason and without the email address', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: 'wrong-password-1' } })
    expect(await lastEvent()).toMatchObject({
      actor: 'anonymous',
      action: 'staff.sign_in',
      result: 'failure',
      subjectType: 'staff_user',
      subjectId: coach.id,
      details: { reason: 'wrong_password' },
    })
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'stranger@example.org', password: 'wrong-password-1' },
    })
    const unknown = await lastEvent()
    expect(unknown).toMatchObject({ actor: 'anonymous', result: 'failure', subjectId: null, details: { reason: 'unknown_account' } })
    const { rows } = await app.pg.query(`SELECT count(*)::int AS count FROM audit_events WHERE row_to_json(audit_events)::text ILIKE '%@%'`)
    expect(rows[0].count).toBe(0)
  })

  it('records sign-out and sign-out everywhere', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })
    expect(await lastEvent()).toMatchObject({ actor: `staff:${coach.id}`, action: 'staff.sign_out', result: 'success' })

    await signIn(app, coach.email, coach.password)
    const other = await signIn(app, coach.email, coach.password)
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: { cookie: other } })
    const everywhere = await lastEvent()
    expect(everywhere).toMatchObject({ actor: `staff:${coach.id}`, action: 'staff.sign_out_everywhere' })
    // The two above, and the one the sign-in test left open.
    expect(everywhere.details.sessionsEnded).toBe(3)
  })

  it('records inside the caller’s transaction: nothing if it rolls back', async () => {
    const client = await app.pg.pool.connect()
    try {
      await client.query('BEGIN')
      await app.audit.record({ actor: 'system', action: 'test.rolled_back', result: 'success' }, { client })
      await client.query('ROLLBACK')
      await client.query('BEGIN')
      await app.audit.record({ actor: 'system', action: 'test.committed', result: 'success' }, { client })
      await client.query('COMMIT')
    } finally {
      client.release()
    }
    expect(await findAuditEvents(app.pg.pool, { action: 'test.rolled_back' })).toHaveLength(0)
    expect(await findAuditEvents(app.pg.pool, { action: 'test.committed' })).toHaveLength(1)
  })

  it('names a candidate by their booking, from a request', async () => {
    const bookingId = '0b9d3c1e-5f7a-4c2b-9e8d-1a2b3c4d5e6f'
    const request = { staff: null, ip: '192.0.2.7', id: 'req-candidate-01' } as unknown as Parameters<
      typeof app.audit.recordRequest
    >[0]
    await app.audit.recordRequest(request, {
      actor: candidateActor(bookingId),
      action: 'booking.read',
      subjectType: 'booking',
      subjectId: bookingId,
      result: 'success',
    })
    expect(await lastEvent()).toMatchObject({
      actor: `candidate:${bookingId}`,
      ip: '192.0.2.7',
      requestId: 'req-candidate-01',
    })
  })

  it.each([
    [{ email: 'someone' }, /may not hold "email"/],
    [{ name: 'Amina' }, /may not hold "name"/],
    [{ recipient: 'amina@example.org' }, /looks like free text or an email address/],
    [{ summary: 'x'.repeat(201) }, /looks like free text/],
  ])('refuses personal data in details: %j', async (details, message) => {
    await expect(
      app.audit.record({ actor: 'system', action: 'test.personal', result: 'success', details }),
    ).rejects.toThrow(message)
  })

  it('refuses an unknown kind of actor, in the code and in the database', async () => {
    await expect(
      app.audit.record({ actor: 'bob' as 'system', action: 'test.actor', result: 'success' }),
    ).rejects.toBeInstanceOf(InvalidAuditEventError)
    await expect(
      app.pg.query(`INSERT INTO audit_events (occurred_at, actor, action, result) VALUES (now(), 'bob', 'x', 'success')`),
    ).rejects.toMatchObject({ code: '23514' })
  })
})
