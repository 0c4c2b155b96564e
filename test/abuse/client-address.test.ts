import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ConfigError, readConfig } from '../../src/config.js'
import { buildTestApp, testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'

/**
 * The client's address is the connection's unless TRUST_PROXY names the
 * proxies in front: a made-up X-Forwarded-For changes neither the
 * limits nor the audit log. Every request here comes from 127.0.0.1.
 */

const FLOOD = 3 // LIMIT_SIGN_IN_REQUESTS_PER_ADDRESS_PER_MINUTE, kept small to reach it

async function appWith(trustProxy?: string): Promise<FastifyInstance> {
  const databaseUrl = await createTestDatabase()
  const config = testConfig({ DATABASE_URL: databaseUrl, LIMIT_SIGN_IN_REQUESTS_PER_ADDRESS_PER_MINUTE: FLOOD, ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}) })
  return (await buildTestApp({ databaseUrl, config })).app
}

let account = 0

/** A failed sign-in, each for another account (5 failures lock an account, whatever the address). */
function failedSignIn(app: FastifyInstance, forwardedFor: string) {
  account += 1
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: '127.0.0.1',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `nobody-${account}@example.com`, password: 'not-the-password-123' },
  })
}

async function auditedAddresses(app: FastifyInstance, action: string): Promise<string[]> {
  const { rows } = await app.pg.query<{ ip: string }>(`SELECT ip FROM audit_events WHERE action = $1 ORDER BY occurred_at, id`, [action])
  return rows.map((row) => row.ip)
}

describe('the client address with the default settings (no TRUST_PROXY)', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await appWith()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('ignores a made-up X-Forwarded-For: the audit log records the connection, and the limit counts it', async () => {
    const statuses: number[] = []
    for (let i = 1; i <= FLOOD + 2; i++) statuses.push((await failedSignIn(app, `203.0.113.${i}`)).statusCode)
    // Each claims another address; all are one address, so the flood limit refuses those over it.
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    const signIns = await auditedAddresses(app, 'staff.sign_in')
    expect(signIns.length).toBe(FLOOD)
    expect(new Set(signIns)).toEqual(new Set(['127.0.0.1']))
    // The first refusal is in the audit log, from the real address.
    expect(await auditedAddresses(app, 'limit.reached')).toEqual(['127.0.0.1'])
  })

  it('answers 429 with Retry-After and the API error body', async () => {
    const refused = await failedSignIn(app, '198.51.100.7')
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(refused.json()).toMatchObject({ error: 'too_many_requests', requestId: expect.any(String) })
    expect(refused.json().message).toMatch(/Try again in a minute\.$/)
  })
})

describe('the client address with TRUST_PROXY set for 127.0.0.1', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await appWith('127.0.0.1')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('uses the forwarded address for the limits and the audit log', async () => {
    const statuses: number[] = []
    for (let i = 1; i <= FLOOD + 2; i++) statuses.push((await failedSignIn(app, `203.0.113.${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    expect(await auditedAddresses(app, 'staff.sign_in')).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5'])
    // One forwarded address is still one address.
    const same: number[] = []
    for (let i = 1; i <= FLOOD + 1; i++) same.push((await failedSignIn(app, '192.0.2.50')).statusCode)
    expect(same).toEqual([401, 401, 401, 429])
  })

  it('believes only the proxies named: an address forged before the proxy is not the client', async () => {
    // The client (192.0.2.60) forged "10.9.9.9"; 127.0.0.1 (trusted) added the real one last.
    await failedSignIn(app, '10.9.9.9, 192.0.2.60')
    expect((await auditedAddresses(app, 'staff.sign_in')).at(-1)).toBe('192.0.2.60')
  })
})

describe('the TRUST_PROXY setting', () => {
  it('takes a hop count, or addresses and CIDR ranges; anything else stops the service from starting', () => {
    expect(readConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1')
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1, fd00::/8, loopback' }).TRUST_PROXY).toContain('10.0.0.0/8')
    for (const bad of ['yes', '0', '10.0.0.0/33', '300.1.1.1', 'proxy.example.com']) {
      expect(() => readConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError)
    }
  })
})
