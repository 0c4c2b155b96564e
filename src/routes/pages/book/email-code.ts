import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { fieldError, nextStep, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import { requireProgramme } from '../../../domain/booking/service/programme.js'
import { EMAIL_CODE_MINUTES, EmailNotProvenError, proveEmail, requestEmailCode } from '../../../domain/email-proof/index.js'
import { TooManyRequestsError } from '../../../domain/limits/index.js'
import { Form, ProgrammeParams, field, type JourneySteps, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView, visitorOf } from '../../../http/candidate-pages.js'

/** Sends a code to the journey's address: the journey with the code's id, not yet proven. */
export async function sendEmailCode(deps: JourneySteps['deps'], request: FastifyRequest, programme: ProgrammePage, state: JourneyState): Promise<JourneyState> {
  const bookable = await requireProgramme(deps.pool, programme.slug)
  const { codeId } = await requestEmailCode(deps, { programme: bookable, email: state.email!, invited: false, context: visitorOf(request) })
  return { ...state, emailCodeId: codeId, emailCodeFor: state.email, emailCode: null }
}

/**
 * The code that proves their email address (programmes that ask for it):
 * /book/:programme/email-code, and "send the code again". Your details sends
 * the first code.
 */
export const emailCodePages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, journey, stepPath, openStep, render, goTo, common } = steps

  function renderEmailCode(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], sentAgain = false) {
    return render(reply, 'email-code', errors.length > 0 ? (reply.statusCode === 200 ? 400 : reply.statusCode) : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'email-code'),
      resendAction: `${stepPath(programme, 'email-code')}/resend`,
      changeEmailHref: stepPath(programme, 'details'),
      email: state.email,
      minutes: EMAIL_CODE_MINUTES,
      sentAgain,
      backLink: { href: stepPath(programme, 'details') },
    })
  }

  app.get(
    '/:programme/email-code',
    { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ sent: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      if (!state.emailCodeNeeded) return goTo(reply, programme, nextStep(state, 'email-code'))
      return renderEmailCode(reply, programme, state, [], request.query.sent === 'again')
    },
  )

  app.post(
    '/:programme/email-code',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({ code: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      const code = (request.body.code ?? '').replace(/\s/g, '')
      if (code === '') return renderEmailCode(reply, programme, state, [fieldError('code', 'Enter the code we emailed you')])
      if (!/^\d{6}$/.test(code)) return renderEmailCode(reply, programme, state, [fieldError('code', 'The code is 6 numbers, like 123456')])
      try {
        await proveEmail(deps, { programmeId: programme.id, email: state.email!, codeId: state.emailCodeId, code })
      } catch (error) {
        if (!(error instanceof EmailNotProvenError)) throw error
        return renderEmailCode(reply, programme, state, [fieldError('code', error.message)])
      }
      const next: JourneyState = { ...state, emailCode: { codeId: state.emailCodeId!, code }, emailCodeFor: state.email }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'email-code'))
    },
  )

  app.post(
    '/:programme/email-code/resend',
    { onRequest: anonymousWrites, schema: { hide: true, params: ProgrammeParams, body: Form({}) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'email-code')
      if (!page) return reply
      const { programme, state } = page
      try {
        const next = await sendEmailCode(deps, request, programme, state)
        journey.write(reply, next)
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error
        reply.header('retry-after', String(error.retryAfterSeconds))
        return renderEmailCode(reply.code(429), programme, state, [fieldError('code', error.message)])
      }
      return reply.redirect(`${stepPath(programme, 'email-code')}?sent=again`, 303)
    },
  )
}
