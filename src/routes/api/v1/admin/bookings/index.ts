import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { adminBookingDetail, listAdminBookings, timelineJson } from '../../../../../domain/bookings-admin/index.js'
import { staffRequest } from '../../../../../http/staff-request.js'
import { ErrorBody } from '../../../../../schemas/common.js'
import { inFieldContext } from '../../../../../schemas/field-context.js'
import { AdminBookingDetailReply, BookingListQuery, BookingListReply } from './schemas.js'

/**
 * /api/v1/admin/bookings: every booking, for the programme team,
 * the same query as the /admin/bookings page; one booking with its timeline.
 * Admins, or an API token with bookings:read (../autohooks.ts and
 * src/plugins/app/api-scopes.ts). Never the notes.
 */
const adminBookingsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get(
    '/',
    {
      schema: {
        tags: ['booking'],
        operationId: 'listAdminBookings',
        security: [{ session: [] }],
        summary: 'Find bookings across the programmes',
        description:
          'Filters: programme (id or slug), coach (id), status, from/to (UK dates the conversation starts on, both included), ' +
          'q (part of the candidate name, email or booking reference, 3 characters or more). Ordered by start, then id; keyset pagination: ' +
          'pass nextCursor as cursor for the next page, with the same sort. A page never repeats or misses a booking made meanwhile. ' +
          '400 names each bad field (an unknown programme or coach, a cursor from another sort).',
        querystring: BookingListQuery,
        response: { 200: BookingListReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const page = await inFieldContext('querystring', () => listAdminBookings(deps, request.query))
      return { bookings: page.bookings, nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/:id',
    {
      schema: {
        tags: ['booking'],
        operationId: 'getAdminBooking',
        security: [{ session: [] }],
        summary: 'One booking with its timeline',
        description:
          'The booking and everything that happened to it, oldest first: the invitation, the booking, every change and who made it, ' +
          'each email (sent, waiting, failed), the notes started and completed (never what they say), the outcome, the actions and their ' +
          'status changes. Each read is written to the audit log. 404 for an unknown booking.',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: AdminBookingDetailReply, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const detail = await adminBookingDetail(deps, request.params.id, staffRequest(request))
      return { booking: detail.booking, timeline: detail.timeline.map(timelineJson) }
    },
  )
}

export default adminBookingsApi
