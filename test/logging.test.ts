import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOptions, redactPaths, safeUrl } from '../src/logging.js'
import { buildTestApp, testConfig, type TestApp } from './helper.js'
import { createTestDatabase } from './support/database.js'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { lines, stream }
}

describe('logs', () => {
  it('mask tokens in link paths and drop query strings', () => {
    expect(safeUrl('/bookings/manage/abc123XYZ')).toBe('/bookings/manage/[redacted]')
    expect(safeUrl('/api/v1/slots?programme=x&email=a@b.c')).toBe('/api/v1/slots?[redacted]')
    expect(safeUrl('/reset/tok-en_1?x=1')).toBe('/reset/[redacted]?[redacted]')
    expect(safeUrl('/healthz')).toBe('/healthz')
  })

  it('censor names, emails, phone numbers and tokens wherever they appear', () => {
    const { lines, stream } = capture()
    const log = pino({ redact: { paths: redactPaths, censor: '[redacted]' } }, stream)
    log.info({
      email: 'jo.bloggs@example.com',
      candidate: { name: 'Jo Bloggs', phone: '07700 900123', email: 'jo.bloggs@example.com' },
      booking: { candidate: { name: 'Jo Bloggs' }, manageToken: 'secret-token' },
      token: 'secret-token',
    })
    const text = lines.join('')
    for (const secret of ['jo.bloggs@example.com', 'Jo Bloggs', '07700 900123', 'secret-token']) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('[redacted]')
  })

  describe('of a request', () => {
    const { lines, stream } = capture()
    let t: TestApp
    beforeAll(async () => {
      const config = testConfig({ DATABASE_URL: await createTestDatabase(), LOG_LEVEL: 'info' })
      const options = loggerOptions(config) as pino.LoggerOptions
      t = await buildTestApp({ config, loggerInstance: pino(options, stream) })
    })
    afterAll(async () => {
      await t.app.close()
    })

    it('carry the request id but no token, cookie or query', async () => {
      const response = await t.app.inject({
        url: '/bookings/manage/very-secret-token?email=jo.bloggs@example.com',
        headers: { authorization: 'Bearer very-secret-token', cookie: 'cc_session=abc', 'x-request-id': 'req-12345678' },
      })
      expect(response.headers['x-request-id']).toBe('req-12345678')
      const text = lines.join('')
      expect(text).toContain('req-12345678')
      expect(text).not.toContain('very-secret-token')
      expect(text).not.toContain('jo.bloggs@example.com')
      expect(text).not.toContain('cc_session=abc')
    })
  })
})
