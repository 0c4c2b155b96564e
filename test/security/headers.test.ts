import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DOCS_POLICY } from '../../src/plugins/external/helmet.js'
import { buildTestApp } from '../helper.js'
import { signedInStaff } from '../support/staff.js'

function directives(header: string | string[] | number | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name, values)
  }
  return map
}

describe('security headers', () => {
  let app: FastifyInstance

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  it('sends a strict Content-Security-Policy with a fresh nonce, and puts it on every script tag', async () => {
    const response = await app.inject('/')
    const csp = directives(response.headers['content-security-policy'])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:'])
    expect(csp.get('font-src')).toEqual(["'self'", 'https://assets.nhs.uk'])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('script-src-attr')).toEqual(["'none'"])
    const scriptSrc = csp.get('script-src')!
    expect(scriptSrc[0]).toBe("'self'")
    expect(scriptSrc).toHaveLength(2)
    expect(scriptSrc.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    const nonce = scriptSrc[1]!.match(/^'nonce-([A-Za-z0-9+/=]{22,})'$/)?.[1]
    expect(nonce).toBeDefined()

    const scripts = response.body.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThanOrEqual(2) // nhsuk template's inline one, and ours
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)

    const again = directives((await app.inject('/')).headers['content-security-policy']).get('script-src')![1]
    expect(again).not.toBe(scriptSrc[1])
  })

  it('puts the nonce on the scripts of error pages and of signed-in pages', async () => {
    const staff = await signedInStaff(app, { role: 'coach' })
    for (const [url, cookie] of [
      ['/no-such-page', ''],
      ['/admin', staff.cookie],
      ['/coach', staff.cookie],
    ] as const) {
      const response = await app.inject({ url, headers: cookie ? { cookie } : {} })
      const nonce = directives(response.headers['content-security-policy']).get('script-src')![1]!.slice(7, -1)
      const scripts = response.body.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length, url).toBeGreaterThanOrEqual(2)
      for (const script of scripts) expect(script, url).toContain(`nonce="${nonce}"`)
    }
  })

  it('sends the other protective headers', async () => {
    const headers = (await app.inject('/sign-in')).headers
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    expect(headers['cross-origin-opener-policy']).toBe('same-origin')
    expect(headers['x-powered-by']).toBeUndefined()
    // HSTS only in production, where the service is behind HTTPS.
    expect(headers['strict-transport-security']).toBeUndefined()
  })

  it('sends them on JSON answers as well', async () => {
    const headers = (await app.inject('/api/v1/programmes')).headers
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['x-content-type-options']).toBe('nosniff')
  })

  it('keeps the API documentation working under its own policy', async () => {
    const page = await app.inject('/docs/')
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    // Ours (src/plugins/external/helmet.ts), not Swagger UI's: still no inline script, no framing.
    expect(page.headers['content-security-policy']).toBe(DOCS_POLICY)
    const csp = directives(page.headers['content-security-policy'])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect((await app.inject('/docs/json')).headers['content-security-policy']).toBe(DOCS_POLICY)
    expect((await app.inject('/docs/json')).statusCode).toBe(200)
    expect((await app.inject('/docs/static/swagger-initializer.js')).statusCode).toBe(200)
  })

  it('sends them on a refusal too (a form from another site)', async () => {
    const response = await app.inject({ method: 'POST', url: '/sign-in', headers: { origin: 'https://evil.example' } })
    expect(response.statusCode).toBe(403)
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    const nonce = directives(response.headers['content-security-policy']).get('script-src')![1]!.slice(7, -1)
    for (const script of response.body.match(/<script\b[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`)
  })

  it('still refuses bodies over 256 KiB', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@example.org', password: 'x'.repeat(300 * 1024) },
    })
    expect(response.statusCode).toBe(413)
  })

  describe('compression', () => {
    // The OpenAPI description: large, and the same at every request, so the unpacked bytes can be compared exactly.
    const BIG_JSON = '/docs/json'

    it('compresses what the client asks for (Brotli first, else gzip) and unpacks to the same bytes', async () => {
      const plain = await app.inject(BIG_JSON)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.rawPayload.length).toBeGreaterThan(50_000)

      const br = await app.inject({ url: BIG_JSON, headers: { 'accept-encoding': 'gzip, deflate, br' } })
      expect(br.headers['content-encoding']).toBe('br')
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i)
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4)
      expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true)

      const gzip = await app.inject({ url: BIG_JSON, headers: { 'accept-encoding': 'gzip' } })
      expect(gzip.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true)

      // Chromium offers zstd too: Brotli all the same, on every Node (zstd is there from Node 22.15), and never zstd alone.
      const chromium = await app.inject({ url: BIG_JSON, headers: { 'accept-encoding': 'zstd, gzip, deflate, br' } })
      expect(chromium.headers['content-encoding']).toBe('br')
      const zstdOnly = await app.inject({ url: BIG_JSON, headers: { 'accept-encoding': 'zstd' } })
      expect(zstdOnly.headers['content-encoding']).toBeUndefined()
      expect(zstdOnly.rawPayload.equals(plain.rawPayload)).toBe(true)
    })

    it('compresses pages a person navigates to on the service itself', async () => {
      const page = await app.inject({ url: '/sign-in', headers: { 'accept-encoding': 'br', 'sec-fetch-site': 'same-origin' } })
      expect(page.statusCode).toBe(200)
      expect(page.headers['content-encoding']).toBe('br')
      const html = brotliDecompressSync(page.rawPayload).toString('utf8')
      expect(html).toContain('<title>Sign in')
      expect(html.trimEnd()).toMatch(/<\/html>$/)
      // A direct visit (a bookmark, an address typed in) says `none`.
      expect((await app.inject({ url: '/sign-in', headers: { 'accept-encoding': 'br', 'sec-fetch-site': 'none' } })).headers['content-encoding']).toBe('br')
    })

    it('never compresses an answer to a request another site started (BREACH)', async () => {
      for (const site of ['cross-site', 'same-site']) {
        for (const url of ['/sign-in', BIG_JSON]) {
          const response = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br', 'sec-fetch-site': site } })
          expect(response.statusCode, `${site} ${url}`).toBe(200)
          expect(response.headers['content-encoding'], `${site} ${url}`).toBeUndefined()
          expect(response.body, `${site} ${url}`).toMatch(url === BIG_JSON ? /^\{"openapi"/ : /<\/html>\s*$/)
        }
      }
    })

    it('does not unpack a compressed request body', async () => {
      // Unpacked, this would be a sign-in with a wrong password (401); as it is, it is not JSON.
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(JSON.stringify({ email: 'nobody@example.org', password: 'not-the-password', code: '123456' })),
      })
      expect(response.statusCode).toBe(400)
    })
  })
})
