import { describe, expect, it } from 'vitest'
import Fastify from 'fastify'
import { Type } from 'typebox'
import { rememberingCompilers } from '../../src/http/schema-compilers.js'

/** A small app as buildApp makes it, with a route whose schemas are made afresh at each build (as the routes' are). */
async function smallApp(maximum: number) {
  const app = Fastify({ schemaController: { compilersFactory: rememberingCompilers } })
  app.post(
    '/things',
    {
      schema: {
        body: Type.Object({ count: Type.Integer({ minimum: 0, maximum }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ count: Type.Integer() }) },
      },
    },
    async (request) => ({ count: (request.body as { count: number }).count, secret: 'not in the schema' }),
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
})
