import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withStorableLimits, STORABLE_TEXT_MESSAGE, STORABLE_TEXT_PATTERN } from '../../src/plugins/app/storable-input.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { createStaff, formSession, startSession } from '../support/staff.js'

describe('input PostgreSQL cannot store is refused at the schema', () => {
  let t: TestApp
  let admin: string
  beforeAll(async () => {
    t = await buildTestApp()
    admin = await startSession(t.app, (await createStaff(t.app, { role: 'admin' })).id)
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('answers 400 naming the field for a whole number beyond PostgreSQL integer', async () => {
    const response = await t.app.inject({ url: '/api/v1/admin/invitations?offset=99999999999999999999', headers: { cookie: admin } })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([{ field: 'querystring.offset', message: 'must be <= 2147483647' }])
  })

  it('answers 400 naming the field for a NUL byte or a lone surrogate in JSON', async () => {
    for (const email of ['sam\u0000@example.com', 'sam\uD800@example.com', 'bell\u0007@example.com']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password: 'whatever-it-is' }),
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().fields).toContainEqual({ field: 'body.email', message: STORABLE_TEXT_MESSAGE })
    }
  })

  it('keeps tabs, new lines and characters outside the basic plane', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody-😀@example.com', password: 'line one\nline\ttwo' },
    })
    expect(response.statusCode).toBe(401)
  })

  it('refuses a NUL byte in a form field with the error page, not a 500', async () => {
    for (const url of ['/password/forgotten', '/bookings/new-link']) {
      const form = await formSession(t.app)
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(form.csrfToken)}&email=sam%00%40example.com`,
      })
      expect(response.statusCode, url).toBe(400)
      expect(response.body).toContain('body.email')
    }
  })

  it('adds bounds a schema leaves out and keeps those it states, without changing the schema it was given', () => {
    const schema = {
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 0 },
        code: { type: 'string', pattern: '^[a-z]+$' },
        kind: { type: 'string', enum: ['a', 'b'] },
        id: { type: 'string', format: 'uuid' },
      },
    }
    const copy = JSON.parse(JSON.stringify(schema))
    const limited = withStorableLimits(schema) as unknown as { properties: Record<string, Record<string, unknown>> }
    expect(schema).toEqual(copy)
    expect(limited.properties.count).toEqual({ type: 'integer', minimum: 0, maximum: 2147483647 })
    expect(limited.properties.code!.pattern).toBe('^[a-z]+$')
    expect(limited.properties.code!.allOf).toEqual([{ pattern: STORABLE_TEXT_PATTERN }])
    expect(limited.properties.kind).toEqual({ type: 'string', enum: ['a', 'b'] })
    expect(limited.properties.id).toEqual({ type: 'string', format: 'uuid' })
  })
})
