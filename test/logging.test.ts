import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggerOptions, redactPaths, safeUrl, scrubText } from '../src/logging.js'
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

  it('mask addresses, phone numbers and tokens in free text, and leave the rest', () => {
    expect(scrubText("Can't send mail: 550 5.1.1 <Jo.Bloggs+cc@Example.org>: rejected")).toBe("Can't send mail: 550 5.1.1 <[email]>: rejected")
    expect(scrubText('Call 07700 900123, 07700900123 or +44 7700 900123')).toBe('Call [phone], [phone] or [phone]')
    expect(scrubText('GET /bookings/manage/abcDEF123_-x failed; Bearer abc.def-123')).toBe('GET /bookings/manage/[redacted] failed; Bearer [redacted]')
    const ordinary = 'Completed task 12 (send-email, 59.87ms) at 2026-03-02T08:00:00.000Z, job 0f6b1c2e-8d8a-4c55-9a4e-7c3d2b1a0f9e, 10.0.0.1'
    expect(scrubText(ordinary)).toBe(ordinary)
  })

  it('scrub messages, error messages, nested errors and other strings; drop PostgreSQL row details', () => {
    const { lines, stream } = capture()
    const log = pino({ ...(loggerOptions({ LOG_LEVEL: 'info', NODE_ENV: 'test' }) as pino.LoggerOptions) }, stream)
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "invitations_one_live_per_email"'), {
      code: '23505',
      constraint: 'invitations_one_live_per_email',
      detail: 'Key (programme_id, email)=(4a8e, jo.bloggs@example.com) already exists.',
    })
    log.error({ err: unique }, 'request failed')
    const smtp = Object.assign(new Error('all recipients were rejected: 550 <jo.bloggs@example.com>'), {
      rejectedErrors: [Object.assign(new Error('550 <jo.bloggs@example.com> unknown'), { recipient: 'jo.bloggs@example.com' })],
    })
    log.error({ err: smtp, job: 'send-email' }, 'Failed task 3 with error: 550 <jo.bloggs@example.com>; ring 07700 900123')
    log.info({ outcome: 'sent to jo.bloggs@example.com' }, 'note')
    const text = lines.join('')
    expect(text).not.toContain('jo.bloggs@example.com')
    expect(text).not.toContain('07700 900123')
    expect(text).toContain('"constraint":"invitations_one_live_per_email"')
    expect(text).toContain('"code":"23505"')
    expect(text).not.toContain('"detail"')
    expect(text).toContain('550 <[email]>')
    expect(lines).toHaveLength(3)
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
