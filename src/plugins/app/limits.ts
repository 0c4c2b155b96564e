import fp from 'fastify-plugin'
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { AppOptions } from '../../app.js'
import { createLimits, limitRules, type LimitRule, type LimitRules, type Limits } from '../../domain/limits/index.js'

interface AppLimits extends Limits {
  rules: LimitRules
  /** A route hook counting each request against `rule` per client address. */
  perAddress(rule: LimitRule): onRequestAsyncHookHandler
  /** The client address and request id, for a refusal's audit entry. */
  contextOf(request: FastifyRequest): { ip: string; requestId: string }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The abuse limits (src/domain/limits), counted in PostgreSQL. */
    limits: AppLimits
  }
}

/**
 * `app.limits`: the limits' rules from the settings and the service that
 * counts them. The client address is `request.ip`, which is the connection's
 * unless TRUST_PROXY names the proxies in front (src/app.ts): a forged
 * X-Forwarded-For changes nothing.
 */
export default fp<AppOptions>(
  async (app, options) => {
    const service = createLimits({ pool: app.pg.pool, clock: app.clock, secret: options.config.SESSION_SECRET, audit: app.audit, log: app.log })
    const contextOf = (request: FastifyRequest) => ({ ip: request.ip, requestId: request.id })
    const limits: AppLimits = {
      ...service,
      rules: limitRules(options.config),
      contextOf,
      perAddress: (rule) => async (request) => {
        await service.take(rule, `address:${request.ip}`, contextOf(request))
      },
    }
    app.decorate('limits', limits)
  },
  { name: 'limits', dependencies: ['audit', 'postgres'] },
)
