import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import autoload from '@fastify/autoload'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { trustProxyOption, type Config } from './config.js'
import { systemClock, type Clock } from './domain/clock.js'
import { loggerOptions } from './logging.js'
import { serverTimeouts } from './http/server-timeouts.js'
import type { TaskList } from 'graphile-worker'
import { rememberingCompilers } from './http/schema-compilers.js'

const here = path.dirname(fileURLToPath(import.meta.url))

/** What the server (or a test) hands the app; plugins read their part of it. */
export interface AppOptions {
  config: Config
  clock?: Clock
  /** Start the job worker inside this process (the server does; most tests don't). */
  runWorker?: boolean
  /** Extra or replacement job handlers, e.g. a test's own task. */
  tasks?: TaskList
  /** Extra crontab lines (graphile-worker's format), e.g. a test's own scheduled task. */
  crontab?: string
  /** Called each time the worker's scheduler has started, having added the runs it missed: a test waits for it. */
  onSchedulerStarted?: () => void
  /** Overrides the logger, e.g. a test capturing log lines. */
  logger?: FastifyServerOptions['logger']
  loggerInstance?: FastifyServerOptions['loggerInstance']
}

/** One route as registered: what test/security/route-access.test.ts checks every route against. */
interface RouteEntry {
  method: string
  url: string
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    clock: Clock
    /** Every route of the app, in the order registered (HEAD routes included). */
    routeCatalogue: readonly RouteEntry[]
  }
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? loggerOptions(options.config) }),
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID()
    },
    bodyLimit: 256 * 1024,
    // Slow senders and idle connections are cut off (REQUEST_TIMEOUT_MS and the others: src/http/server-timeouts.ts).
    ...serverTimeouts(options.config),
    // Loading every plugin and route (TypeScript compiled on the fly) can take more than the default 10 s on a busy machine.
    pluginTimeout: 60_000,
    // Only the proxies the deployment names (TRUST_PROXY): otherwise X-Forwarded-For is anyone's to forge.
    trustProxy: trustProxyOption(options.config.TRUST_PROXY),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    schemaController: { compilersFactory: rememberingCompilers },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('config', options.config)
  app.decorate('clock', options.clock ?? systemClock)
  // Before any plugin, so routes that plugins add are listed too.
  const routeCatalogue: RouteEntry[] = []
  app.decorate('routeCatalogue', routeCatalogue)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeCatalogue.push({ method, url: route.url })
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  await app.register(autoload, { dir: path.join(here, 'plugins/external'), options })
  await app.register(autoload, { dir: path.join(here, 'plugins/app'), options })
  await app.register(autoload, {
    dir: path.join(here, 'routes'),
    options,
    autoHooks: true,
    cascadeHooks: true,
    // Pages live at the site root; JSON under /api/v1.
    dirNameRoutePrefix: (_parent, folder) => (folder === 'pages' ? false : folder),
  })
  return app
}
