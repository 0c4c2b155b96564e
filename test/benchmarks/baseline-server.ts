/**
 * The baseline: a bare Fastify process with one route answering the same
 * JSON body as the slots scenario (read from BODY_FILE), serialised through a
 * response schema as the real route's is. Run as its own process by run.ts.
 */
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const body: unknown = JSON.parse(readFileSync(process.env.BODY_FILE ?? '', 'utf8'))
const app = Fastify({ logger: false })

app.get(
  '/slots',
  {
    schema: {
      response: {
        200: {
          type: 'object',
          properties: {
            timeZone: { type: 'string' },
            slots: {
              type: 'array',
              items: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
  async () => body,
)

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write('ready\n')

const close = () => void app.close().then(() => process.exit(0))
process.on('SIGTERM', close)
process.on('SIGINT', close)
