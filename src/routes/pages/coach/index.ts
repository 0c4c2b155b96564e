import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getCoachDashboard } from '../../../domain/notes/dashboard.js'
import { CONVERSATION_OUTCOMES, conversationOutcomeLabels, recordOutcome, type ConversationOutcome } from '../../../domain/notes/index.js'
import { notesDeps, notesRequestOf } from '../../api/v1/notes-shared.js'
import { conversationPages } from './conversations.js'
import { headerNavigation } from './notes-view.js'
import { conversationVideoLinkPages } from './video-link.js'

/**
 * The coach's conversations (access: ./autohooks.ts): today's and upcoming
 * ones with what the coach needs for the call, past ones with what happened
 * and their notes, and how many notes are left to finish.
 */
const SAVED_BANNERS: Record<string, string> = {
  'video-link-sent': 'Video call link saved. We will email it to the candidate.',
  'video-link-saved': 'Video call link saved.',
}

const coachHome: FastifyPluginAsyncTypebox = async (app) => {
  const deps = notesDeps(app)
  await app.register(conversationPages)
  await app.register(conversationVideoLinkPages)

  app.get(
    '/',
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          recorded: Type.Optional(Type.String({ maxLength: 20 })),
          saved: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => {
      const dashboard = await getCoachDashboard(app.pg.pool, request.staff!.coachId!, app.clock.now())
      const recorded = request.query.recorded as ConversationOutcome | undefined
      const banner =
        recorded && CONVERSATION_OUTCOMES.includes(recorded)
          ? `Recorded: ${conversationOutcomeLabels[recorded].toLowerCase()}.`
          : (SAVED_BANNERS[request.query.saved ?? ''] ?? null)
      return reply.view('pages/coach/dashboard.njk', { dashboard, banner, headerNavigation: headerNavigation() })
    },
  )

  app.post(
    '/conversations/:bookingId/outcome',
    {
      schema: {
        hide: true,
        params: Type.Object({ bookingId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ _csrf: Type.Optional(Type.String()), outcome: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const recorded = await recordOutcome(deps, request.params.bookingId, notesRequestOf(request), request.body.outcome)
      return reply.redirect(`/coach?recorded=${recorded.outcome}`, 303)
    },
  )
}

export default coachHome
