import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { JOURNEY_MESSAGES, SealedStateTooLargeError, checkContactAnswer, fieldError, nextStep, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import { ACCESSIBILITY_NEEDS_MAX_LENGTH } from '../../../domain/booking/rules.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView } from '../../../http/candidate-pages.js'

/** How you want to talk (phone or video) and any accessibility needs: /book/:programme/contact. */
export const howToTalkPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { journey, stepPath, openStep, render, goTo, common } = steps

  function renderContact(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[], values?: Record<string, string | undefined>) {
    return render(reply, 'contact', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'contact'),
      values: values ?? {
        contactMethod: state.contactMethod ?? '',
        phone: '',
        accessibilityNeeds: state.accessibilityNeeds ?? '',
      },
      knownPhone: state.phone,
      accessibilityNeedsMaxLength: ACCESSIBILITY_NEEDS_MAX_LENGTH,
      backLink: { href: stepPath(programme, 'details') },
    })
  }

  app.get('/:programme/contact', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    const { programme, state } = page
    return renderContact(reply, programme, state, [])
  })

  app.post(
    '/:programme/contact',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ contactMethod: field(), phone: field(), accessibilityNeeds: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'contact')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkContactAnswer(request.body, state.phone)
      if (!answer.ok) return renderContact(reply, programme, state, answer.errors, request.body)
      const next: JourneyState = {
        ...state,
        contactMethod: answer.value.contactMethod,
        phone: answer.value.phone ?? state.phone,
        accessibilityNeeds: answer.value.accessibilityNeeds,
      }
      try {
        journey.write(reply, next)
      } catch (error) {
        if (!(error instanceof SealedStateTooLargeError)) throw error
        return renderContact(reply, programme, state, [fieldError('accessibilityNeeds', JOURNEY_MESSAGES.accessibilityTooLarge)], request.body)
      }
      return goTo(reply, programme, nextStep(next, 'contact'))
    },
  )
}
