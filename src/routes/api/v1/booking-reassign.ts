import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { reassignBooking } from '../../../domain/booking/service/index.js'
import { REASON_MAX_LENGTH } from '../../../domain/booking/rules.js'
import { credentialsOf } from '../../../http/booking-credentials.js'
import { BookingParams, BookingReply, bookingJson } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'

const ReassignBody = Type.Object(
  {
    coachId: Type.Optional(Type.String({ format: 'uuid', description: 'The coach to give it to; left out, the fairest free coach' })),
    reason: Type.String({ maxLength: REASON_MAX_LENGTH, description: 'Why it moves (kept in the booking history)' }),
  },
  { additionalProperties: false },
)

/** Staff give a booking to another coach at the same time. */
const bookingReassign: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.post(
    '/bookings/:id/reassign',
    {
      schema: {
        tags: ['booking'],
        summary: 'Give a booking to another coach at the same time (its coach or an admin)',
        description:
          'Same time, another coach of the programme who is free then (the one named, or the fairest). ' +
          'The minimum notice does not apply. 400 when the named coach is not free; 409 slot_unavailable when nobody is; ' +
          '403 for a candidate. The candidate and both coaches are told by email.',
        security: [{ session: [] }],
        params: BookingParams,
        body: ReassignBody,
        response: { 200: BookingReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const booking = await inFieldContext('body', () =>
        reassignBooking(deps, { bookingId: request.params.id, ...request.body }, credentialsOf(request)),
      )
      return { booking: bookingJson(booking) }
    },
  )
}

export default bookingReassign
