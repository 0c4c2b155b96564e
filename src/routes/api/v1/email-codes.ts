import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireProgramme } from '../../../domain/booking/service/programme.js'
import { requestEmailCode } from '../../../domain/email-proof/index.js'
import { EmailCodeBody, EmailCodeReply } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'

/**
 * Proof of the email address before booking (programmes with `asksEmailCode`):
 * a 6-digit code is emailed to the address, valid 15 minutes and 5 tries; book
 * with `emailCode: { codeId, code }`.
 */
const emailCodes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.post(
    '/email-codes',
    {
      schema: {
        tags: ['booking'],
        summary: 'Email a code that proves the candidate reads this address',
        description:
          'Answers 202 with the code\'s id whether or not a code was sent: over the address\'s few codes an hour ' +
          'nothing is sent, and the answer says nothing about the address. 403 not_eligible when the programme is ' +
          'not for this address; 429 too_many_requests, with Retry-After, when your network has asked for too many.',
        body: EmailCodeBody,
        response: { 202: EmailCodeReply, 400: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
      onRequest: app.limits.perAddress(app.limits.rules.anonymousWrites),
    },
    async (request, reply) => {
      const { codeId } = await inFieldContext('body', async () => {
        const programme = await requireProgramme(deps.pool, request.body.programme)
        return requestEmailCode(deps, {
          programme,
          email: request.body.email,
          invited: false,
          context: { ip: request.ip, requestId: request.id },
        })
      })
      reply.code(202)
      return { codeId }
    },
  )
}

export default emailCodes
