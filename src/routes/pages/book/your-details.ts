import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { checkDetailsAnswer, fieldError, nextStep, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import type { WhoMayBook } from '../../../domain/booking/types.js'
import { eligibilityProblem } from '../../../domain/booking/who-may-book.js'
import { TooManyRequestsError } from '../../../domain/limits/index.js'
import { sendEmailCode } from './email-code.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView } from '../../../http/candidate-pages.js'

/** Your details (full name, email, phone): /book/:programme/details; sends the email code when the programme asks for one. */
export const yourDetailsPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { deps, journey, stepPath, openStep, render, goTo, common } = steps

  function renderDetails(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], values?: Record<string, string | undefined>) {
    return render(reply, 'details', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'details'),
      values: values ?? { name: state.name ?? '', email: state.email ?? '', phone: state.phone ?? '' },
      backLink: { href: stepPath(programme, 'time') },
    })
  }

  app.get('/:programme/details', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    const { programme, state } = page
    return renderDetails(reply, programme, state, [])
  })

  app.post(
    '/:programme/details',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ name: field(), email: field(), phone: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'details')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkDetailsAnswer(request.body)
      if (!answer.ok) return renderDetails(reply, programme, state, answer.errors, request.body)
      const access = { whoMayBook: programme.whoMayBook as WhoMayBook, emailDomains: programme.emailDomains, asksEmailCode: programme.asksEmailCode, liveBookingsPerEmail: 1 }
      const notEligible = eligibilityProblem(access, { email: answer.value.email, invited: state.invitation !== null })
      if (notEligible) return renderDetails(reply, programme, state, [fieldError('email', notEligible)], request.body)
      let next: JourneyState = { ...state, ...answer.value }
      if (next.emailCodeNeeded && (next.emailCodeFor !== next.email || !next.emailCodeId)) {
        try {
          next = await sendEmailCode(deps, request, programme, next)
        } catch (error) {
          if (!(error instanceof TooManyRequestsError)) throw error
          reply.header('retry-after', String(error.retryAfterSeconds))
          return renderDetails(reply.code(429), programme, state, [fieldError('email', error.message)], request.body)
        }
      }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'details'))
    },
  )
}
