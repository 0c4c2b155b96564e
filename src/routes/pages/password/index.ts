import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { isEmailAddress } from '../../../domain/booking/rules.js'
import { ValidationError } from '../../../domain/errors.js'
import { MINIMUM_PASSWORD_LENGTH } from '../../../domain/staff/password-policy.js'
import {
  PasswordLinkUnusableError,
  RESET_LINK_MS,
  findPasswordLink,
  requestPasswordReset,
  setPasswordWithLink,
} from '../../../domain/staff/password-links.js'
import type { PasswordLinkPurpose } from '../../../repositories/staff-password-links.js'
import { errorsView } from '../../../http/error-summary.js'

/**
 * Forgotten passwords and first passwords (anyone may use these pages):
 *
 *   /password/forgotten          email address → always the same answer
 *   /password/forgotten/sent     "if there is an account, we have sent a link"
 *   /password/reset/:token       the link in the email: choose a password
 *   /password/changed            done: sign in
 *
 * The rules, limits and links are in src/domain/staff/password-links.ts.
 * The token is in the path (the logger masks `/reset/<token>`); the
 * Referrer-Policy (same-origin) keeps it from other sites.
 */

const EmailForm = Type.Object(
  { email: Type.Optional(Type.String({ maxLength: 1000 })), _csrf: Type.Optional(Type.String()) },
  { additionalProperties: false },
)
const PasswordForm = Type.Object(
  { password: Type.Optional(Type.String({ maxLength: 1024 })), _csrf: Type.Optional(Type.String()) },
  { additionalProperties: false },
)
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) })

const passwordPages: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps

  function renderForgotten(reply: FastifyReply, statusCode: number, email = '', error?: string) {
    return reply.code(statusCode).view('pages/staff/forgotten-password.njk', {
      values: { email },
      ...errorsView(error ? [{ field: 'email', message: error }] : []),
      emailError: error,
    })
  }

  app.get('/forgotten', { schema: { hide: true } }, async (_request, reply) => renderForgotten(reply, 200))

  app.post(
    '/forgotten',
    // Flood protection per address; the limits per account and address are in the domain (and invisible).
    { onRequest: app.limits.perAddress(app.limits.rules.signInRequests), schema: { hide: true, body: EmailForm } },
    async (request, reply) => {
      const email = (request.body.email ?? '').trim()
      if (email === '') return renderForgotten(reply, 400, email, 'Enter your email address')
      if (email.length > 320 || !isEmailAddress(email)) {
        return renderForgotten(reply, 400, email, 'Enter an email address in the correct format, like name@example.nhs.uk')
      }
      await requestPasswordReset(services, { email, ip: request.ip, requestId: request.id })
      return reply.redirect('/password/forgotten/sent', 303)
    },
  )

  app.get('/forgotten/sent', { schema: { hide: true } }, async (_request, reply) =>
    reply.view('pages/staff/reset-link-sent.njk', { linkHours: RESET_LINK_MS / 3_600_000 }),
  )

  function renderLinkProblem(reply: FastifyReply) {
    return reply.code(404).view('pages/staff/password-link-problem.njk', {})
  }

  function renderChoose(reply: FastifyReply, token: string, purpose: PasswordLinkPurpose, statusCode = 200, error?: string) {
    reply.header('cache-control', 'no-store')
    return reply.code(statusCode).view('pages/staff/choose-password.njk', {
      action: `/password/reset/${encodeURIComponent(token)}`,
      firstPassword: purpose === 'new_account',
      minimumLength: MINIMUM_PASSWORD_LENGTH,
      ...errorsView(error ? [{ field: 'password', message: error }] : []),
      passwordError: error,
    })
  }

  app.get('/reset/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const link = await findPasswordLink(services, request.params.token)
    if (!link) return renderLinkProblem(reply)
    return renderChoose(reply, request.params.token, link.purpose)
  })

  app.post(
    '/reset/:token',
    { onRequest: app.limits.perAddress(app.limits.rules.signInRequests), schema: { hide: true, params: TokenParams, body: PasswordForm } },
    async (request, reply) => {
      const link = await findPasswordLink(services, request.params.token)
      if (!link) return renderLinkProblem(reply)
      const password = request.body.password ?? ''
      try {
        const done = await setPasswordWithLink(services, { token: request.params.token, password, ip: request.ip, requestId: request.id })
        return reply.redirect(`/password/changed${done.purpose === 'new_account' ? '?first=true' : ''}`, 303)
      } catch (error) {
        if (error instanceof PasswordLinkUnusableError) return renderLinkProblem(reply)
        if (error instanceof ValidationError) return renderChoose(reply, request.params.token, link.purpose, 400, error.message)
        throw error
      }
    },
  )

  app.get(
    '/changed',
    { schema: { hide: true, querystring: Type.Object({ first: Type.Optional(Type.Boolean()) }) } },
    async (request, reply) => reply.view('pages/staff/password-changed.njk', { firstPassword: request.query.first === true }),
  )
}

export default passwordPages
