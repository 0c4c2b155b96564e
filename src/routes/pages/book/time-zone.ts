import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { checkTimeZoneAnswer, dateInZone, redirectBefore, type FieldError, type JourneyState } from '../../../domain/booking-journey/index.js'
import { Form, ProgrammeParams, field, type ProgrammePage, type StepOptions } from './journey-steps.js'
import { errorView, returnStep, timeZoneChoicesView, type ReturnStep } from '../../../http/candidate-pages.js'

/** The zone times are shown in: /book/:programme/time-zone, back to the day, time or check page it came from. */
export const timeZonePages: FastifyPluginAsyncTypebox<StepOptions> = async (app, { steps }) => {
  const { journey, base, stepPath, openStep, render, goTo, common } = steps

  function renderTimeZone(reply: FastifyReply, programme: ProgrammePage, state: JourneyState, returnTo: ReturnStep, errors: FieldError[], typed?: { timeZone?: string; otherTimeZone?: string }) {
    return render(reply, 'time-zone', errors.length > 0 ? 400 : 200, {
      ...common(programme, state),
      ...errorView(errors),
      ...timeZoneChoicesView(state.timeZone, typed),
      formAction: `${base(programme)}/time-zone`,
      returnTo,
      backLink: { href: stepPath(programme, returnTo) },
    })
  }

  app.get(
    '/:programme/time-zone',
    { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      return renderTimeZone(reply, page.programme, page.state, returnStep(request.query.return), [])
    },
  )

  app.post(
    '/:programme/time-zone',
    { schema: { hide: true, params: ProgrammeParams, body: Form({ timeZone: field(), otherTimeZone: field(), return: field() }) } },
    async (request, reply) => {
      const page = await openStep(request, reply)
      if (!page) return reply
      const { programme, state } = page
      const returnTo = returnStep(request.body.return)
      const answer = checkTimeZoneAnswer(request.body)
      if (!answer.ok) return renderTimeZone(reply, programme, state, returnTo, answer.errors, request.body)
      // A chosen time stays (a moment, whatever the zone), and its day is read on the new clock.
      const next: JourneyState = {
        ...state,
        timeZone: answer.value,
        day: state.start ? dateInZone(state.start, answer.value) : state.day,
      }
      journey.write(reply, next)
      return goTo(reply, programme, redirectBefore(next, returnTo) ?? returnTo)
    },
  )
}
