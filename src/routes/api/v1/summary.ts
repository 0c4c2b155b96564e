import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { getCandidateSummary } from '../../../domain/notes/index.js'
import { BookingParams, ManageHeaders } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import { SummaryReply, notesDeps, notesRequestOf, summaryReply } from '../../../http/notes-routes.js'

/**
 * The candidate's summary of their conversation: the shared parts
 * of the coach's notes, shared addenda and their actions. Never a private
 * field: the domain leaves them out and the closed response schema drops
 * anything else. The coach and admins see the same (what the candidate sees).
 */
const summary: FastifyPluginAsyncTypebox = async (app) => {
  const deps = notesDeps(app)

  app.get(
    '/bookings/:id/summary',
    {
      schema: {
        tags: ['actions'],
        summary: 'The summary of the conversation and the agreed actions, as the candidate sees them',
        description: '`ready` is false (and the rest empty) until the coach completes the notes.',
        security: [{ manageToken: [] }, { session: [] }],
        params: BookingParams,
        headers: ManageHeaders,
        response: { 200: SummaryReply, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => summaryReply(await getCandidateSummary(deps, request.params.id, notesRequestOf(request))),
  )
}

export default summary
