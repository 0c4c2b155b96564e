import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { inTransaction } from '../../../repositories/db.js'
import { findStaffById } from '../../../repositories/staff.js'
import { NotFoundError } from '../../../domain/errors.js'
import { InvalidTwoFactorCodeError, TooManySignInAttemptsError } from '../../../domain/staff/errors.js'
import {
  enableTwoFactor,
  newTotpSecret,
  openSetUpSecret,
  replaceRecoveryCodesWithCode,
  sealSetUpSecret,
  setUpView,
  turnOffTwoFactor,
  twoFactorStatus,
} from '../../../domain/staff/two-factor-service.js'
import { formatDate } from '../../../domain/time/index.js'
import { errorsView } from '../../../http/error-summary.js'
import { homeFor } from '../../../http/staff-home.js'
import password from './password.js'

/**
 * /account/two-factor: a signed-in person's two-factor sign-in (access:
 * ./autohooks.ts). A coach may set it up (or turn it off again, unless a
 * programme of theirs requires it); anyone with it can make new recovery
 * codes. Changing it needs a current code (app or recovery), held to the
 * sign-in limits, so a session left open is not enough.
 *
 * The set-up form carries its new secret sealed (encrypted and bound to the
 * person, 30 minutes), so nothing is kept between the QR code and the code.
 */

const CodeForm = Type.Object(
  { code: Type.Optional(Type.String({ maxLength: 100 })), _csrf: Type.Optional(Type.String()) },
  { additionalProperties: false },
)
const SetUpForm = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 100 })),
    setUp: Type.Optional(Type.String({ maxLength: 2000 })),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

type FormName = 'recovery-codes' | 'turn-off'

const account: FastifyPluginAsyncTypebox = async (app) => {
  // Autoload loads only this file of the folder: the password pages are registered from here.
  await app.register(password)
  const services = app.deps
  const me = (request: FastifyRequest) => request.staff! // ./autohooks.ts let only signed-in people in

  async function renderStatus(
    request: FastifyRequest,
    reply: FastifyReply,
    statusCode = 200,
    problem?: { form: FormName; message: string },
  ) {
    const status = await twoFactorStatus(app.pg.pool, me(request).userId)
    const fieldId = problem ? `${problem.form}-code` : ''
    return reply.code(statusCode).view('pages/staff/two-factor.njk', {
      status: { ...status, enabledOn: status.enabledAt ? formatDate(status.enabledAt) : null },
      homeUrl: homeFor(me(request)),
      turnedOff: (request.query as { done?: string }).done === 'turned-off',
      ...errorsView(problem ? [{ field: fieldId, message: problem.message }] : []),
      problem,
    })
  }

  app.get(
    '/two-factor',
    { schema: { hide: true, querystring: Type.Object({ done: Type.Optional(Type.Literal('turned-off')) }) } },
    async (request, reply) => renderStatus(request, reply),
  )

  async function renderSetUp(request: FastifyRequest, reply: FastifyReply, totpSecret: string, statusCode = 200, error?: string) {
    const person = await findStaffById(app.pg.pool, me(request).userId)
    if (!person) throw new NotFoundError()
    return reply.code(statusCode).view('pages/staff/set-up-two-factor.njk', {
      ...(await setUpView(totpSecret, person.email)),
      action: '/account/two-factor/set-up',
      atSignIn: false,
      sealedSecret: sealSetUpSecret(totpSecret, person.id, app.clock.now(), services.secret),
      ...errorsView(error ? [{ field: 'code', message: error }] : []),
      codeError: error,
    })
  }

  app.get('/two-factor/set-up', { schema: { hide: true } }, async (request, reply) => {
    const status = await twoFactorStatus(app.pg.pool, me(request).userId)
    if (status.enabled) return reply.redirect('/account/two-factor', 303)
    return renderSetUp(request, reply, newTotpSecret())
  })

  app.post('/two-factor/set-up', { schema: { hide: true, body: SetUpForm } }, async (request, reply) => {
    const person = me(request)
    if ((await twoFactorStatus(app.pg.pool, person.userId)).enabled) return reply.redirect('/account/two-factor', 303)
    const totpSecret = openSetUpSecret(request.body.setUp ?? '', person.userId, app.clock.now(), services.secret)
    // The form was too old (or not this person's): start again with a new key.
    if (!totpSecret) return renderSetUp(request, reply, newTotpSecret(), 400, 'This page timed out. Add the new key below to your app, then enter its code')
    const code = (request.body.code ?? '').trim()
    if (code === '') return renderSetUp(request, reply, totpSecret, 400, 'Enter the 6-digit code from your authenticator app')
    try {
      const recoveryCodes = await inTransaction(app.pg.pool, (client) =>
        enableTwoFactor(services, client, { staffUserId: person.userId, secret: totpSecret, code, ip: request.ip, requestId: request.id }),
      )
      reply.header('cache-control', 'no-store')
      return reply.view('pages/staff/recovery-codes.njk', {
        heading: 'Two-factor sign-in is set up',
        recoveryCodes,
        continueUrl: '/account/two-factor',
      })
    } catch (error) {
      if (error instanceof InvalidTwoFactorCodeError) return renderSetUp(request, reply, totpSecret, 400, error.message)
      throw error
    }
  })

  app.post('/two-factor/recovery-codes', { schema: { hide: true, body: CodeForm } }, async (request, reply) => {
    const code = (request.body.code ?? '').trim()
    if (code === '') {
      return renderStatus(request, reply, 400, { form: 'recovery-codes', message: 'Enter a code from your authenticator app, or a recovery code' })
    }
    try {
      const recoveryCodes = await replaceRecoveryCodesWithCode(services, {
        staffUserId: me(request).userId,
        code,
        ip: request.ip,
        requestId: request.id,
      })
      reply.header('cache-control', 'no-store')
      return reply.view('pages/staff/recovery-codes.njk', {
        heading: 'Your new recovery codes',
        recoveryCodes,
        continueUrl: '/account/two-factor',
      })
    } catch (error) {
      if (error instanceof InvalidTwoFactorCodeError || error instanceof TooManySignInAttemptsError) {
        return renderStatus(request, reply, error.status, { form: 'recovery-codes', message: error.message })
      }
      throw error
    }
  })

  app.post('/two-factor/turn-off', { schema: { hide: true, body: CodeForm } }, async (request, reply) => {
    const code = (request.body.code ?? '').trim()
    if (code === '') {
      return renderStatus(request, reply, 400, { form: 'turn-off', message: 'Enter a code from your authenticator app, or a recovery code' })
    }
    try {
      await turnOffTwoFactor(services, { staffUserId: me(request).userId, code, ip: request.ip, requestId: request.id })
      return reply.redirect('/account/two-factor?done=turned-off', 303)
    } catch (error) {
      if (error instanceof InvalidTwoFactorCodeError || error instanceof TooManySignInAttemptsError) {
        return renderStatus(request, reply, error.status, { form: 'turn-off', message: error.message })
      }
      throw error
    }
  })
}

export default account
