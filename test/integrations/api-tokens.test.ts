import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { API_SCOPES } from '../../src/domain/integrations/api-tokens.js'
import { ROUTE_SCOPES } from '../../src/plugins/app/api-scopes.js'
import { buildTestApp, type TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'

/**
 * API tokens for other systems: each scope opens its routes and
 * nothing else, a token opens nothing outside its table (it is as good as no
 * credential there: pages, notes, token management), revoked and expired
 * tokens are refused, and every use is audited.
 */

let app: FastifyInstance
let clock: TestClock
let admin: string

beforeAll(async () => {
  ;({ app, clock } = await buildTestApp())
  ;({ admin } = await adminAndCoachSessions(app))
})
afterAll(async () => {
  await app?.close()
})

async function createToken(scopes: string[], extra: Record<string, unknown> = {}) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin }, payload: { name: `System ${scopes.join(' ')}`, scopes, ...extra } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; token: string }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** A URL for a route pattern: every parameter a new id (the routes then answer 404 or 400, past their access checks). */
const urlOf = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, () => randomUUID()).replace('*', 'x')

describe('API tokens', () => {
  it('are shown once, stored as a hash, listed with their use but never the token', async () => {
    const created = await createToken(['invitations:write'])
    expect(created.token).toMatch(/^ccat_[A-Za-z0-9_-]{43}$/)
    const stored = await app.pg.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.id])
    expect(stored.rows[0].token_hash).not.toContain(created.token)
    expect((await app.inject({ url: '/api/v1/admin/invitations', headers: bearer(created.token), remoteAddress: '198.51.100.30' })).statusCode).toBe(200)
    const list = await app.inject({ url: '/api/v1/admin/api-tokens', headers: { cookie: admin } })
    expect(list.body).not.toContain(created.token)
    const entry = list.json().apiTokens.find((token: { id: string }) => token.id === created.id)
    expect(entry).toMatchObject({ scopes: ['invitations:write'], lastUsedIp: '198.51.100.30', revokedAt: null })
    // A year by default.
    expect(Date.parse(entry.expiresAt) - clock.now().getTime()).toBe(365 * 24 * 60 * 60 * 1000)
  })

  it('open exactly the routes of their scope: every other route of the table answers 403 insufficient_scope', async () => {
    for (const scope of API_SCOPES) {
      const { token } = await createToken([scope])
      for (const [route, scopes] of Object.entries(ROUTE_SCOPES)) {
        const [method, pattern] = route.split(' ') as [string, string]
        const response = await app.inject({ method: method as 'GET', url: urlOf(pattern), headers: bearer(token), payload: method === 'GET' ? undefined : {} })
        if (scopes.includes(scope)) expect([401, 403], `${scope} on ${route}: ${response.body}`).not.toContain(response.statusCode)
        else expect({ route, status: response.statusCode, error: response.json().error }).toEqual({ route, status: 403, error: 'insufficient_scope' })
      }
    }
  })

  it('open nothing outside their table: with every scope, any other route answers as it does to a made-up credential', async () => {
    const { token } = await createToken([...API_SCOPES])
    const checked: string[] = []
    for (const { method, url } of app.routeCatalogue) {
      if (method === 'HEAD' || `${method} ${url}` in ROUTE_SCOPES || url.startsWith('/docs') || url === '/readyz') continue
      const target = urlOf(url)
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {}
      const anonymous = await app.inject({ method: method as 'GET', url: target, payload, headers: bearer('not-a-real-credential'), remoteAddress: '192.0.2.201' })
      const withToken = await app.inject({ method: method as 'GET', url: target, payload, headers: bearer(token), remoteAddress: '192.0.2.201' })
      // The same answer; or 403 insufficient_scope where a made-up credential is refused too (staff and candidates' routes say so).
      const sameOrNoScope =
        withToken.statusCode === anonymous.statusCode || (anonymous.statusCode >= 400 && withToken.statusCode === 403 && withToken.json().error === 'insufficient_scope')
      expect(sameOrNoScope, `${method} ${url}: ${anonymous.statusCode} without, ${withToken.statusCode} with the token`).toBe(true)
      checked.push(`${method} ${url}`)
    }
    // Pages, notes and token management among them.
    expect(checked).toEqual(expect.arrayContaining(['GET /admin', 'GET /api/v1/bookings/:id/notes', 'POST /api/v1/admin/api-tokens', 'GET /coach']))
  })

  it('refuses a revoked token and an expired one with 401, and a made-up one', async () => {
    const revoked = await createToken(['reports:read'])
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/admin/api-tokens/${revoked.id}`, headers: { cookie: admin } })).statusCode).toBe(200)
    const expiring = await createToken(['reports:read'], { expiresAt: new Date(clock.now().getTime() + 60 * 60 * 1000).toISOString() })
    expect((await app.inject({ url: '/api/v1/events', headers: bearer(expiring.token) })).statusCode).toBe(200)
    clock.advance(60 * 60 * 1000)
    for (const token of [revoked.token, expiring.token, `ccat_${'A'.repeat(43)}`]) {
      const refused = await app.inject({ url: '/api/v1/events', headers: bearer(token) })
      expect(refused.statusCode).toBe(401)
      expect(refused.json().message).toContain('not valid')
    }
    // The admin's session lapsed with the hour: a new one for the tests after.
    ;({ admin } = await adminAndCoachSessions(app))
  })

  it('records every use in the audit log as the token, with the route and the address', async () => {
    const { id, token } = await createToken(['actions:read'])
    for (let i = 0; i < 3; i++) await app.inject({ url: '/api/v1/admin/actions', headers: bearer(token), remoteAddress: '198.51.100.31' })
    await app.inject({ url: '/api/v1/reports/programme', headers: bearer(token), remoteAddress: '198.51.100.31' })
    const { rows } = await app.pg.query(`SELECT actor, ip, details FROM audit_events WHERE action = 'api_token.used' AND subject_id = $1 ORDER BY occurred_at, id`, [id])
    expect(rows).toEqual([
      ...Array(3).fill({ actor: `token:${id}`, ip: '198.51.100.31', details: { method: 'GET', route: '/api/v1/admin/actions' } }),
      { actor: `token:${id}`, ip: '198.51.100.31', details: { method: 'GET', route: '/api/v1/reports/programme' } },
    ])
  })

  it('validates a new token: a name, known scopes, an expiry in the next 2 years', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin }, payload: { name: ' ', scopes: ['everything'], expiresAt: '2020-01-01T00:00:00Z' } })
    expect(bad.statusCode).toBe(400)
    const fields = (bad.json().fields as { field: string }[]).map((problem) => problem.field)
    expect(fields).toEqual(expect.arrayContaining(['body.scopes.0']))
    const past = await app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin }, payload: { name: 'Old', scopes: ['reports:read'], expiresAt: '2020-01-01T00:00:00Z' } })
    expect(past.json().fields).toEqual([{ field: 'body.expiresAt', message: 'The expiry must be a date in the future' }])
  })
})
