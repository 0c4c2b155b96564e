import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppOptions } from '../../app.js'
import { ForbiddenError, UnauthorizedError } from '../../domain/errors.js'
import type { StaffPrincipal, StaffRole } from '../../domain/staff/principal.js'
import { SESSION_COOKIE } from '../../domain/staff/sessions.js'
import { resolveSession, type SignInServices } from '../../domain/staff/sign-in.js'
import { wantsJson } from './error-handler.js'
import { scopesFor } from './api-scopes.js'
import { InsufficientScopeError, hashApiToken, looksLikeApiToken } from '../../domain/integrations/api-tokens.js'
import { useApiToken } from '../../repositories/api-tokens.js'

/**
 * Who is signed in. On every request (but static assets) the `cc_session`
 * cookie's token is looked up in staff_sessions: a live session is marked
 * used (idle timeout 30 minutes, absolute 12 hours) and `request.staff` is
 * its owner; otherwise `request.staff` is null and a stale cookie is cleared.
 *
 * Access checks are the hooks below, added once per route folder in its
 * autohooks.ts, e.g. `app.addHook('onRequest', requireRole('admin'))`.
 * Pages send an anonymous person to /sign-in?next=<this page>; the API
 * answers 401 JSON; a signed-in person without the role gets 403.
 */

/** A system's API token, as a request carries it (domain/integrations/api-tokens.ts). */
interface ApiTokenIdentity {
  id: string
  name: string
  scopes: string[]
  createdBy: string | null
}


declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, or null. */
    staff: StaffPrincipal | null
    /** The API token this request came with (API routes only), or null. */
    apiToken: ApiTokenIdentity | null
    /** Id (token hash) of the session `staff` came from. */
    staffSessionId: string | null
  }
  interface FastifyInstance {
    /** What signing in and out needs: pool, clock, audit log, secret. */
    signInServices: SignInServices
  }
}

function isStaticAsset(request: FastifyRequest): boolean {
  return (request.routeOptions.url ?? '').startsWith('/assets/')
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.NODE_ENV === 'production',
    // No expiry: the cookie goes when the browser closes; the server ends the session sooner.
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.config.NODE_ENV === 'production',
  })
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/**
 * Where the sign-out form's CSRF token goes in the header. The token is new on
 * every page, so the header is made with this in its place, the same for
 * every page of a staff member (nhsuk-frontend's header is then remembered by
 * the component cache instead of made at every view: 0.3 ms of the follow-up
 * review page), and templates/pages/layout.njk puts `signOutToken` in after.
 * Escaped text never holds it: a `&` in text is written `&amp;`.
 */
export const SIGN_OUT_TOKEN_MARK = '&sign-out-token;'

const SIGN_OUT_FORM =
  '<form class="nhsuk-header__account-form" action="/sign-out" method="post" novalidate>' +
  `<input type="hidden" name="_csrf" value="${SIGN_OUT_TOKEN_MARK}">` +
  '<button class="nhsuk-header__account-button">Sign out</button></form>'

/** The header's account area: who is signed in, and a sign-out button (a form post; its CSRF token put in by the layout). */
function headerAccountFor(staff: StaffPrincipal) {
  return { items: [{ text: staff.name, icon: true }, { html: SIGN_OUT_FORM }] }
}

/** Anonymous: to the sign-in page (pages) or 401 (API). */
function refuseAnonymous(request: FastifyRequest, reply: FastifyReply) {
  if (wantsJson(request)) throw new UnauthorizedError()
  const comingBack = request.method === 'GET' || request.method === 'HEAD'
  const target = comingBack ? `/sign-in?next=${encodeURIComponent(request.url)}` : '/sign-in'
  return reply.redirect(target, comingBack ? 302 : 303)
}

/** Any signed-in staff member. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (!request.staff) return refuseAnonymous(request, reply)
}

/** A signed-in staff member with one of these roles. */
export function requireRole(...roles: StaffRole[]) {
  return async function requireRoleHook(request: FastifyRequest, reply: FastifyReply) {
    if (!request.staff) return refuseAnonymous(request, reply)
    if (!roles.includes(request.staff.role)) throw new ForbiddenError()
  }
}

/**
 * The programme team, or a system whose API token has a scope of the route
 * (src/plugins/app/api-scopes.ts). A token request goes on as the admin who
 * created the token, so changes name them; the audit log names the token too.
 */
export async function requireAdminOrToken(request: FastifyRequest, reply: FastifyReply) {
  const token = request.apiToken
  if (!token) return requireRole('admin')(request, reply)
  const needed = scopesFor(request)
  if (!needed.some((scope) => token.scopes.includes(scope)) || !token.createdBy) throw new InsufficientScopeError(needed)
  request.staff = { userId: token.createdBy, role: 'admin', coachId: null, name: `API token: ${token.name}` }
}

/** A signed-in staff member with a coach profile (every coach; an admin who also coaches). */
export async function requireCoach(request: FastifyRequest, reply: FastifyReply) {
  if (!request.staff) return refuseAnonymous(request, reply)
  if (request.staff.coachId === null) throw new ForbiddenError()
}

export default fp<AppOptions>(
  async (app, options) => {
    app.decorate('signInServices', {
      pool: app.pg.pool,
      clock: app.clock,
      audit: app.audit,
      secret: options.config.SESSION_SECRET,
    })
    app.decorateRequest('staff', null)
    app.decorateRequest('staffSessionId', null)
    app.decorateRequest('apiToken', null)

    // A system's API token: API routes only (a page never takes one), checked and audited at every use.
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
      if (!bearer || !looksLikeApiToken(bearer)) return
      const token = await useApiToken(app.pg.pool, hashApiToken(bearer), request.ip, app.clock.now())
      if (!token) throw new UnauthorizedError('This API token is not valid: it may have been revoked or have expired')
      request.apiToken = { id: token.id, name: token.name, scopes: token.scopes, createdBy: token.createdBy }
      await app.audit.record({
        actor: `token:${token.id}`,
        action: 'api_token.used',
        subjectType: 'api_token',
        subjectId: token.id,
        result: 'success',
        ip: request.ip,
        requestId: request.id,
        details: { method: request.method, route: request.routeOptions.url ?? 'unknown' },
      })
    })

    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (token === undefined || isStaticAsset(request)) return
      const owner = await resolveSession(app.signInServices, token)
      if (!owner) {
        clearSessionCookie(reply)
        return
      }
      const staff: StaffPrincipal = { userId: owner.userId, role: owner.role, coachId: owner.coachId, name: owner.name }
      request.staff = staff
      request.staffSessionId = owner.sessionId
      // Pages for a signed-in person are not kept by the browser or anything between.
      reply.header('cache-control', 'no-store')
      reply.locals ??= {}
      reply.locals.headerAccount = headerAccountFor(staff)
      // Made when a page reads it: an answer without the layout makes no token.
      Object.defineProperty(reply.locals, 'signOutToken', {
        enumerable: true,
        configurable: true,
        get: () => escapeHtml(reply.csrfToken()),
      })
      reply.locals.staff = staff
    })
  },
  { name: 'auth', dependencies: ['postgres', 'audit', 'cookie', 'csrf'] },
)
