import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { checkDayAnswer, dateInZone, type AvailableDay, type ChangeState, type FieldError } from '../../../domain/booking-journey/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { dayPageView, errorView, loadAvailableDays } from '../../../http/candidate-pages.js'
import { CAPTION, TokenParams, field, type ManageStepOptions } from './manage-support.js'

/** Change time: choose a day (/bookings/manage/:token/change), on the booking journey's page. */
export const changeDayPages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { deps, changeCookie, base, stepPath, choosingPaths, bookingOf, changeOf, currentWhen } = steps

  /** `days`: the days on offer, when the caller has them already. */
  async function renderDay(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, week: string | null, errors: FieldError[], days?: AvailableDay[]) {
    days ??= await loadAvailableDays(deps, booking.programme, state.timeZone, state.holdKey)
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/book/day.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...dayPageView(days, state, week, choosingPaths(token)),
      currentWhen: currentWhen(booking, state.timeZone),
      backLink: { href: base(token) },
    })
  }

  app.get(
    '/manage/:token/change',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ week: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderDay(reply, request.params.token, booking, changeOf(request, booking), request.query.week ?? null, [])
    },
  )

  app.post(
    '/manage/:token/change',
    { schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), day: field(), week: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const days = await loadAvailableDays(deps, booking.programme, state.timeZone, state.holdKey)
      const answer = checkDayAnswer(request.body, days.map((day) => day.date))
      if (!answer.ok) return renderDay(reply, token, booking, state, request.body.week ?? null, answer.errors, days)
      const keepTime = state.start !== null && dateInZone(state.start, state.timeZone) === answer.value
      changeCookie.write(reply, { ...state, day: answer.value, start: keepTime ? state.start : null })
      return reply.redirect(stepPath(token, 'time'), 303)
    },
  )
}
