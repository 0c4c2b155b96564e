import fp from 'fastify-plugin'
import csrfProtection from '@fastify/csrf-protection'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppOptions } from '../../app.js'
import { DomainError } from '../../domain/errors.js'

/**
 * Cross-site request forgery protection for every request that changes
 * something (any method but GET, HEAD and OPTIONS).
 *
 * 1. Origin: when the browser says where the request comes from, it must be
 *    this site. Browsers send it with every form post and fetch ("null" when
 *    the page's Referrer-Policy is no-referrer: ours is same-origin for that reason).
 * 2. Pages (HTML forms): a token in a hidden `_csrf` field (or the
 *    `x-csrf-token` header), from @fastify/csrf-protection: an HMAC over a
 *    secret in the `_csrf` cookie and the staff session's id, so a token
 *    from another browser, or from before signing in or out, does not pass.
 *    Templates write `<input type="hidden" name="_csrf" value="{{ csrfToken }}">`.
 * 3. JSON API (/api/): a body must be `application/json` (a form on another
 *    site cannot send that, and a script on another site cannot either
 *    without a CORS preflight, which this service never allows); other
 *    bodies (e.g. a CSV upload) need the `x-csrf-token` header. A request
 *    with no body passes: the SameSite=Lax session cookie is not sent with
 *    a cross-site POST, and the Origin check covers sibling sites.
 *
 * A route can say otherwise with `config: { csrf: 'token' | 'json' | false }`
 * (false only for routes that take no cookie, e.g. a bearer token).
 */

type CsrfMode = 'token' | 'json' | false

declare module 'fastify' {
  interface FastifyContextConfig {
    csrf?: CsrfMode
  }
  interface FastifyReply {
    /** This reply's CSRF token for a form (made once, on first use; sets the `_csrf` cookie if needed). */
    csrfToken(): string
  }
  interface FastifyInstance {
    /** True when the request carries a valid CSRF token (for routes that check it themselves). */
    hasValidCsrfToken(request: FastifyRequest, reply: FastifyReply): boolean
  }
}

const CSRF_COOKIE = '_csrf'

export class CsrfError extends DomainError {
  constructor() {
    super(
      'csrf_failed',
      'Sorry, we could not accept this form. It may have been open for too long. Go back, refresh the page and try again.',
      403,
    )
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i

function isApi(request: FastifyRequest): boolean {
  return (request.routeOptions.url ?? request.url).startsWith('/api/')
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
}

function originAllowed(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  try {
    const from = new URL(origin).host
    // Through URL, so "localhost:80" and "localhost" compare equal.
    const self = new URL(`${request.protocol}://${request.host}`).host
    return from === self || from === new URL(publicUrl).host
  } catch {
    return false // includes "null", sent by sandboxed frames and some redirects
  }
}

const tokens = new WeakMap<FastifyReply, string>()

function userInfo(request: FastifyRequest): string {
  return request.staffSessionId ?? 'signed-out'
}

export default fp<AppOptions>(
  async (app, options) => {
    const production = options.config.NODE_ENV === 'production'
    await app.register(csrfProtection, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: production },
      getUserInfo: userInfo,
      csrfOpts: { hmacKey: options.config.SESSION_SECRET },
    })

    app.decorateReply('csrfToken', function (this: FastifyReply) {
      let token = tokens.get(this)
      if (token === undefined) {
        token = this.generateCsrf({ userInfo: userInfo(this.request) })
        tokens.set(this, token)
      }
      return token
    })

    // @fastify/csrf-protection answers a failed check itself; this asks it quietly.
    function hasValidCsrfToken(this: FastifyInstance, request: FastifyRequest, _reply: FastifyReply): boolean {
      let valid = true
      const probe = { send: () => (valid = false) } as unknown as FastifyReply
      app.csrfProtection(request, probe, () => undefined)
      return valid
    }
    app.decorate('hasValidCsrfToken', hasValidCsrfToken)

    // Pages read `csrfToken` as a view variable; it is made only if a template uses it.
    app.addHook('onRequest', async (_request, reply) => {
      reply.locals ??= {}
      Object.defineProperty(reply.locals, 'csrfToken', {
        enumerable: true,
        configurable: true,
        get: () => reply.csrfToken(),
      })
    })

    // After every onRequest hook (security headers, who is signed in), before the body is read.
    app.addHook('preParsing', async (request) => {
      if (SAFE_METHODS.has(request.method)) return
      if (!originAllowed(request, options.config.PUBLIC_URL)) throw new CsrfError()
    })

    app.addHook('preValidation', async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || request.is404) return
      const mode: CsrfMode = request.routeOptions.config.csrf ?? (isApi(request) ? 'json' : 'token')
      if (mode === false) return
      if (mode === 'json' && (!hasBody(request) || JSON_TYPE.test(request.headers['content-type'] ?? ''))) return
      if (!hasValidCsrfToken.call(app, request, reply)) throw new CsrfError()
    })
  },
  // Helmet first, so that a refusal carries the security headers too.
  { name: 'csrf', dependencies: ['cookie', 'views', 'helmet'] },
)
