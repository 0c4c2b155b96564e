/**
 * /waitlist/:programme/information: what happens to their information (kept
 * for the programme's retention period), acknowledged before they check their
 * answers.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { checkInformationAnswer, retentionPeriodText } from '../../../domain/booking-journey/index.js'
import type { BookableProgramme } from '../../../domain/booking/types.js'
import { findProgrammeRecordSettings } from '../../../repositories/programmes.js'
import { Form, ProgrammeParams, joinSteps, listField } from './join-step.js'

const informationPage: FastifyPluginAsyncTypebox = async (app) => {
  const { openStep, render, next } = joinSteps(app)

  const informationView = async (programme: BookableProgramme, consent: boolean) => ({
    consent,
    retention: retentionPeriodText((await findProgrammeRecordSettings(app.pg.pool, programme.id))?.retentionMonths ?? 24),
  })
  app.get('/:programme/information', { schema: { hide: true, params: ProgrammeParams } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    return render(reply, page.programme, 'information', [], await informationView(page.programme, page.state.consent === true))
  })
  app.post('/:programme/information', { schema: { hide: true, params: ProgrammeParams, body: Form({ consent: listField() }) } }, async (request, reply) => {
    const page = await openStep(request, reply, 'information')
    if (!page) return reply
    const answer = checkInformationAnswer(request.body)
    if (!answer.ok) return render(reply, page.programme, 'information', answer.errors, await informationView(page.programme, false))
    return next(reply, page.programme, { ...page.state, consent: true })
  })
}

export default informationPage
