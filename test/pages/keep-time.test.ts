import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, testConfig, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { cookieHeader } from '../support/staff.js'
import { Visitor } from '../support/visitor.js'

/**
 * POST /book/:programme/keep-time, what the hold warning's "Keep this time for
 * longer" asks (test/pages/hold-warning.browser.test.ts has it in Chromium):
 * JSON for the page's script, a way on for a plain form post, and counted
 * against the anonymous flood limit like every other journey post.
 */

const PROGRAMME = '/book/vaccinators'
const MINUTE = 60_000
/** The anonymous writes each address may make in a minute here: few, to reach it. */
const WRITES = 4

describe('keeping the chosen time for longer', () => {
  let t: TestApp

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({ databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, LIMIT_ANONYMOUS_WRITES_PER_ADDRESS_PER_MINUTE: WRITES }) })
    await seedDemoDataForRepeatBookings({ databaseUrl })
  })
  afterAll(async () => {
    await t?.app.close()
  })

  const keepTime = (visitor: Visitor, accept: string) =>
    t.app.inject({
      method: 'POST',
      url: `${PROGRAMME}/keep-time`,
      payload: new URLSearchParams({ _csrf: visitor.csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept, cookie: visitor.cookie },
    })

  it('keeps it 10 minutes from now (JSON for the script, on to the next page without it), then refuses past the anonymous flood limit', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const visitor = new Visitor(t.app)
    await visitor.answer(`${PROGRAMME}/day`, { day: '2026-03-05' })
    expect((await visitor.answer(`${PROGRAMME}/time`, { start: '2026-03-05T14:15:00.000Z' })).headers.location).toBe(`${PROGRAMME}/details`)

    // Five minutes on (a new minute for the flood limit too), the writes are counted from here.
    t.clock.advance(5 * MINUTE)
    const asked = await keepTime(visitor, 'application/json') // write 1
    expect(asked.statusCode).toBe(200)
    expect(asked.json()).toEqual({ kept: true, until: '8:15am', expiresAt: '2026-03-02T08:15:00.000Z', now: '2026-03-02T08:05:00.000Z', canKeepLonger: true })
    const { rows } = await t.app.pg.query(`SELECT expires_at FROM slot_holds WHERE starts_at = '2026-03-05T14:15:00Z'`)
    expect(rows).toEqual([{ expires_at: new Date('2026-03-02T08:15:00.000Z') }])

    // The page read again says so (the journey's cookie has the new time).
    visitor.cookie = cookieHeader(asked, visitor.cookie)
    const details = await visitor.get(`${PROGRAMME}/details`)
    expect(details.body).toContain('for you until 8:15am, while you finish booking.')

    const plain = await keepTime(visitor, 'text/html') // write 2
    expect(plain.statusCode).toBe(303)
    expect(plain.headers.location).toBe(`${PROGRAMME}/details`)

    expect((await keepTime(visitor, 'application/json')).statusCode).toBe(200) // write 3
    expect((await keepTime(visitor, 'application/json')).statusCode).toBe(200) // write 4
    const refused = await keepTime(visitor, 'application/json')
    expect(refused.statusCode).toBe(429)
  })

  it('says so when nothing is held any more', async () => {
    t.clock.set('2026-03-02T09:00:00.000Z')
    const visitor = new Visitor(t.app)
    await visitor.answer(`${PROGRAMME}/day`, { day: '2026-03-05' })
    await visitor.answer(`${PROGRAMME}/time`, { start: '2026-03-05T15:00:00.000Z' })
    t.clock.advance(11 * MINUTE)
    const late = await keepTime(visitor, 'application/json')
    expect(late.statusCode).toBe(200)
    expect(late.json()).toEqual({ kept: false, until: null, expiresAt: null, now: '2026-03-02T09:11:00.000Z', canKeepLonger: false })
  })
})
