import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { hashPassword, verifyPassword } from '../../src/domain/staff/passwords.js'
import { buildTestApp, testConfig, type TestClock } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { cookieHeader, createStaff, currentCode, signIn, type TestStaff } from '../support/staff.js'

const WRONG = { error: 'invalid_credentials', message: 'The email address or password is not right' }

function login(app: FastifyInstance, body: object, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers })
}

describe('POST /api/v1/auth/login and /logout', () => {
  let app: FastifyInstance
  let clock: TestClock
  let coach: TestStaff
  let admin: TestStaff

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
    coach = await createStaff(app, { role: 'coach', name: 'Amina Okafor' })
    admin = await createStaff(app, { role: 'admin', name: 'Priya Shah' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('signs a coach in: 200, the person, and an HttpOnly SameSite=Lax session cookie for the whole site', async () => {
    const response = await login(app, { email: coach.email, password: coach.password })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ staff: { id: coach.id, name: 'Amina Okafor', role: 'coach' } })
    const setCookie = [response.headers['set-cookie']].flat().find((line) => line?.startsWith('cc_session='))
    expect(setCookie).toMatch(/^cc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(setCookie).not.toMatch(/Secure|Expires|Max-Age/)
  })

  it('takes the email address in any case and with spaces around it', async () => {
    const response = await login(app, { email: `  ${admin.email.toUpperCase()} `, password: admin.password, code: await currentCode(app, admin.id) })
    expect(response.statusCode).toBe(200)
    expect(response.json().staff.role).toBe('admin')
  })

  it('stores only a hash of the token, with the address, browser and both expiry times', async () => {
    const response = await login(app, { email: coach.email, password: coach.password }, { 'user-agent': 'TestBrowser/1.0' })
    const token = response.cookies.find((cookie) => cookie.name === 'cc_session')!.value
    const { rows } = await app.pg.query(
      `SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM staff_sessions WHERE staff_user_id = $1
        ORDER BY created_at DESC, user_agent NULLS LAST LIMIT 1`,
      [coach.id],
    )
    const row = rows[0]
    expect(row.id).toMatch(/^[0-9a-f]{64}$/)
    expect(row.id).not.toContain(token)
    const { rows: found } = await app.pg.query('SELECT 1 FROM staff_sessions WHERE id = $1', [token])
    expect(found).toHaveLength(0)
    expect(row.created_at.toISOString()).toBe(clock.now().toISOString())
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(12 * 60 * 60 * 1000)
    expect(row.ip).toBe('127.0.0.1')
    expect(row.user_agent).toBe('TestBrowser/1.0')
  })

  it('answers a wrong password and an unknown account with the same 401 and message', async () => {
    const wrongPassword = await login(app, { email: coach.email, password: 'not-the-password-at-all' })
    const unknown = await login(app, { email: 'nobody@staff.test.example', password: 'not-the-password-at-all' })
    for (const response of [wrongPassword, unknown]) {
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({ ...WRONG, requestId: expect.any(String) })
      expect(response.headers['set-cookie'] ?? '').not.toContain('cc_session=')
    }
  })

  it('takes about as long for an unknown account as for a wrong password (a hash is checked either way)', async () => {
    // The account's password hashed as the app hashes it (test accounts have a cheaper hash: test/support/staff.ts).
    const appHash = await hashPassword(admin.password)
    await app.pg.query('UPDATE staff_users SET password_hash = $1 WHERE id = $2', [appHash, admin.id])
    async function time(work: () => Promise<unknown>) {
      const started = performance.now()
      await work()
      return performance.now() - started
    }
    const wrongPassword = { password: 'not-the-password-at-all' }
    const known: number[] = []
    const unknown: number[] = []
    const hashCheck: number[] = []
    // Five rounds, interleaved, and the median: other test files share the CPU. An unknown account is compared with
    // one check of a hash at the app's cost (what it must spend), and with a known account's wrong password (which
    // it must not take much longer than); a known account's answer also records the failure, which under a loaded
    // machine can take longer than the hash itself.
    for (let round = 0; round < 5; round++) {
      known.push(await time(() => login(app, { email: admin.email, ...wrongPassword }, {})))
      unknown.push(await time(() => login(app, { email: `nobody-${round}@staff.test.example`, ...wrongPassword }, {})))
      hashCheck.push(await time(() => verifyPassword(appHash, wrongPassword.password)))
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!
    expect(median(unknown)).toBeGreaterThan(median(hashCheck) * 0.8)
    expect(median(unknown)).toBeLessThan(median(known) * 2)
  })

  it('refuses a switched-off account with the same message, even with the right password', async () => {
    const leaver = await createStaff(app, { role: 'coach', active: false })
    const response = await login(app, { email: leaver.email, password: leaver.password })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject(WRONG)
  })

  it('validates the body: 400 with the fields, never a 500', async () => {
    const response = await login(app, { email: coach.email })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      fields: [{ field: 'body.password', message: 'is required' }],
    })
    const extra = await login(app, { email: coach.email, password: 'x', admin: true })
    expect(extra.statusCode).toBe(400)
  })

  it('ignores a two-factor code for an account without two-factor, and refuses a malformed one', async () => {
    expect((await login(app, { email: coach.email, password: coach.password, code: '123456' })).statusCode).toBe(200)
    expect((await login(app, { email: coach.email, password: coach.password, code: 'abc' })).statusCode).toBe(400)
  })

  it('signs out: 204, the cookie cleared and the session gone', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    const cleared = response.cookies.find((c) => c.name === 'cc_session')
    expect(cleared?.value).toBe('')
    expect(cleared?.expires?.getTime()).toBeLessThan(clock.now().getTime())
    // The old cookie, replayed, is nobody.
    const replay = await app.inject({ url: '/coach', headers: { cookie } })
    expect(replay.statusCode).toBe(302)
  })

  it('answers sign-out with 204 when nobody is signed in', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })
    expect(response.statusCode).toBe(204)
  })

  it('describes the routes in the OpenAPI document', async () => {
    const document = (await app.inject('/docs/json')).json()
    expect(document.paths['/api/v1/auth/login'].post.responses).toHaveProperty('401')
    expect(document.paths['/api/v1/auth/login'].post.responses).toHaveProperty('429')
    expect(document.paths['/api/v1/auth/logout'].post.responses).toHaveProperty('204')
    expect(document.paths['/api/v1/auth/logout-everywhere'].post.responses).toHaveProperty('204')
  })

  it('rotates: signing in again from the same browser ends the session it had', async () => {
    const first = await signIn(app, coach.email, coach.password)
    const again = await login(app, { email: coach.email, password: coach.password }, { cookie: first })
    expect(again.statusCode).toBe(200)
    const second = cookieHeader(again, first)
    expect(second).not.toBe(first)
    expect((await app.inject({ url: '/coach', headers: { cookie: first } })).statusCode).toBe(302)
    expect((await app.inject({ url: '/coach', headers: { cookie: second } })).statusCode).toBe(200)
  })
})

describe('the session cookie in production', () => {
  it('is Secure', async () => {
    const { app } = await buildTestApp({
      config: testConfig({ NODE_ENV: 'production', DATABASE_URL: await createTestDatabase() }),
    })
    try {
      const staff = await createStaff(app, { role: 'admin' })
      const response = await login(app, { email: staff.email, password: staff.password, code: await currentCode(app, staff.id) })
      expect(response.statusCode).toBe(200)
      const setCookie = [response.headers['set-cookie']].flat().find((line) => line?.startsWith('cc_session='))
      expect(setCookie).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/)
      const csp = (await app.inject('/sign-in')).headers['content-security-policy']
      expect(csp).toContain('upgrade-insecure-requests')
      expect((await app.inject('/sign-in')).headers['strict-transport-security']).toMatch(/max-age=31536000/)
    } finally {
      await app.close()
    }
  })
})
