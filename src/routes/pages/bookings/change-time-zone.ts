import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { changeStep, checkTimeZoneAnswer, dateInZone, type ChangeState, type FieldError } from '../../../domain/booking-journey/index.js'
import { RETURN_STEPS, errorView, returnStep, timeZoneChoicesView, type ReturnStep } from '../../../http/candidate-pages.js'
import { CAPTION, TokenParams, field, type ManageStepOptions } from './manage-support.js'

/** Change time: the zone times are shown in (/bookings/manage/:token/change/time-zone), back to the step it came from. */
export const changeTimeZonePages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { changeCookie, stepPath, choosingPaths, bookingOf, changeOf } = steps

  function renderTimeZone(reply: FastifyReply, token: string, state: ChangeState, returnTo: ReturnStep, errors: FieldError[], typed?: { timeZone?: string; otherTimeZone?: string }) {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/book/time-zone.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...timeZoneChoicesView(state.timeZone, typed),
      formAction: choosingPaths(token).timeZone,
      returnTo,
      backLink: { href: stepPath(token, returnTo) },
    })
  }

  app.get(
    '/manage/:token/change/time-zone',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderTimeZone(reply, request.params.token, changeOf(request, booking), returnStep(request.query.return), [])
    },
  )

  app.post(
    '/manage/:token/change/time-zone',
    {
      schema: {
        hide: true,
        params: TokenParams,
        body: Type.Object({ _csrf: field(), timeZone: field(), otherTimeZone: field(), return: field() }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const returnTo = returnStep(request.body.return)
      const answer = checkTimeZoneAnswer(request.body)
      if (!answer.ok) return renderTimeZone(reply, token, state, returnTo, answer.errors, request.body)
      const next: ChangeState = { ...state, timeZone: answer.value, day: state.start ? dateInZone(state.start, answer.value) : state.day }
      changeCookie.write(reply, next)
      // Back where they came from, unless the new zone left a step before it unanswered.
      const first = changeStep(next)
      const target = RETURN_STEPS.indexOf(first) < RETURN_STEPS.indexOf(returnTo) ? first : returnTo
      return reply.redirect(stepPath(token, target), 303)
    },
  )
}
