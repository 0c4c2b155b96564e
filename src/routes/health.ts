import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const ReadyBody = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')], {
      description: 'unknown when the database cannot be asked',
    }),
    worker: Type.Union([Type.Literal('ok'), Type.Literal('restarting'), Type.Literal('failing')], {
      description: 'restarting: stopped by a fault and being started again; failing: this process runs no worker',
    }),
    mail: Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('unknown')], {
      description: "failing: a delivery's latest attempt failed in the last day (see /admin/emails); does not make the instance not ready",
    }),
  }),
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
        summary: 'Database reachable, migrations applied, worker running; mail reported. Answers within a second.',
        response: {
          200: ReadyBody,
          503: ReadyBody,
        },
      },
    },
    async (_request, reply) => {
      const { ready, checks } = await app.checkReadiness()
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks })
    },
  )
}

export default health
