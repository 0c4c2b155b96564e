import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { isDatabaseUnavailable } from '../../src/database/unavailable.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, type ProgrammeFixture } from '../support/booking-fixtures.js'

/**
 * A database that cannot serve us is a fault outside the request: 503 with
 * Retry-After (JSON for the API, the NHS page otherwise), never 500, and the
 * service recovers by itself when the database comes back. Here the real
 * server refuses the test's database: its connections are ended and new ones
 * refused, then allowed again.
 */
describe('when the database cannot serve us', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let admin: pg.Client
  let name: string

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    name = new URL(t.databaseUrl).pathname.slice(1)
    admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS true`).catch(() => undefined)
    await admin?.end()
    await t?.app.close()
  })

  async function refuseConnections(): Promise<void> {
    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS false`)
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name])
  }

  it('answers 503 with Retry-After while it lasts, for the API and for pages, and recovers by itself', async () => {
    expect((await t.app.inject('/api/v1/programmes')).statusCode).toBe(200)
    await refuseConnections()

    const api = await t.app.inject('/api/v1/programmes')
    expect(api.statusCode).toBe(503)
    expect(api.headers['retry-after']).toBe('30')
    expect(api.json()).toMatchObject({ error: 'service_unavailable', requestId: expect.any(String) })

    const booking = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingBody(programme, '2026-03-03T09:00:00.000Z') })
    expect(booking.statusCode).toBe(503)

    const page = await t.app.inject(`/book/${programme.slug}`)
    expect(page.statusCode).toBe(503)
    expect(page.headers['retry-after']).toBe('30')
    expect(page.body).toContain('Sorry, the service is unavailable')
    expect(page.body).toContain('Try again in a few minutes')

    const ready = await t.app.inject('/readyz')
    expect(ready.statusCode).toBe(503)

    await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS true`)
    await expect.poll(async () => (await t.app.inject('/api/v1/programmes')).statusCode, { timeout: 10_000 }).toBe(200)
    const { rows } = await t.app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings`)
    expect(rows[0]!.n).toBe(0) // the refused booking left nothing behind
  })

  it('tells such errors from the request’s own and from bugs', () => {
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true)
    expect(isDatabaseUnavailable({ code: '08006', message: 'connection failure' })).toBe(true)
    expect(isDatabaseUnavailable({ code: '53300', message: 'too many connections' })).toBe(true)
    expect(isDatabaseUnavailable({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(true)
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' })).toBe(true)
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true)
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    // Prisma wraps PostgreSQL's error: its code is in the driver adapter's cause.
    const prisma = { code: 'P2039', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '55000', originalCode: '55000' } } } }
    expect(isDatabaseUnavailable(prisma)).toBe(true)
    expect(isDatabaseUnavailable({ code: 'P2002', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '23505' } } } })).toBe(false)
    // Not the database's fault: a broken query or a bad value is still a bug or a 400 elsewhere.
    expect(isDatabaseUnavailable({ code: '42703', message: 'column "x" does not exist' })).toBe(false)
    expect(isDatabaseUnavailable({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })).toBe(false)
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false)
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false)
    expect(isDatabaseUnavailable(null)).toBe(false)
  })
})
