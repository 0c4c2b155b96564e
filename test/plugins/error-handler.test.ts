import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { buildApp } from '../../src/app.js'
import { ConflictError, ValidationError } from '../../src/domain/errors.js'
import { testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'

describe('the error handler', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildApp({ config: testConfig({ DATABASE_URL: await createTestDatabase() }) })
    app.post(
      '/api/v1/__echo',
      {
        schema: {
          body: Type.Object({ name: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        },
      },
      async (request) => request.body,
    )
    app.get('/api/v1/__conflict', async () => {
      throw new ConflictError('slot_unavailable', 'That time is no longer available')
    })
    app.get('/api/v1/__invalid', async () => {
      throw new ValidationError([{ field: 'to', message: 'must be on or after from' }])
    })
    app.get('/api/v1/__boom', async () => {
      throw new Error('secret internals at /work/main/src/thing.ts:42')
    })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('answers schema failures with 400, each field and the reason, and the request id', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/__echo', payload: { count: 0, extra: true } })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body).toMatchObject({ error: 'validation_failed', requestId: response.headers['x-request-id'] })
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { field: 'body.name', message: 'is required' },
        { field: 'body.count', message: expect.stringMatching(/>= 1/) },
        { field: 'body.extra', message: 'is not allowed' },
      ]),
    )
  })

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/__echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'bad_request', requestId: expect.any(String) })
  })

  it('maps typed domain errors to their status and code', async () => {
    const conflict = await app.inject('/api/v1/__conflict')
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json()).toEqual({
      error: 'slot_unavailable',
      message: 'That time is no longer available',
      requestId: conflict.headers['x-request-id'],
    })
    const invalid = await app.inject('/api/v1/__invalid')
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().fields).toEqual([{ field: 'to', message: 'must be on or after from' }])
  })

  it('never leaks the cause of an unexpected failure', async () => {
    const response = await app.inject('/api/v1/__boom')
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      error: 'internal_error',
      message: 'Sorry, there is a problem with the service',
      requestId: response.headers['x-request-id'],
    })
    expect(response.body).not.toContain('secret internals')
  })

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await app.inject('/api/v1/nothing-here')
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: 'not_found', message: 'Page not found', requestId: expect.any(String) })
  })

  it('refuses bodies over the size limit with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/__echo',
      payload: { name: 'x'.repeat(300 * 1024), count: 1 },
    })
    expect(response.statusCode).toBe(413)
    expect(response.json().error).toBe('payload_too_large')
  })
})
