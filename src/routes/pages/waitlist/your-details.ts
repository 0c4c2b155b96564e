/**
 * The join journey's first questions: who they are and how to reach them.
 *   /waitlist/:programme/details       full name, email, phone
 *   /waitlist/:programme/contact       phone or video, and what would help them take part
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { JOURNEY_MESSAGES, SealedStateTooLargeError, checkContactAnswer, checkDetailsAnswer, fieldError } from '../../../domain/booking-journey/index.js'
import { ACCESSIBILITY_NEEDS_MAX_LENGTH } from '../../../domain/booking/rules.js'
import { eligibilityProblem } from '../../../domain/booking/who-may-book.js'
import type { WaitlistJourney } from '../../../http/waitlist-journey.js'
import { Form, ProgrammeParams, field, joinSteps } from './join-step.js'

const yourDetailsPages: FastifyPluginAsyncTypebox = async (app) => {
  const { openStep, render, next } = joinSteps(app)

  // ---- details -------------------------------------------------------------------------------
  const detailsView = (state: WaitlistJourney, values?: Record<string, unknown>) => ({
    values: values ?? { name: state.name ?? state.prefill?.name, email: state.email ?? state.prefill?.email, phone: state.phone ?? state.prefill?.phone },
  })
  app.get('/:programme/details', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    return render(reply, page.programme, 'details', [], detailsView(page.state))
  })
  app.post('/:programme/details', { schema: { hide: true, params: ProgrammeParams, body: Form({ name: field(), email: field(), phone: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'details')
    if (!page) return reply
    const { programme, state } = page
    const answer = checkDetailsAnswer(request.body)
    if (!answer.ok) return render(reply, programme, 'details', answer.errors, detailsView(state, request.body))
    // Who may book, said where the address is given (an invitation always may).
    const problem = eligibilityProblem(programme.access, { email: answer.value.email, invited: state.invitation !== null })
    if (problem) return render(reply, programme, 'details', [fieldError('email', problem)], detailsView(state, request.body))
    return next(reply, programme, { ...state, ...answer.value, codeId: answer.value.email === state.email ? state.codeId : null })
  })

  // ---- contact -------------------------------------------------------------------------------
  // How they want to talk, and what would help them take part: the booking journey's questions, with its words.
  const contactView = (state: WaitlistJourney, values: Record<string, unknown>) => ({
    values,
    knownPhone: state.phone,
    accessibilityNeedsMaxLength: ACCESSIBILITY_NEEDS_MAX_LENGTH,
  })
  app.get('/:programme/contact', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    const { state } = page
    return render(reply, page.programme, 'contact', [], contactView(state, { contactMethod: state.contactMethod, accessibilityNeeds: state.accessibilityNeeds }))
  })
  app.post(
    '/:programme/contact',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ contactMethod: field(), phone: field(), accessibilityNeeds: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply, 'contact')
      if (!page) return reply
      const { programme, state } = page
      const answer = checkContactAnswer(request.body, state.phone ?? null)
      if (!answer.ok) return render(reply, programme, 'contact', answer.errors, contactView(state, request.body))
      const { contactMethod, phone, accessibilityNeeds } = answer.value
      try {
        return next(reply, programme, { ...state, contactMethod, phone: phone ?? state.phone ?? null, accessibilityNeeds })
      } catch (error) {
        // The answers are kept in a cookie: a long answer in many-byte letters may not fit, as on the booking journey.
        if (!(error instanceof SealedStateTooLargeError)) throw error
        return render(reply, programme, 'contact', [fieldError('accessibilityNeeds', JOURNEY_MESSAGES.accessibilityTooLarge)], contactView(state, request.body))
      }
    },
  )
}

export default yourDetailsPages
