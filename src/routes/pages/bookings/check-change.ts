import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { changeStep, type ChangeState, type FieldError } from '../../../domain/booking-journey/index.js'
import { SlotUnavailableError } from '../../../domain/booking/errors.js'
import { HOLD_MINUTES } from '../../../domain/booking/holds.js'
import { keepHold, rescheduleBooking } from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { ConflictError, ValidationError } from '../../../domain/errors.js'
import { formatDateTimeRange, formatTime } from '../../../domain/time/index.js'
import { bookingView, errorView, holdView, visitorOf } from '../../../http/candidate-pages.js'
import { CAPTION, TokenParams, field, type ManageStepOptions } from './manage-support.js'

/**
 * Change time: check and change (/bookings/manage/:token/change/check), keep
 * the chosen time for longer meanwhile, then "Your booking has been changed".
 */
export const checkChangePages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, changeCookie, base, stepPath, bookingOf, changeOf, currentWhen } = steps

  function renderCheck(reply: FastifyReply, token: string, booking: Booking, state: ChangeState, errors: FieldError[]) {
    const start = state.start!
    const end = new Date(new Date(start).getTime() + booking.programme.durationMinutes * 60_000)
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/manage/check-change.njk', {
      caption: CAPTION,
      ...errorView(errors),
      formAction: stepPath(token, 'check'),
      currentWhen: currentWhen(booking, state.timeZone),
      newWhen: formatDateTimeRange(start, end, state.timeZone),
      changeTimeHref: stepPath(token, 'day'),
      hold: holdView(state.start, state.holdExpiresAt, state.timeZone, app.clock.now(), `${base(token)}/change/keep-time`),
      backLink: { href: stepPath(token, 'time') },
    })
  }

  /**
   * "Keep this time for longer" on the check page (WCAG 2.2.1), as in the
   * booking journey: the page's script asks for JSON; a plain form post goes
   * back to the check page.
   */
  app.post(
    '/manage/:token/change/keep-time',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      let state = changeOf(request, booking)
      const now = app.clock.now()
      const keptUntil = state.holdKey ? await keepHold(deps, state.holdKey) : null
      if (keptUntil) {
        state = { ...state, holdExpiresAt: keptUntil.toISOString() }
        changeCookie.write(reply, state)
      }
      if (!(request.headers.accept ?? '').includes('application/json')) return reply.redirect(stepPath(token, changeStep(state)), 303)
      return reply.send({
        kept: keptUntil !== null,
        until: keptUntil ? formatTime(keptUntil, state.timeZone) : null,
        expiresAt: keptUntil?.toISOString() ?? null,
        now: now.toISOString(),
        canKeepLonger: keptUntil !== null && keptUntil.getTime() >= now.getTime() + HOLD_MINUTES * 60_000,
      })
    },
  )

  app.get('/manage/:token/change/check', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const token = request.params.token
    const state = changeOf(request, booking)
    const step = changeStep(state)
    if (step !== 'check') return reply.redirect(stepPath(token, step), 303)
    return renderCheck(reply, token, booking, state, [])
  })

  app.post(
    '/manage/:token/change/check',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const state = changeOf(request, booking)
      const step = changeStep(state)
      if (step !== 'check') return reply.redirect(stepPath(token, step), 303)
      try {
        await rescheduleBooking(
          deps,
          { bookingId: booking.id, start: state.start!, timeZone: state.timeZone, holdKey: state.holdKey },
          { manageToken: token },
          visitorOf(request),
        )
      } catch (error) {
        if (error instanceof SlotUnavailableError) {
          changeCookie.write(reply, { ...state, start: null, notice: 'slot-taken' })
          return reply.redirect(stepPath(token, 'time'), 303)
        }
        if (error instanceof ValidationError) {
          const errors = error.fields.map((item) => ({ field: item.field, text: item.message, href: stepPath(token, 'day') }))
          return renderCheck(reply, token, booking, state, errors)
        }
        // Cancelled or started meanwhile: the booking page says which.
        if (error instanceof ConflictError) return reply.redirect(base(token), 303)
        throw error
      }
      changeCookie.clear(reply)
      return reply.redirect(`${base(token)}/changed`, 303)
    },
  )

  app.get('/manage/:token/changed', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    if (booking.status !== 'booked') return reply.redirect(base(request.params.token), 303)
    return reply.view('pages/manage/changed.njk', {
      booking: bookingView(booking, app.clock.now()),
      manageHref: base(request.params.token),
    })
  })
}
