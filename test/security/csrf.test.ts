import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createStaff, formSession, signIn, type TestStaff } from '../support/staff.js'

/**
 * What a page on another site can make a signed-in person's browser send,
 * and what this service does with it. See src/plugins/external/csrf.ts.
 */
describe('CSRF protection', () => {
  let app: FastifyInstance
  let coach: TestStaff

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    coach = await createStaff(app, { role: 'coach' })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function stillSignedIn(cookie: string) {
    return (await app.inject({ url: '/coach', headers: { cookie } })).statusCode === 200
  }

  describe('HTML forms', () => {
    it('refuses a form post without the token, and changes nothing', async () => {
      const cookie = await signIn(app, coach.email, coach.password)
      const response = await app.inject({
        method: 'POST',
        url: '/sign-out-everywhere',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      })
      expect(response.statusCode).toBe(403)
      expect(response.body).toContain('Sorry, we could not accept this form.')
      expect(await stillSignedIn(cookie)).toBe(true)
    })

    it('refuses a wrong token, and a token made for the same browser before it signed in', async () => {
      const before = await formSession(app) // signed out: the sign-in page
      const session = await signIn(app, coach.email, coach.password)
      const cookie = `${before.cookie}; ${session}`
      for (const token of ['nonsense', before.csrfToken]) {
        const response = await app.inject({
          method: 'POST',
          url: '/sign-out-everywhere',
          headers: { cookie },
          payload: { _csrf: token },
        })
        expect(response.statusCode, token).toBe(403)
      }
      expect(await stillSignedIn(session)).toBe(true)
    })

    it('refuses the header sign-out of a signed-in person without the token', async () => {
      const cookie = await signIn(app, coach.email, coach.password)
      const response = await app.inject({ method: 'POST', url: '/sign-out', headers: { cookie } })
      expect(response.statusCode).toBe(403)
      expect(await stillSignedIn(cookie)).toBe(true)
    })

    it('accepts the token in the x-csrf-token header too', async () => {
      const cookie = await signIn(app, coach.email, coach.password)
      const form = await formSession(app, cookie)
      const response = await app.inject({
        method: 'POST',
        url: '/sign-out',
        headers: { cookie: form.cookie, 'x-csrf-token': form.csrfToken },
      })
      expect(response.statusCode).toBe(303)
      expect(await stillSignedIn(cookie)).toBe(false)
    })

    it('does not hand out a token cookie for JSON or assets (only when a page uses it)', async () => {
      for (const url of ['/api/v1/programmes', '/assets/application.css', '/healthz']) {
        expect((await app.inject(url)).headers['set-cookie'], url).toBeUndefined()
      }
    })
  })

  describe('the Origin of any request that changes something', () => {
    it.each(['https://evil.example', 'http://localhost.evil.example', 'null', 'not a url'])(
      'refuses Origin %j',
      async (origin) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { origin },
          payload: { email: coach.email, password: coach.password },
        })
        expect(response.statusCode).toBe(403)
        expect(response.json()).toMatchObject({ error: 'csrf_failed' })
        expect(response.headers['set-cookie'] ?? '').not.toContain('cc_session=')
      },
    )

    it('accepts this site’s own origin, by Host header or PUBLIC_URL', async () => {
      for (const origin of ['http://localhost:80', 'http://localhost:3000']) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { origin },
          payload: { email: coach.email, password: coach.password },
        })
        expect(response.statusCode, origin).toBe(200)
      }
    })

    it('does not look at the Origin of a plain GET (links from other sites work)', async () => {
      const response = await app.inject({ url: '/sign-in', headers: { origin: 'https://evil.example' } })
      expect(response.statusCode).toBe(200)
    })
  })

  describe('the JSON API', () => {
    it('refuses a sign-in sent as a form (another site signing you in as them)', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email: coach.email, password: coach.password }).toString(),
      })
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ error: 'csrf_failed', requestId: expect.any(String) })
    })

    it('refuses text/plain bodies (what a cross-site form can send) with the session cookie', async () => {
      const cookie = await signIn(app, coach.email, coach.password)
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout-everywhere',
        headers: { cookie, 'content-type': 'text/plain' },
        payload: '{"x":1}',
      })
      expect(response.statusCode).toBe(403)
      expect(await stillSignedIn(cookie)).toBe(true)
    })

    it('takes JSON, and requests with no body', async () => {
      const cookie = await signIn(app, coach.email, coach.password)
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })
      expect(response.statusCode).toBe(204)
    })

    it('takes a non-JSON body with a valid x-csrf-token header', async () => {
      const form = await formSession(app)
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: {
          cookie: form.cookie,
          'x-csrf-token': form.csrfToken,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ email: coach.email, password: coach.password }).toString(),
      })
      expect(response.statusCode).toBe(200)
    })
  })
})
