import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  InvalidTwoFactorCodeError,
  PendingSignInMissingError,
  TooManySignInAttemptsError,
} from '../../../domain/staff/errors.js'
import { SESSION_COOKIE } from '../../../domain/staff/sessions.js'
import {
  PENDING_SIGN_IN_COOKIE,
  completeSignInWithCode,
  completeTwoFactorSetUp,
  findOpenPendingSignIn,
  pendingSetUpView,
} from '../../../domain/staff/sign-in.js'
import { setSessionCookie } from '../../../plugins/app/auth.js'
import { errorsView } from '../../../http/error-summary.js'
import { homeFor } from '../../../http/staff-home.js'
import { clearPendingSignInCookie } from './support.js'

/**
 * The second sign-in step, after a right password (../sign-in.ts opened a
 * pending sign-in and set its cookie, path /sign-in):
 *
 *   /sign-in/code                 the 6-digit code from the authenticator app
 *   /sign-in/recovery-code        or one of the recovery codes instead
 *   /sign-in/set-up-two-factor    someone who must use two-factor and has not
 *                                 set it up: QR code and key, then a code,
 *                                 then their recovery codes, shown once
 *
 * Without a live pending sign-in (15 minutes, this browser's) each sends the
 * person back to /sign-in. Wrong codes count towards the sign-in limits.
 */
export const autoPrefix = '/sign-in'

const CodeForm = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 100 })),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

type Mode = 'code' | 'recovery'

const signInSteps: FastifyPluginAsyncTypebox = async (app) => {
  const pendingOf = (request: FastifyRequest) => findOpenPendingSignIn(app.signInServices, request.cookies[PENDING_SIGN_IN_COOKIE])

  /** Back to the start, saying it timed out (and forgetting the cookie). */
  function startAgain(reply: FastifyReply) {
    clearPendingSignInCookie(reply)
    return reply.redirect('/sign-in?expired=true', 303)
  }

  function renderCode(reply: FastifyReply, mode: Mode, statusCode: number, error?: string) {
    const field = mode === 'code' ? 'code' : 'recovery-code'
    return reply.code(statusCode).view('pages/staff/sign-in-code.njk', {
      mode,
      ...errorsView(error ? [{ field, message: error }] : []),
      codeError: error,
    })
  }

  for (const mode of ['code', 'recovery'] as const) {
    const path = mode === 'code' ? '/code' : '/recovery-code'

    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const pending = await pendingOf(request)
      if (!pending) return startAgain(reply)
      if (pending.stage === 'set_up') return reply.redirect('/sign-in/set-up-two-factor', 303)
      return renderCode(reply, mode, 200)
    })

    app.post(
      path,
      { onRequest: app.limits.perAddress(app.limits.rules.signInRequests), schema: { hide: true, body: CodeForm } },
      async (request, reply) => {
        const code = (request.body.code ?? '').trim()
        if (code === '') {
          if (!(await pendingOf(request))) return startAgain(reply)
          return renderCode(reply, mode, 400, mode === 'code' ? 'Enter the 6-digit code from your authenticator app' : 'Enter a recovery code')
        }
        try {
          const signedIn = await completeSignInWithCode(app.signInServices, codeAttempt(request, code))
          clearPendingSignInCookie(reply)
          setSessionCookie(reply, signedIn.token)
          // Few recovery codes left: to the page that makes new ones.
          if (signedIn.recoveryCodesLeft !== null && signedIn.recoveryCodesLeft <= 3) {
            return reply.redirect('/account/two-factor', 303)
          }
          return reply.redirect(signedIn.nextPath ?? homeFor(signedIn.staff), 303)
        } catch (error) {
          if (error instanceof PendingSignInMissingError) return startAgain(reply)
          if (error instanceof InvalidTwoFactorCodeError || error instanceof TooManySignInAttemptsError) {
            return renderCode(reply, mode, error.status, error.message)
          }
          throw error
        }
      },
    )
  }

  /** A code typed at sign-in, with the browser's pending sign-in and the session it may replace. */
  function codeAttempt(request: FastifyRequest, code: string) {
    return {
      pendingToken: request.cookies[PENDING_SIGN_IN_COOKIE],
      code,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
      previousToken: request.cookies[SESSION_COOKIE] ?? null,
    }
  }

  async function renderSetUp(request: FastifyRequest, reply: FastifyReply, statusCode: number, error?: string) {
    const pending = await pendingOf(request)
    if (!pending) return startAgain(reply)
    if (pending.stage !== 'set_up') return reply.redirect('/sign-in/code', 303)
    return reply.code(statusCode).view('pages/staff/set-up-two-factor.njk', {
      ...(await pendingSetUpView(app.signInServices, pending)),
      action: '/sign-in/set-up-two-factor',
      atSignIn: true,
      ...errorsView(error ? [{ field: 'code', message: error }] : []),
      codeError: error,
    })
  }

  app.get('/set-up-two-factor', { schema: { hide: true } }, async (request, reply) => renderSetUp(request, reply, 200))

  app.post(
    '/set-up-two-factor',
    { onRequest: app.limits.perAddress(app.limits.rules.signInRequests), schema: { hide: true, body: CodeForm } },
    async (request, reply) => {
      const code = (request.body.code ?? '').trim()
      if (code === '') return renderSetUp(request, reply, 400, 'Enter the 6-digit code from your authenticator app')
      try {
        const done = await completeTwoFactorSetUp(app.signInServices, codeAttempt(request, code))
        clearPendingSignInCookie(reply)
        setSessionCookie(reply, done.token)
        // Shown once, in this answer; never stored in clear, never cached.
        reply.header('cache-control', 'no-store')
        return reply.view('pages/staff/recovery-codes.njk', {
          heading: 'Two-factor sign-in is set up',
          recoveryCodes: done.recoveryCodes,
          continueUrl: done.nextPath ?? homeFor(done.staff),
        })
      } catch (error) {
        if (error instanceof PendingSignInMissingError) return startAgain(reply)
        if (error instanceof InvalidTwoFactorCodeError) return renderSetUp(request, reply, 400, error.message)
        throw error
      }
    },
  )
}

export default signInSteps
