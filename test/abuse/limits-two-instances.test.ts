import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp, testConfig } from '../helper.js'
import { createCoach, createProgramme, listSlotStarts, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'

/**
 * Two instances of the service on one database share the limits: the counts
 * are in PostgreSQL, so a client going round the instances behind a load
 * balancer gains nothing.
 */

const LIVE_HOLDS = 3
const SIGN_IN_FLOOD = 4

describe('limits with two instances on one database', () => {
  let a: FastifyInstance
  let b: FastifyInstance
  let programme: ProgrammeFixture
  let starts: string[]

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    const config = testConfig(
      { DATABASE_URL: databaseUrl, LIMIT_LIVE_HOLDS_PER_ADDRESS: LIVE_HOLDS, LIMIT_SIGN_IN_REQUESTS_PER_ADDRESS_PER_MINUTE: SIGN_IN_FLOOD },
      { defaultLimits: true },
    )
    const clock = new TestClock()
    a = (await buildTestApp({ databaseUrl, clock, config })).app
    b = (await buildTestApp({ databaseUrl, clock, config })).app
    programme = await createProgramme(a.pg.pool)
    await createCoach(a.pg.pool, programme)
    await createCoach(a.pg.pool, programme)
    starts = await listSlotStarts(a, programme, '2026-03-03', '2026-03-06')
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('counts sign-in requests from one address across both instances', async () => {
    const statuses = []
    for (let i = 0; i < SIGN_IN_FLOOD + 2; i++) {
      const app = i % 2 === 0 ? a : b
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '198.51.100.5',
        payload: { email: `someone-${i}@example.com`, password: 'not-the-password-123' },
      })
      statuses.push(response.statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
  })

  it('keeps no more than 3 live holds for one address when 12 arrive at once at both instances', async () => {
    const answers = await Promise.all(
      starts.slice(0, 12).map((start, i) =>
        (i % 2 === 0 ? a : b).inject({ method: 'POST', url: '/api/v1/slots/holds', payload: { programme: programme.slug, start }, remoteAddress: '198.51.100.6' }),
      ),
    )
    const statuses = answers.map((answer) => answer.statusCode)
    expect(statuses.filter((status) => status === 201)).toHaveLength(LIVE_HOLDS)
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - LIVE_HOLDS)
    const { rows } = await a.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM slot_holds`)
    expect(rows[0]!.n).toBe(LIVE_HOLDS)
  })
})
