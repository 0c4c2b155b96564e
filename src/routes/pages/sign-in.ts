import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { InvalidCredentialsError, TooManySignInAttemptsError } from '../../domain/staff/errors.js'
import { safeNextPath } from '../../domain/staff/next-path.js'
import { SESSION_COOKIE } from '../../domain/staff/sessions.js'
import { PENDING_SIGN_IN_COOKIE, beginSignIn, signOut, signOutEverywhere } from '../../domain/staff/sign-in.js'
import { CsrfError } from '../../plugins/external/csrf.js'
import { clearSessionCookie, requireStaff, setSessionCookie } from '../../plugins/app/auth.js'
import { homeFor } from '../../http/staff-home.js'
import { clearPendingSignInCookie, setPendingSignInCookie } from './sign-in-steps/support.js'

/**
 * Staff sign-in and sign-out pages. Candidates never sign in: they use the
 * link in their email. With two-factor, a right password leads on to
 * /sign-in/code or /sign-in/set-up-two-factor (./sign-in-steps).
 */

interface SignInView {
  email?: string
  next?: string
  emailError?: string
  passwordError?: string
  /** The second step timed out (or was finished in another tab): say so. */
  expired?: boolean
}

function renderSignIn(reply: FastifyReply, statusCode: number, view: SignInView) {
  const errorList = [
    view.emailError && { text: view.emailError, href: '#email' },
    view.passwordError && { text: view.passwordError, href: '#password' },
  ].filter(Boolean)
  // Nothing that was typed into the password field is ever sent back.
  return reply.code(statusCode).view('pages/staff/sign-in.njk', {
    values: { email: view.email ?? '' },
    next: view.next,
    errorList,
    emailError: view.emailError,
    passwordError: view.passwordError,
    expired: view.expired === true && errorList.length === 0,
  })
}

const SignInQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  expired: Type.Optional(Type.Boolean()),
})
const SignInForm = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 320 })),
    password: Type.Optional(Type.String({ maxLength: 1024 })),
    next: Type.Optional(Type.String({ maxLength: 2000 })),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

const signInPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sign-in', { schema: { hide: true, querystring: SignInQuery } }, async (request, reply) => {
    const next = safeNextPath(request.query.next)
    if (request.staff) return reply.redirect(next ?? homeFor(request.staff), 303)
    return renderSignIn(reply, 200, { next, expired: request.query.expired })
  })

  app.post(
    '/sign-in',
    { onRequest: app.limits.perAddress(app.limits.rules.signInRequests), schema: { hide: true, body: SignInForm } },
    async (request, reply) => {
      const email = (request.body.email ?? '').trim()
      const password = request.body.password ?? ''
      const next = safeNextPath(request.body.next)
      if (email === '' || password === '') {
        return renderSignIn(reply, 400, {
          email,
          next,
          emailError: email === '' ? 'Enter your email address' : undefined,
          passwordError: password === '' ? 'Enter your password' : undefined,
        })
      }
      try {
        const began = await beginSignIn(app.signInServices, {
          email,
          password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
          previousToken: request.cookies[SESSION_COOKIE] ?? null,
          previousPendingToken: request.cookies[PENDING_SIGN_IN_COOKIE] ?? null,
          nextPath: next ?? null,
        })
        if (began.next === 'signed-in') {
          clearPendingSignInCookie(reply)
          setSessionCookie(reply, began.signedIn.token)
          return reply.redirect(next ?? homeFor(began.signedIn.staff), 303)
        }
        // The password was right; the second step is on the next page.
        setPendingSignInCookie(reply, began.pendingToken)
        return reply.redirect(began.next === 'code' ? '/sign-in/code' : '/sign-in/set-up-two-factor', 303)
      } catch (error) {
        if (error instanceof InvalidCredentialsError || error instanceof TooManySignInAttemptsError) {
          // One message by the summary and the email field: it says nothing of which was wrong.
          return renderSignIn(reply, error.status, { email, next, emailError: error.message })
        }
        throw error
      }
    },
  )

  app.post(
    '/sign-out',
    {
      // Checked below, only when someone is signed in: signing out a browser
      // whose session has already ended needs no proof and should not fail.
      config: { csrf: false },
      // The form's only field is `_csrf`, which the CSRF check reads.
      schema: { hide: true },
    },
    async (request, reply) => {
      if (request.staff && !app.hasValidCsrfToken(request, reply)) throw new CsrfError()
      await signOut(app.signInServices, request.cookies[SESSION_COOKIE], { ip: request.ip, requestId: request.id })
      clearSessionCookie(reply)
      return reply.redirect('/signed-out', 303)
    },
  )

  app.post(
    '/sign-out-everywhere',
    {
      onRequest: requireStaff,
      schema: { hide: true },
    },
    async (request, reply) => {
      await signOutEverywhere(app.signInServices, request.staff!.userId, { ip: request.ip, requestId: request.id })
      clearSessionCookie(reply)
      return reply.redirect('/signed-out?everywhere=true', 303)
    },
  )

  app.get(
    '/signed-out',
    { schema: { hide: true, querystring: Type.Object({ everywhere: Type.Optional(Type.Boolean()) }) } },
    async (request, reply) => reply.view('pages/staff/signed-out.njk', { everywhere: request.query.everywhere === true }),
  )
}

export default signInPages
