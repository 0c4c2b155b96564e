import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getCoachDashboard } from '../../../domain/notes/dashboard.js'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../../domain/errors.js'
import { looksLikeUuid } from '../../../domain/ids.js'
import { CONVERSATION_OUTCOMES, conversationOutcomeLabels, recordOutcome, type ConversationOutcome } from '../../../domain/notes/index.js'
import { NO_SHOW_REASONS, canCorrectOutcome, correctableUntil, noShowReasonLabels } from '../../../domain/notes/outcome-rules.js'
import { formatDate, formatDateTimeRange } from '../../../domain/time/index.js'
import { errorsView } from '../../../http/error-summary.js'
import { findOutcomePageRow } from '../../../repositories/outcomes.js'
import { notesDeps, notesRequestOf } from '../../../http/notes-routes.js'
import { conversationPages } from './conversations.js'
import { clashingConversationIds } from '../../../domain/coach-changes/index.js'
import { headerNavigation } from './notes-view.js'
import { conversationVideoLinkPages } from './video-link.js'
import { coachOwnFeedbackView } from '../../../domain/outcomes/index.js'

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
      const coachId = request.staff!.coachId!
      const [found, clashes, feedback] = await Promise.all([
        getCoachDashboard(app.pg.pool, coachId, app.clock.now()),
        clashingConversationIds(app.deps, coachId),
        coachOwnFeedbackView(app.pg.pool, coachId),
      ])
      // Conversations their time off, days off or hours no longer cover are marked, to ask the programme team to move.
      const marked = <T extends { bookingId: string }>(list: T[]) => list.map((conversation) => ({ ...conversation, clashes: clashes.has(conversation.bookingId) }))
      const dashboard = { ...found, today: marked(found.today), upcoming: marked(found.upcoming) }
      const recorded = request.query.recorded as ConversationOutcome | undefined
      const banner =
        recorded && CONVERSATION_OUTCOMES.includes(recorded)
          ? `Recorded: ${conversationOutcomeLabels[recorded].toLowerCase()}.`
          : (SAVED_BANNERS[request.query.saved ?? ''] ?? null)
      return reply.view('pages/coach/dashboard.njk', { dashboard, banner, feedback, headerNavigation: headerNavigation() })
    },
  )

  // --- What happened: "did not attend" is confirmed with why; an outcome can be corrected for a while ---

  const OutcomeParams = Type.Object({ bookingId: Type.String({ maxLength: 100 }) })
  const OutcomeBody = Type.Object({
    _csrf: Type.Optional(Type.String()),
    outcome: Type.Optional(Type.String({ maxLength: 20 })),
    noShowReason: Type.Optional(Type.String({ maxLength: 40 })),
    confirm: Type.Optional(Type.String({ maxLength: 10 })),
    /** Which page posted: the confirmation of "did not attend", or the correction of what was recorded. */
    mode: Type.Optional(Type.String({ maxLength: 10 })),
  })

  /** The conversation, for its own coach: 404 for anyone else (as the notes pages answer). */
  async function conversationFor(request: FastifyRequest, bookingId: string) {
    const row = looksLikeUuid(bookingId) ? await findOutcomePageRow(app.pg.pool, bookingId.toLowerCase()) : null
    if (!row || row.coachId !== request.staff?.coachId) throw new NotFoundError('There is no such conversation')
    return row
  }

  async function showOutcomePage(
    request: FastifyRequest,
    reply: FastifyReply,
    bookingId: string,
    form: { mode: 'confirm' | 'correct'; outcome: string; noShowReason: string; problems: FieldProblem[]; status?: number },
  ) {
    const row = await conversationFor(request, bookingId)
    const now = app.clock.now()
    return reply.code(form.status ?? (form.problems.length > 0 ? 400 : 200)).view('pages/coach/outcome.njk', {
      ...errorsView(form.problems, { outcome: 'outcome', noShowReason: 'noShowReason' }),
      mode: form.mode,
      conversation: { bookingId: row.bookingId, reference: row.reference, candidateName: row.candidateName, when: formatDateTimeRange(row.startsAt, row.endsAt) },
      recorded: row.outcome ? conversationOutcomeLabels[row.outcome] : null,
      correctableUntil: row.firstRecordedAt ? formatDate(correctableUntil(row.firstRecordedAt)) : null,
      tooLate: row.firstRecordedAt !== null && !canCorrectOutcome(row.firstRecordedAt, now),
      outcomeItems: CONVERSATION_OUTCOMES.map((value) => ({ value, text: conversationOutcomeLabels[value], checked: value === form.outcome })),
      reasonItems: NO_SHOW_REASONS.map((value) => ({ value, text: noShowReasonLabels[value], checked: value === form.noShowReason })),
      headerNavigation: headerNavigation(),
    })
  }

  app.get('/conversations/:bookingId/outcome', { schema: { hide: true, params: OutcomeParams } }, async (request, reply) => {
    const row = await conversationFor(request, request.params.bookingId)
    return showOutcomePage(request, reply, request.params.bookingId, {
      mode: row.outcome ? 'correct' : 'confirm',
      outcome: row.outcome ?? 'no_show',
      noShowReason: row.noShowReason ?? '',
      problems: [],
    })
  })

  app.post('/conversations/:bookingId/outcome', { schema: { hide: true, params: OutcomeParams, body: OutcomeBody } }, async (request, reply) => {
    const { bookingId } = request.params
    const outcome = (request.body.outcome ?? '').trim()
    const noShowReason = (request.body.noShowReason ?? '').trim()
    const confirmed = request.body.confirm === 'yes'
    // "Did not attend" from the dashboard's one click: first confirm it, and say why.
    if (outcome === 'no_show' && !confirmed) {
      return showOutcomePage(request, reply, bookingId, { mode: 'confirm', outcome, noShowReason, problems: [] })
    }
    const mode = request.body.mode === 'correct' ? 'correct' : 'confirm'
    try {
      const recorded = await recordOutcome(deps, bookingId, notesRequestOf(request), outcome, { noShowReason: noShowReason || undefined, requireReason: true })
      return reply.redirect(`/coach?recorded=${recorded.outcome}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = error.fields.map((f) => ({ field: f.field, message: f.field === 'outcome' ? 'Select what happened' : f.message }))
        return showOutcomePage(request, reply, bookingId, { mode, outcome, noShowReason, problems })
      }
      if (error instanceof ConflictError && error.code === 'outcome_locked') {
        return showOutcomePage(request, reply, bookingId, { mode: 'correct', outcome, noShowReason, problems: [{ field: 'outcome', message: error.message }], status: 409 })
      }
      throw error
    }
  })
}

export default coachHome
