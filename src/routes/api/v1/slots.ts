import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { holdSlot, listSlotsJson } from '../../../domain/booking/service/index.js'
import { HoldBody, HoldReply, SlotsQuery, SlotsReply } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'

/**
 * Free times to book, and holding one while the candidate gives their details.
 * An unknown programme is bad input: 400 with the field `querystring.programme`
 * (or `body.programme`), like any other field.
 */
const slots: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get(
    '/slots',
    {
      schema: {
        tags: ['booking'],
        summary: 'Free slots of a programme between two dates',
        description:
          'The union of the free times of every active coach of the programme, as UTC instants, sorted and without duplicates. ' +
          '`from` and `to` are dates in `timeZone` (both included, at most 93 days). Problems are reported per field.',
        querystring: SlotsQuery,
        response: { 200: SlotsReply, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const listing = await inFieldContext('querystring', () => listSlotsJson(deps, request.query))
      // The slots arrive as JSON made once by the availability index; only the zone is added here.
      // Already JSON: sent as it is (the response schema still documents it).
      return (reply as FastifyReply)
        .type('application/json; charset=utf-8')
        .send(`{"timeZone":${JSON.stringify(listing.timeZone)},"slots":${listing.slotsJson}}`)
    },
  )

  app.post(
    '/slots/holds',
    {
      schema: {
        tags: ['booking'],
        summary: 'Hold a free slot for 10 minutes while the candidate gives their details',
        description:
          'Others no longer see the time; you do, when you send `holdKey` with /slots. Holding another time ' +
          'with the same `holdKey` releases the first; holding the same time again keeps it 10 minutes more, up to ' +
          '30 minutes in all. Booking with `holdKey` releases it too. Without an `invitation`, one address may hold ' +
          'a few times of a programme at once (429 too_many_requests with Retry-After over that); with one, the hold ' +
          'counts against the invitation (one at a time). 403 not_eligible on a programme for invited people only.',
        body: HoldBody,
        response: { 201: HoldReply, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody },
      },
      onRequest: app.limits.perAddress(app.limits.rules.anonymousWrites),
    },
    async (request, reply) => {
      const hold = await inFieldContext('body', () => holdSlot(deps, request.body, { ip: request.ip, requestId: request.id }))
      reply.code(201)
      return {
        holdKey: hold.holdKey,
        start: hold.start.toISOString(),
        end: hold.end.toISOString(),
        expiresAt: hold.expiresAt.toISOString(),
      }
    },
  )
}

export default slots
