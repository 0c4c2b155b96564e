import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cancelBooking, createBooking, getBooking, rescheduleBooking } from '../../../domain/booking/service/index.js'
import { manageUrl } from '../../../domain/booking/manage-link.js'
import {
  BookingParams,
  BookingReply,
  CancelBody,
  CreateBookingBody,
  CreatedBookingReply,
  IdempotencyHeaders,
  ManageHeaders,
  RescheduleBody,
  bookingJson,
} from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'
import { credentialsOf } from '../../../http/booking-credentials.js'

/**
 * Booking, seeing, moving and cancelling a conversation.
 *
 * Who: anyone may book. A booking opens to its candidate with
 * `Authorization: Bearer <manage token>`, and to its coach or any admin signed
 * in (the session cookie). A wrong, expired or other booking's token, or a
 * coach who is not this booking's, gets the same 404; no token and no session,
 * a 401.
 */

const security: { [scheme: string]: string[] }[] = [{ manageToken: [] }, { session: [] }]

const bookings: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const anonymousWrites = app.limits.perAddress(app.limits.rules.anonymousWrites)

  app.post(
    '/bookings',
    {
      schema: {
        tags: ['booking'],
        summary: 'Book a conversation',
        description:
          'The coach is chosen among those free then: fewest conversations that week first, ties in turn. ' +
          '409 slot_unavailable when nobody is free any more. With an `Idempotency-Key`, a repeat of the same ' +
          'request answers as the first did (with a fresh manage link to the same booking) and books nothing; ' +
          'the same key with a different body is 422 idempotency_key_reused. Keys are kept for 24 hours. ' +
          'Who may book is the programme\'s setting: 403 not_eligible otherwise. Where the programme asks for proof ' +
          'of the address (`asksEmailCode`), a booking without an invitation needs `emailCode` (POST /api/v1/email-codes): ' +
          '422 email_not_proven or email_code_wrong. An address over the programme\'s live bookings per address gets ' +
          '409 already_booked and nothing is booked (the address is emailed its booking and a link to change it). ' +
          '429 too_many_requests, with Retry-After, over the limits.',
        headers: IdempotencyHeaders,
        body: CreateBookingBody,
        response: { 201: CreatedBookingReply, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody },
      },
      onRequest: anonymousWrites,
    },
    async (request, reply) => {
      const created = await inFieldContext('body', () =>
        createBooking(deps, { ...request.body, idempotencyKey: request.headers['idempotency-key'] ?? null }, { ip: request.ip, requestId: request.id }),
      )
      if (created.replayed) reply.header('idempotent-replayed', 'true')
      reply.code(201)
      return { booking: bookingJson(created.booking), manageUrl: manageUrl(app.config.PUBLIC_URL, created.manageToken) }
    },
  )

  app.get(
    '/bookings/:id',
    {
      schema: {
        tags: ['booking'],
        summary: 'A booking, for its candidate (manage link), its coach or an admin',
        security,
        params: BookingParams,
        headers: ManageHeaders,
        response: { 200: BookingReply, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const booking = await getBooking(deps, request.params.id, credentialsOf(request))
      return { booking: bookingJson(booking) }
    },
  )

  app.post(
    '/bookings/:id/reschedule',
    {
      schema: {
        tags: ['booking'],
        summary: 'Move a booking to another free time',
        description:
          'Same coach when they are free then, otherwise another (fair share). Keeps the id and reference. ' +
          '409 slot_unavailable, booking_cancelled or booking_past. A candidate may move a booking a few times a day: ' +
          '429 too_many_requests, with Retry-After, after that.',
        security,
        params: BookingParams,
        headers: ManageHeaders,
        body: RescheduleBody,
        response: { 200: BookingReply, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
      onRequest: anonymousWrites,
    },
    async (request) => {
      const booking = await inFieldContext('body', () =>
        rescheduleBooking(deps, { bookingId: request.params.id, ...request.body }, credentialsOf(request), { ip: request.ip, requestId: request.id }),
      )
      return { booking: bookingJson(booking) }
    },
  )

  app.post(
    '/bookings/:id/cancel',
    {
      schema: {
        tags: ['booking'],
        summary: 'Cancel a booking',
        description:
          'A reason is optional for the candidate and needed from staff; the body may be left out. ' +
          '409 booking_cancelled or booking_past.',
        security,
        params: BookingParams,
        headers: ManageHeaders,
        body: CancelBody,
        response: { 200: BookingReply, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
      onRequest: anonymousWrites,
      // No body at all is a cancel without a reason.
      preValidation: async (request) => {
        const withBody = request as { body: unknown }
        withBody.body ??= {}
      },
    },
    async (request) => {
      const booking = await inFieldContext('body', () =>
        cancelBooking(deps, { bookingId: request.params.id, reason: request.body.reason }, credentialsOf(request)),
      )
      return { booking: bookingJson(booking) }
    },
  )
}

export default bookings
