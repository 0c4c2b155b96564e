import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { JOURNEY_MESSAGES, checkTimeAnswer, fieldError, type ChangeState, type FieldError, type TimeChoice } from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { holdSlot } from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { errorView, loadTimes, timePageView, visitorOf } from '../../../http/candidate-pages.js'
import { CAPTION, TokenParams, field, type ManageStepOptions } from './manage-support.js'

/** Change time: choose a time (/bookings/manage/:token/change/time), held for 10 minutes. */
export const changeTimePages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, changeCookie, stepPath, choosingPaths, bookingOf, changeOf } = steps

  /** `times`: the free times on the chosen day, when the caller has them already. */
  async function renderTime(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, errors: FieldError[], statusCode?: number, times?: TimeChoice[]) {
    times ??= await loadTimes(deps, booking.programme.slug, state.day!, state.timeZone, state.holdKey)
    return reply.code(statusCode ?? (errors.length > 0 ? 400 : 200)).view('pages/book/time.njk', {
      caption: CAPTION,
      ...errorView(errors),
      ...timePageView(times, state, booking.programme.durationMinutes, choosingPaths(token)),
      backLink: { href: stepPath(token, 'day') },
    })
  }

  app.get('/manage/:token/change/time', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const token = request.params.token
    let state = changeOf(request, booking)
    if (state.day === null) return reply.redirect(stepPath(token, 'day'), 303)
    const errors: FieldError[] = []
    if (state.notice === 'slot-taken') {
      errors.push(fieldError('start', JOURNEY_MESSAGES.slotTaken))
      state = { ...state, notice: null }
      changeCookie.write(reply, state)
    }
    return renderTime(reply, token, booking, state, errors, 200)
  })

  app.post(
    '/manage/:token/change/time',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), start: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      if (state.day === null) return reply.redirect(stepPath(token, 'day'), 303)
      const times = await loadTimes(deps, booking.programme.slug, state.day, state.timeZone, state.holdKey)
      const answer = checkTimeAnswer(request.body, times.map((time) => time.value))
      if (!answer.ok) return renderTime(reply, token, booking, state, answer.errors, undefined, times)
      if (answer.value === booking.startsAt.toISOString()) {
        return renderTime(reply, token, booking, state, [fieldError('start', JOURNEY_MESSAGES.sameTime)], undefined, times)
      }
      try {
        const hold = await holdSlot(deps, { programme: booking.programme.slug, start: answer.value, holdKey: state.holdKey, movingBookingId: booking.id }, visitorOf(request))
        changeCookie.write(reply, {
          ...state,
          start: hold.start.toISOString(),
          holdKey: hold.holdKey,
          holdExpiresAt: hold.expiresAt.toISOString(),
        })
        return reply.redirect(stepPath(token, 'check'), 303)
      } catch (error) {
        if (!(error instanceof SlotUnavailableError)) throw error
        return renderTime(reply, token, booking, state, [fieldError('start', JOURNEY_MESSAGES.slotTaken)], 409)
      }
    },
  )
}
