import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { buildTestApp, testConfig, type TestClock } from '../helper.js'
import { createCoach, createProgramme, listSlotStarts, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'

/**
 * Holds from anonymous visitors, with the default limits: one
 * address holds at most 10 times of a programme at once without an
 * invitation; a hold made with an invitation counts against the invitation
 * (one each), so 50 invited colleagues behind one gateway each hold theirs.
 */

const GATEWAY = '198.51.100.20'
const MINUTE = 60_000

describe('limits on holds', () => {
  let app: FastifyInstance
  let clock: TestClock
  let programme: ProgrammeFixture
  let starts: string[]

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    ;({ app, clock } = await buildTestApp({ databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl }, { defaultLimits: true }) }))
    programme = await createProgramme(app.pg.pool)
    await createCoach(app.pg.pool, programme)
    // Tuesday to Friday of the test clock's week: about 40 times.
    starts = await listSlotStarts(app, programme, '2026-03-03', '2026-03-06')
    expect(starts.length).toBeGreaterThanOrEqual(40)
  })
  afterAll(async () => {
    await app?.close()
  })

  function hold(body: Record<string, unknown>, remoteAddress = GATEWAY) {
    return app.inject({ method: 'POST', url: '/api/v1/slots/holds', payload: { programme: programme.slug, ...body }, remoteAddress })
  }

  async function invitation(email: string): Promise<string> {
    const { token, hash } = generateToken()
    await app.pg.query(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Invited Colleague', $2, $3, 'sent', now(), now(), '2026-06-01T00:00:00Z')`,
      [programme.id, email, hash],
    )
    return token
  }

  const liveHolds = async () =>
    (await app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM slot_holds WHERE expires_at > $1`, [clock.now()])).rows[0]!.n

  it('keeps 10 of 15 uninvited holds from one address, refuses the rest with 429 and Retry-After, and audits the first refusal', async () => {
    const answers = []
    for (const start of starts.slice(0, 15)) answers.push(await hold({ start }))
    expect(answers.map((a) => a.statusCode)).toEqual([...Array(10).fill(201), ...Array(5).fill(429)])
    const refused = answers[10]!
    expect(refused.json()).toMatchObject({ error: 'too_many_requests', requestId: expect.any(String) })
    // The earliest of the address's holds ends in 10 minutes: then one more may be held.
    expect(Number(refused.headers['retry-after'])).toBe(600)
    expect(await liveHolds()).toBe(10)
    // A refusal made inside the hold's transaction writes its audit entry on its own connection, not waited for by the
    // answer (src/domain/limits/limits-service.ts): it comes a moment later.
    await expect
      .poll(async () => (await app.pg.query(`SELECT ip, details FROM audit_events WHERE action = 'limit.reached'`)).rows)
      .toEqual([{ ip: GATEWAY, details: { limit: 'live-holds-per-address' } }])
    // The times held are gone from the list for everyone else.
    const left = await listSlotStarts(app, programme, '2026-03-03', '2026-03-06')
    expect(left).toHaveLength(starts.length - 10)

    // Another address is not held back by this one.
    expect((await hold({ start: starts[20] }, '192.0.2.99')).statusCode).toBe(201)
    // Moving one of its holds to another time is not a new hold.
    const moved = await hold({ start: starts[21], holdKey: answers[0]!.json().holdKey })
    expect(moved.statusCode).toBe(201)
    expect(await liveHolds()).toBe(11)
  })

  it('lets the address hold again once its holds expire', async () => {
    clock.advance(10 * MINUTE + 1)
    expect((await hold({ start: starts[22] })).statusCode).toBe(201)
  })

  it('keeps 20 holds from one address made with 20 invitations: each counts against its invitation', async () => {
    clock.advance(11 * MINUTE) // every earlier hold has expired
    const times = starts.slice(0, 20)
    const answers = []
    for (const [i, start] of times.entries()) answers.push(await hold({ start, invitation: await invitation(`colleague-${i}@trust.example`) }))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201))
    expect(await liveHolds()).toBe(20)
    // The address's own uninvited holds are still counted apart, from zero.
    expect((await hold({ start: starts[30] })).statusCode).toBe(201)
  })

  it('keeps one live hold per invitation: a second holder with the same invitation replaces the first', async () => {
    clock.advance(11 * MINUTE)
    const token = await invitation('one-person@trust.example')
    const first = await hold({ start: starts[0], invitation: token })
    const second = await hold({ start: starts[1], invitation: token })
    expect([first.statusCode, second.statusCode]).toEqual([201, 201])
    const { rows } = await app.pg.query<{ starts_at: Date }>(
      `SELECT h.starts_at FROM slot_holds h JOIN invitations i ON i.id = h.invitation_id WHERE i.email = 'one-person@trust.example'`,
    )
    expect(rows.map((row) => row.starts_at.toISOString())).toEqual([starts[1]])
  })

  it('refuses a hold with an invitation of another programme, or a made-up one', async () => {
    const other = await createProgramme(app.pg.pool)
    const { token, hash } = generateToken()
    await app.pg.query(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Elsewhere', 'elsewhere@trust.example', $2, 'sent', now(), now(), '2026-06-01T00:00:00Z')`,
      [other.id, hash],
    )
    for (const invitationToken of [token, generateToken().token]) {
      const refused = await hold({ start: starts[5], invitation: invitationToken })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().fields).toEqual([{ field: 'body.invitation', message: expect.stringContaining('not valid') }])
    }
  })

  it('keeps a time 10 minutes more each time it is held again, up to 30 minutes from when it was chosen', async () => {
    clock.advance(11 * MINUTE)
    const chosenAt = clock.now().getTime()
    const first = await hold({ start: starts[3] }, '192.0.2.150')
    expect(first.statusCode).toBe(201)
    const holdKey = first.json().holdKey as string
    expect(Date.parse(first.json().expiresAt)).toBe(chosenAt + 10 * MINUTE)
    const expiries = []
    for (const advance of [8, 8, 8, 5]) {
      clock.advance(advance * MINUTE)
      const again = await hold({ start: starts[3], holdKey }, '192.0.2.150')
      expect(again.statusCode).toBe(201)
      expect(again.json().holdKey).toBe(holdKey)
      expiries.push(Date.parse(again.json().expiresAt) - chosenAt)
    }
    // At 8, 16, 24 and 29 minutes: 10 minutes more each time, but never past 30.
    expect(expiries).toEqual([18 * MINUTE, 26 * MINUTE, 30 * MINUTE, 30 * MINUTE])
    // At 32 minutes it has lapsed: holding it again is a new hold of a free time.
    clock.advance(3 * MINUTE)
    const renewed = await hold({ start: starts[3], holdKey }, '192.0.2.150')
    expect(renewed.statusCode).toBe(201)
    expect(Date.parse(renewed.json().expiresAt)).toBe(clock.now().getTime() + 10 * MINUTE)
  })

  it('refuses holds without an invitation on a programme for invited people only', async () => {
    await app.pg.query(`UPDATE programmes SET who_may_book = 'invited' WHERE id = $1`, [programme.id])
    try {
      const refused = await hold({ start: starts[8] }, '192.0.2.151')
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ error: 'not_eligible', message: expect.stringContaining('only for people who have been invited') })
      expect((await hold({ start: starts[8], invitation: await invitation('invited-only@trust.example') }, '192.0.2.151')).statusCode).toBe(201)
    } finally {
      await app.pg.query(`UPDATE programmes SET who_may_book = 'anyone' WHERE id = $1`, [programme.id])
    }
  })
})
