import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { ValidationError } from '../../../domain/errors.js'
import { changeOwnPassword } from '../../../domain/staff/accounts.js'
import { TooManySignInAttemptsError } from '../../../domain/staff/errors.js'
import { MINIMUM_PASSWORD_LENGTH } from '../../../domain/staff/password-policy.js'
import type { FieldProblem } from '../../../domain/errors.js'
import { errorsView } from '../../../http/error-summary.js'
import { homeFor } from '../../../http/staff-home.js'

/**
 * /account/password: a signed-in person changes their own password (access:
 * ./autohooks.ts). The current password first, held to the sign-in limits;
 * every other session of theirs ends, this one stays.
 */

const PasswordForm = Type.Object(
  {
    currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
    newPassword: Type.Optional(Type.String({ maxLength: 1000 })),
    _csrf: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

const password: FastifyPluginAsyncTypebox = async (app) => {
  const services = app.deps

  function render(reply: FastifyReply, homeUrl: string, options: { statusCode?: number; problems?: FieldProblem[]; changed?: boolean } = {}) {
    return reply.code(options.statusCode ?? 200).view('pages/staff/change-password.njk', {
      homeUrl,
      minimumLength: MINIMUM_PASSWORD_LENGTH,
      changed: options.changed ?? false,
      ...errorsView(options.problems ?? []),
    })
  }

  app.get(
    '/password',
    { schema: { hide: true, querystring: Type.Object({ done: Type.Optional(Type.Literal('changed')) }) } },
    async (request, reply) => render(reply, homeFor(request.staff!), { changed: request.query.done === 'changed' }),
  )

  app.post('/password', { schema: { hide: true, body: PasswordForm } }, async (request, reply) => {
    const staff = request.staff! // ./autohooks.ts let only signed-in people in
    const currentPassword = request.body.currentPassword ?? ''
    const newPassword = request.body.newPassword ?? ''
    if (currentPassword === '') {
      const problems = [{ field: 'currentPassword', message: 'Enter your current password' }]
      if (newPassword === '') problems.push({ field: 'newPassword', message: 'Enter a new password' })
      return render(reply, homeFor(staff), { statusCode: 400, problems })
    }
    try {
      await changeOwnPassword(services, {
        staffUserId: staff.userId,
        currentPassword,
        newPassword,
        keepSessionId: request.staffSessionId!,
        ip: request.ip,
        requestId: request.id,
      })
      return reply.redirect('/account/password?done=changed', 303)
    } catch (error) {
      if (error instanceof ValidationError) return render(reply, homeFor(staff), { statusCode: 400, problems: error.fields })
      if (error instanceof TooManySignInAttemptsError) {
        return render(reply, homeFor(staff), { statusCode: 429, problems: [{ field: 'currentPassword', message: error.message }] })
      }
      throw error
    }
  })
}

export default password
