import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { checkInformationAnswer, nextStep, retentionPeriodText, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import { CONSENT_NOTICE_VERSION } from '../../../domain/booking/rules.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView } from '../../../http/candidate-pages.js'

/** What happens to your information, acknowledged: /book/:programme/information. */
export const yourInformationPages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { journey, stepPath, openStep, render, goTo, common } = steps

  function renderInformation(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, errors: FieldError[]) {
    return render(reply, 'information', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      formAction: stepPath(programme, 'information'),
      retention: retentionPeriodText(programme.retentionMonths),
      noticeVersion: CONSENT_NOTICE_VERSION,
      consent: state.consent,
      backLink: { href: stepPath(programme, 'contact') },
    })
  }

  app.get('/:programme/information', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    const { programme, state } = page
    return renderInformation(reply, programme, state, [])
  })

  app.post(
    '/:programme/information',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ consent: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'information')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkInformationAnswer(request.body)
      if (!answer.ok) return renderInformation(reply, programme, { ...state, consent: false }, answer.errors)
      const next: JourneyState = { ...state, consent: true }
      journey.write(reply, next)
      return goTo(reply, programme, nextStep(next, 'information'))
    },
  )
}
