import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import type { AppOptions } from '../../app.js'

/**
 * `request.cookies`, `reply.setCookie`. The staff session cookie holds a
 * random token looked up server-side, so it needs no signature; the secret
 * (SESSION_SECRET) is there for any cookie that does.
 */
export default fp<AppOptions>(
  async (app, options) => {
    await app.register(cookie, { secret: options.config.SESSION_SECRET, hook: 'onRequest' })
  },
  { name: 'cookie' },
)
