/**
 * The join journey's first questions: who they are and how to reach them.
 *   /waitlist/:programme/details       full name, email, phone
 *   /waitlist/:programme/contact       phone or video
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { checkContactAnswer, checkDetailsAnswer, fieldError } from '../../../domain/booking-journey/index.js'
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
  app.get('/:programme/contact', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    return render(reply, page.programme, 'contact', [], { values: { contactMethod: page.state.contactMethod }, knownPhone: page.state.phone })
  })
  app.post('/:programme/contact', { schema: { hide: true, params: ProgrammeParams, body: Form({ contactMethod: field(), phone: field() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'contact')
    if (!page) return reply
    const { programme, state } = page
    const answer = checkContactAnswer(request.body, state.phone ?? null)
    if (!answer.ok) return render(reply, programme, 'contact', answer.errors, { values: request.body, knownPhone: state.phone })
    return next(reply, programme, { ...state, contactMethod: answer.value.contactMethod, phone: answer.value.phone ?? state.phone ?? null })
  })
}

export default yourDetailsPages
