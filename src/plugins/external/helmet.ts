import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppOptions } from '../../app.js'

/**
 * Security headers on every answer, with a strict Content-Security-Policy:
 * no inline script except the tags that carry this request's nonce (the
 * layout puts `reply.locals.cspNonce` on the NHS template's one-line script
 * and on ours), styles and images from our own origin, the NHS font host
 * for Frutiger, no framing, forms post only to us.
 *
 * helmet's middleware is built once here and run on every request (the
 * nonce is a function of the response): @fastify/helmet rebuilt it, parsing
 * the whole policy, on every request.
 *
 * /docs (Swagger UI, a developer page with no personal data) gets its own
 * policy: the same, except that its React code sets style attributes, so
 * inline styles are allowed there. (Swagger UI's own `staticCSP` would set
 * one too; this replaces it, after it, on each /docs route.)
 */

const nonces = new WeakMap<ServerResponse, string>()

const NHS_FONT_HOST = 'https://assets.nhs.uk'

const DOCS_PREFIX = '/docs'
export const DOCS_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ')

async function docsPolicy(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('content-security-policy', DOCS_POLICY)
  return payload
}

export default fp<AppOptions>(
  async (app, options) => {
    const production = options.config.NODE_ENV === 'production'

    // Before helmet's own hook, which writes the header with this nonce.
    app.addHook('onRequest', async (_request, reply) => {
      // 122 random bits; randomUUID draws from a buffer instead of a system call per request.
      const nonce = randomUUID().replaceAll('-', '')
      nonces.set(reply.raw, nonce)
      // Assigned, not spread: other hooks put lazy getters in `locals`.
      reply.locals ??= {}
      reply.locals.cspNonce = nonce
    })

    // Route-level onSend hooks run after the plugin's own (Swagger UI's header), so this one has the last word.
    app.addHook('onRoute', (route) => {
      if (route.url !== DOCS_PREFIX && !route.url.startsWith(`${DOCS_PREFIX}/`)) return
      route.onSend = [...[route.onSend ?? []].flat(), docsPolicy]
    })

    const securityHeaders = helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          scriptSrc: ["'self'", (_request, response) => `'nonce-${nonces.get(response as ServerResponse) ?? ''}'`],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", NHS_FONT_HOST],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: 'deny' },
      // Nothing of our URLs (manage links carry tokens) goes to other sites; same-origin
      // requests keep theirs, and with it the Origin header the CSRF check reads.
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    })
    app.addHook('onRequest', (request, reply, done) => {
      securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined))
    })
  },
  // Views first: its hook gives every reply fresh `locals`, which this one then fills.
  { name: 'helmet', dependencies: ['views'] },
)
