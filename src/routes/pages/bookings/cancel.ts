import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { checkCancelReason, type FieldError } from '../../../domain/booking-journey/index.js'
import { REASON_MAX_LENGTH } from '../../../domain/booking/rules.js'
import { cancelBooking } from '../../../domain/booking/service/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import { ConflictError } from '../../../domain/errors.js'
import { bookingView, errorView } from '../../../http/candidate-pages.js'
import { TokenParams, field, type ManageStepOptions } from './manage-support.js'

/** Cancel: are you sure? (an optional reason), then "Your booking has been cancelled". */
export const cancelPages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { deps, anonymousWrites, changeCookie, base, bookingOf } = steps

  function renderCancel(reply: FastifyReply, token: string, booking: Booking, errors: FieldError[], reason = '') {
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/manage/cancel.njk', {
      ...errorView(errors),
      booking: bookingView(booking, app.clock.now()),
      reason,
      reasonMaxLength: REASON_MAX_LENGTH,
      formAction: `${base(token)}/cancel`,
      keepHref: base(token),
      backLink: { href: base(token) },
    })
  }

  app.get('/manage/:token/cancel', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    return renderCancel(reply, request.params.token, booking, [])
  })

  app.post(
    '/manage/:token/cancel',
    { onRequest: anonymousWrites, schema: { hide: true, params: TokenParams, body: Type.Object({ _csrf: field(), reason: field() }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const answer = checkCancelReason(request.body)
      if (!answer.ok) return renderCancel(reply, token, booking, answer.errors, request.body.reason)
      try {
        await cancelBooking(deps, { bookingId: booking.id, reason: answer.value }, { manageToken: token })
      } catch (error) {
        if (error instanceof ConflictError) return reply.redirect(base(token), 303)
        throw error
      }
      changeCookie.clear(reply)
      return reply.redirect(`${base(token)}/cancelled`, 303)
    },
  )

  app.get('/manage/:token/cancelled', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    if (booking.status !== 'cancelled') return reply.redirect(base(request.params.token), 303)
    return reply.view('pages/manage/cancelled.njk', {
      booking: bookingView(booking, app.clock.now()),
      bookAgainHref: `/book/${encodeURIComponent(booking.programme.slug)}`,
    })
  })
}
