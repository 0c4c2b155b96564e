import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const Check = Type.Union([Type.Literal('ok'), Type.Literal('failing')])
const ReadyBody = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({ database: Check, migrations: Check, worker: Check }),
})

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Database reachable, migrations applied, worker running',
        response: {
          200: ReadyBody,
          503: ReadyBody,
        },
      },
    },
    async (_request, reply) => {
      const readiness = await app.checkReadiness()
      const ready = Object.values(readiness).every(Boolean)
      const label = (ok: boolean) => (ok ? ('ok' as const) : ('failing' as const))
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: {
          database: label(readiness.database),
          migrations: label(readiness.migrations),
          worker: label(readiness.worker),
        },
      })
    },
  )
}

export default health
