import { describe, expect, it } from 'vitest'
import Fastify from 'fastify'
import formbody from '@fastify/formbody'
import { Type } from 'typebox'
import { rememberingCompilers } from '../../src/http/schema-compilers.js'

/** A small app as buildApp makes it, with a route whose schemas are made afresh at each build (as the routes' are). */
async function smallApp(maximum: number) {
  const app = Fastify({ schemaController: { compilersFactory: rememberingCompilers } })
  await app.register(formbody)
  app.post(
    '/things',
    {
      schema: {
        body: Type.Object({ count: Type.Integer({ minimum: 0, maximum }), ratio: Type.Optional(Type.Number()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ count: Type.Integer() }) },
      },
    },
    async (request) => ({ count: (request.body as { count: number }).count, secret: 'not in the schema' }),
  )
  app.get(
    '/things',
    { schema: { querystring: Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ maximum })) }) } },
    async (request) => request.query,
  )
  await app.ready()
  return app
}

describe('schema compilers shared by builds of the app', () => {
  it('validate and serialise in a second build exactly as in the first', async () => {
    for (let build = 0; build < 2; build++) {
      const app = await smallApp(10)
      const ok = await app.inject({ method: 'POST', url: '/things', payload: { count: 3 } })
      expect(ok.statusCode).toBe(200)
      // The response schema is applied: what it does not name is not sent.
      expect(ok.json()).toEqual({ count: 3 })
      const refused = await app.inject({ method: 'POST', url: '/things', payload: { count: 11 } })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().message).toMatch(/count.*<= 10/)
      await app.close()
    }
  })

  it('compile a schema of other content afresh', async () => {
    const strict = await smallApp(10)
    const loose = await smallApp(100)
    expect((await strict.inject({ method: 'POST', url: '/things', payload: { count: 50 } })).statusCode).toBe(400)
    expect((await loose.inject({ method: 'POST', url: '/things', payload: { count: 50 } })).statusCode).toBe(200)
    await strict.close()
    await loose.close()
  })

  it('refuse a number that is not finite, from the query string, a form or a JSON body, naming the field', async () => {
    const app = await smallApp(10)
    // Ajv alone coerces these to Infinity and lets them through, even past a maximum.
    for (const url of ['/things?offset=1e309', '/things?offset=Infinity', '/things?limit=1e309', '/things?limit=-1e309']) {
      const refused = await app.inject({ url })
      expect(refused.statusCode, url).toBe(400)
      expect(refused.json().message, url).toMatch(/querystring\/(offset|limit) must be a finite number/)
    }
    expect((await app.inject({ url: '/things?offset=5&limit=3' })).json()).toEqual({ offset: 5, limit: 3 })
    const form = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'count=1&ratio=1e400' })
    expect(form.statusCode).toBe(400)
    expect(form.json().message).toMatch(/body\/ratio must be a finite number/)
    const body = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"count":1,"ratio":-1e309}' })
    expect(body.statusCode).toBe(400)
    expect(body.json().message).toMatch(/ratio must be/)
    await app.close()
  })
})
