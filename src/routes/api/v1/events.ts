import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { EVENT_DAYS, FEED_LIMIT, readEventFeed } from '../../../domain/integrations/events.js'
import { requireAdminOrToken } from '../../../plugins/app/auth.js'
import { ErrorBody } from '../../../schemas/common.js'
import { inFieldContext } from '../../../schemas/field-context.js'

const Event = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The same id as the webhook-id of its webhook deliveries' }),
  type: Type.String({ description: 'booking.created, booking.rescheduled, booking.cancelled, booking.reassigned, conversation.completed, action.created or action.status_changed' }),
  at: Type.String({ format: 'date-time' }),
  data: Type.Object({}, { additionalProperties: true, description: 'Ids, status and times only. Booking events: bookingId, reference, programme, start, end, status, coachId. Action events: actionId, bookingId, owner, category, dueOn, status, previousStatus, changedBy. conversation.completed: bookingId, reference, programme, coachId, actionCount' }),
})

/**
 * The event feed: every event of the last 30 days in the order they
 * happened, for a system that missed webhooks to catch up from its last
 * cursor. The programme team, or an API token with any read scope.
 */
const events: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      onRequest: requireAdminOrToken,
      schema: {
        tags: ['integrations'],
        summary: `Events of the last ${EVENT_DAYS} days, oldest first, from a cursor`,
        description:
          'Keep `nextCursor` and ask again with `after=<nextCursor>`: you get every event since, in order, never one twice. ' +
          'With nothing new, `nextCursor` is the cursor you sent.',
        security: [{ session: [] }, { apiToken: [] }],
        querystring: Type.Object(
          {
            after: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]*$' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_LIMIT.maximum, default: FEED_LIMIT.default })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ events: Type.Array(Event), nextCursor: Type.String() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => inFieldContext('querystring', () => readEventFeed(app.pg.pool, request.query)),
  )
}

export default events
