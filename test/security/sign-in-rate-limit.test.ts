import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, type TestClock } from '../helper.js'
import { createStaff, formSession, type TestStaff } from '../support/staff.js'

const MINUTE = 60 * 1000
const LOCKED = {
  error: 'too_many_attempts',
  message: 'You have tried to sign in too many times. Wait 15 minutes, then try again.',
}

describe('sign-in rate limits (5 failures per account, 20 per address, in 15 minutes)', () => {
  let app: FastifyInstance
  let clock: TestClock
  let address = 0

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  /** Each test from its own address unless it says otherwise. */
  function nextAddress() {
    address += 1
    return `198.51.100.${address}`
  }

  function login(email: string, password: string, remoteAddress: string) {
    return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress })
  }

  it('locks an account after 5 failures, refuses even the right password, and opens again after 15 minutes', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const from = nextAddress()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login(coach.email, 'wrong-password-123', from)
      expect(response.statusCode, `attempt ${attempt}`).toBe(401)
    }
    const locked = await login(coach.email, coach.password, from)
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toEqual({ ...LOCKED, requestId: expect.any(String) })
    // From another address too: the limit is the account's.
    expect((await login(coach.email, coach.password, nextAddress())).statusCode).toBe(429)

    clock.advance(14 * MINUTE)
    expect((await login(coach.email, coach.password, from)).statusCode).toBe(429)
    clock.advance(1 * MINUTE + 1)
    expect((await login(coach.email, coach.password, from)).statusCode).toBe(200)
  })

  it('counts an unknown email address exactly like a known one', async () => {
    const from = nextAddress()
    const ghost = 'no-such-person@staff.test.example'
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(ghost, 'wrong-password-123', from)).statusCode).toBe(401)
    }
    const locked = await login(ghost, 'wrong-password-123', from)
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject(LOCKED)
    // Any case or spacing of the address is the same account.
    expect((await login(` ${ghost.toUpperCase()}`, 'x', from)).statusCode).toBe(429)
    clock.advance(16 * MINUTE)
  })

  it('starts an account afresh after a successful sign-in', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const from = nextAddress()
    for (let attempt = 1; attempt <= 4; attempt++) await login(coach.email, 'wrong-password-123', from)
    expect((await login(coach.email, coach.password, from)).statusCode).toBe(200)
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(coach.email, 'wrong-password-123', from)).statusCode).toBe(401)
    }
    expect((await login(coach.email, coach.password, from)).statusCode).toBe(200)
    clock.advance(16 * MINUTE)
  })

  it('locks an address after 20 failures across accounts, and not other addresses', async () => {
    const from = nextAddress()
    const people: TestStaff[] = []
    for (let i = 0; i < 5; i++) people.push(await createStaff(app, { role: 'coach' }))
    for (let attempt = 0; attempt < 20; attempt++) {
      const person = people[attempt % people.length]!
      expect((await login(person.email, 'wrong-password-123', from)).statusCode, `attempt ${attempt + 1}`).toBe(401)
    }
    const fresh = await createStaff(app, { role: 'coach' })
    const locked = await login(fresh.email, fresh.password, from)
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject(LOCKED)
    expect((await login(fresh.email, fresh.password, nextAddress())).statusCode).toBe(200)
    clock.advance(16 * MINUTE)
    expect((await login(fresh.email, fresh.password, from)).statusCode).toBe(200)
  })

  it('applies the same limits to the sign-in page, with the message in the error summary', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const from = nextAddress()
    async function post(password: string) {
      const form = await formSession(app)
      return app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: from,
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrfToken, email: coach.email, password },
      })
    }
    for (let attempt = 1; attempt <= 5; attempt++) expect((await post('wrong-password-123')).statusCode).toBe(401)
    const locked = await post(coach.password)
    expect(locked.statusCode).toBe(429)
    expect(locked.body).toContain('You have tried to sign in too many times. Wait 15 minutes, then try again.')
    expect(locked.body).toContain('nhsuk-error-summary')
    clock.advance(16 * MINUTE)
  })

  it('records a refused attempt in the audit log without the email address', async () => {
    const { rows } = await app.pg.query(
      `SELECT actor, result, details::text AS details FROM audit_events WHERE action = 'staff.sign_in' AND result = 'denied'`,
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.actor).toBe('anonymous')
      expect(row.details).toMatch(/"reason": "rate_limited"/)
      expect(row.details).not.toContain('@')
    }
    const { rows: stored } = await app.pg.query(`SELECT account_key FROM staff_sign_in_failures`)
    for (const row of stored) expect(row.account_key).toMatch(/^[0-9a-f]{64}$/)
  })

  it('also limits floods of sign-in requests per address (60 a minute), before any password is checked', async () => {
    const from = nextAddress()
    let refused = 0
    for (let attempt = 0; attempt < 61; attempt++) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: from })
      if (response.statusCode === 429) refused += 1
      else expect(response.statusCode).toBe(400)
    }
    expect(refused).toBe(1)
  })
})
