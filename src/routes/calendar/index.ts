import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { renderCoachFeed } from '../../domain/calendar/index.js'
import { NotFoundError } from '../../domain/errors.js'
import { ErrorBody } from '../../schemas/common.js'

const FeedParams = Type.Object({
  file: Type.String({ maxLength: 100, description: "The feed's token followed by .ics, as in the address on the coach's calendar page" }),
})

/**
 * GET /calendar/<token>.ics: a coach's private feed of their conversations
 * (src/domain/calendar/coach-feed.ts). Whoever holds the address can read
 * it, so it shows only first names and references unless the coach chose
 * more; a stopped or replaced address is a 404, as is any other.
 */
const calendarFeed: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { ...app.deps, publicUrl: app.config.PUBLIC_URL }
  app.get(
    '/:file',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'getCoachCalendarFeed',
        security: [],
        summary: "A coach's conversations as iCalendar (their private subscription address)",
        description:
          "The address is made on the coach's calendar page (/coach/availability/calendar), which can give it a new address (the old one stops " +
          'working) or stop it. Conversations still on, from 30 days back: the candidate’s first name and the booking reference only, unless the ' +
          'coach chose to show their details. 404 for an address that is unknown, stopped or replaced.',
        params: FeedParams,
        produces: ['text/calendar'],
        response: {
          200: { description: 'The calendar', content: { 'text/calendar': { schema: Type.String({ description: 'iCalendar (RFC 5545)' }) } } },
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const calendar = await renderCoachFeed(deps, request.params.file, app.clock.now())
      if (calendar === null) throw new NotFoundError('There is no calendar at this address')
      // Not serialised against the schema (a string, documented above): sent as it is.
      return (reply as FastifyReply)
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(calendar)
    },
  )
}

export default calendarFeed
