import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { requireCoach, requireRole, requireStaff } from '../../src/plugins/app/auth.js'
import { testConfig, TestClock } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { signedInStaff, type TestStaff } from '../support/staff.js'

type Signed = TestStaff & { cookie: string }

describe('request.staff and the access hooks', () => {
  let app: FastifyInstance
  let coach: Signed
  let admin: Signed
  let coachingAdmin: Signed

  beforeAll(async () => {
    app = await buildApp({ config: testConfig({ DATABASE_URL: await createTestDatabase() }), clock: new TestClock() })
    // Routes as other folders would declare them (registered here: src has no test-only routes).
    app.get('/api/v1/__whoami', async (request) => ({ staff: request.staff }))
    app.get('/api/v1/__staff', { onRequest: requireStaff }, async (request) => ({ staff: request.staff }))
    app.get('/api/v1/__admin', { onRequest: requireRole('admin') }, async () => ({ ok: true }))
    app.get('/api/v1/__coach', { onRequest: requireCoach }, async () => ({ ok: true }))
    app.post('/__page-post', { onRequest: requireStaff }, async () => 'done')
    await app.ready()
    coach = await signedInStaff(app, { role: 'coach', name: 'Chloe Davies' })
    admin = await signedInStaff(app, { role: 'admin', name: 'Priya Shah' })
    coachingAdmin = await signedInStaff(app, { role: 'admin', coach: true })
  })
  afterAll(async () => {
    await app?.close()
  })

  function get(url: string, who?: Signed) {
    return app.inject({ url, headers: who ? { cookie: who.cookie } : {} })
  }

  it('gives request.staff in the agreed shape, or null', async () => {
    expect((await get('/api/v1/__whoami', coach)).json()).toEqual({
      staff: { userId: coach.id, role: 'coach', coachId: coach.coachId, name: 'Chloe Davies' },
    })
    expect((await get('/api/v1/__whoami', admin)).json()).toEqual({
      staff: { userId: admin.id, role: 'admin', coachId: null, name: 'Priya Shah' },
    })
    expect((await get('/api/v1/__whoami')).json()).toEqual({ staff: null })
  })

  it('answers an anonymous API request with 401 JSON', async () => {
    const response = await get('/api/v1/__staff')
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toEqual({ error: 'unauthorized', message: 'Sign in to continue', requestId: response.headers['x-request-id'] })
    expect((await get('/api/v1/__staff', coach)).statusCode).toBe(200)
  })

  it('answers the wrong role with 403', async () => {
    const response = await get('/api/v1/__admin', coach)
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error: 'forbidden' })
    expect((await get('/api/v1/__admin', admin)).statusCode).toBe(200)
    expect((await get('/api/v1/__admin')).statusCode).toBe(401)
  })

  it('lets anyone with a coach profile into coach routes, and no one else', async () => {
    expect((await get('/api/v1/__coach', coach)).statusCode).toBe(200)
    expect((await get('/api/v1/__coach', coachingAdmin)).statusCode).toBe(200)
    expect((await get('/api/v1/__coach', admin)).statusCode).toBe(403)
  })

  it('sends an anonymous person from a page to sign in, and back afterwards', async () => {
    const response = await get('/coach?week=2026-03-02')
    expect(response.statusCode).toBe(302)
    expect(response.headers.location).toBe('/sign-in?next=%2Fcoach%3Fweek%3D2026-03-02')
  })

  it('sends an anonymous form post to the sign-in page without a way back', async () => {
    const response = await app.inject({ method: 'POST', url: '/__page-post' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/sign-in')
  })

  it('shows the NHS "You cannot see this page" to a signed-in person without the role', async () => {
    const response = await get('/admin', coach)
    expect(response.statusCode).toBe(403)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.body).toContain('<h1>You cannot see this page</h1>')
    expect((await get('/coach', admin)).statusCode).toBe(403)
    expect((await get('/coach', coachingAdmin)).statusCode).toBe(200)
  })
})
