import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { retentionPeriodText, type FieldError } from '../../../domain/booking-journey/index.js'
import { ChangeCutoffPassedError } from '../../../domain/booking/errors.js'
import type { Booking } from '../../../domain/booking/types.js'
import { ValidationError } from '../../../domain/errors.js'
import { icsContentType } from '../../../domain/calendar/index.js'
import { candidateCalendarFile } from '../../../domain/candidate-space/calendar-file.js'
import { ActionNotFoundError, NotYourActionError, changeActionStatus } from '../../../domain/actions/index.js'
import { answersFromForm, loadCandidateSpace, preparationFieldId, typedAnswers, type CandidateSpaceDeps } from '../../../domain/candidate-space/index.js'
import { loadQuestions, questionsView } from '../../../domain/outcomes/index.js'
import { PreparationClosedError, savePreparation } from '../../../domain/preparation/preparation-service.js'
import { preparationFieldKeys } from '../../../domain/preparation/index.js'
import { bookingView, errorView } from '../../../http/candidate-pages.js'
import { TokenParams, field, whyNotChangeable, type ManageStepOptions } from './manage-support.js'

type SpaceErrors = {
  errors: FieldError[]
  typed?: { answers: Record<string, string>; errors: Record<string, string> }
  /** An action update that was refused: what was chosen and typed, shown again in its form. */
  typedAction?: { actionId: string; status: string; comment: string }
  statusCode?: number
}

/** The summary with a refused action update's choice and comment put back in that action's form. */
function withTypedAction<S extends { actions: { id: string; statusItems: { value: string; checked: boolean }[] }[] }>(summary: S | null, typed: SpaceErrors['typedAction']) {
  if (!summary || !typed) return summary
  return {
    ...summary,
    actions: summary.actions.map((action) =>
      action.id === typed.actionId
        ? { ...action, statusItems: action.statusItems.map((item) => ({ ...item, checked: item.value === typed.status })), typedComment: typed.comment }
        : action,
    ),
  }
}

/**
 * The booking (/bookings/manage/:token), then the candidate's space: add to
 * calendar, prepare for the conversation, the summary and how each action is going.
 */
export const yourBookingPages: FastifyPluginAsyncTypebox<ManageStepOptions> = async (app, { steps }) => {
  const { deps, base, stepPath, bookingOf } = steps
  const notesDeps = app.deps
  const spaceDeps: CandidateSpaceDeps = notesDeps

  // ---- the booking -------------------------------------------------------------------------

  /** The booking, then the candidate's space: prepare, summary and actions, their information. */
  async function renderManage(request: FastifyRequest, reply: FastifyReply, token: string, booking: Booking, shown: SpaceErrors = { errors: [] }) {
    const now = app.clock.now()
    const [space, questions] = await Promise.all([
      loadCandidateSpace(spaceDeps, booking, token, { ip: request.ip, requestId: request.id }, shown.typed),
      loadQuestions(spaceDeps, booking.id),
    ])
    const saved = (request.query as { saved?: string } | undefined)?.saved
    const notChangeable = whyNotChangeable(booking, now)
    return reply.code(shown.statusCode ?? (shown.errors.length > 0 ? 400 : 200)).view('pages/manage/booking.njk', {
      ...errorView(shown.errors),
      booking: {
        ...bookingView(booking, now),
        canChange: notChangeable === null,
        // Booked and still to come, but past the programme's cut-off: whom to contact instead.
        pastCutoff: notChangeable instanceof ChangeCutoffPassedError,
        cutoffHours: booking.programme.cancellationCutoffHours ?? 0,
      },
      retention: retentionPeriodText(space.retentionMonths),
      preparation: space.preparation,
      summary: withTypedAction(space.summary, shown.typedAction),
      questions: questionsView(questions, base(token)),
      saved: shown.errors.length === 0 && (saved === 'preparation' || saved === 'action') ? saved : null,
      paths: {
        change: stepPath(token, 'day'),
        cancel: `${base(token)}/cancel`,
        calendar: `${base(token)}/calendar.ics`,
        preparation: `${base(token)}/preparation`,
        action: (actionId: string) => `${base(token)}/actions/${actionId}/status`,
      },
      bookingId: booking.id,
    })
  }

  app.get(
    '/manage/:token',
    { schema: { hide: true, params: TokenParams, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const booking = bookingOf(request)
      return renderManage(request, reply, request.params.token, booking)
    },
  )

  // ---- add to calendar ---------------------------------------------------------------------

  app.get('/manage/:token/calendar.ics', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const booking = bookingOf(request)
    const ics = candidateCalendarFile(booking, app.config.PUBLIC_URL, base(request.params.token), app.clock.now())
    return reply
      .type(icsContentType(ics.method))
      .header('content-disposition', `attachment; filename="career-conversation-${booking.reference}.ics"`)
      .send(ics.content)
  })

  // ---- prepare for your conversation ---------------------------------------------

  app.post(
    '/manage/:token/preparation',
    {
      schema: {
        hide: true,
        params: TokenParams,
        body: Type.Record(Type.String({ maxLength: 120 }), Type.String({ maxLength: 20_000 }), { maxProperties: 80 }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const token = request.params.token
      const answers = answersFromForm(request.body)
      try {
        await savePreparation(deps, booking.id, answers, { manageToken: token })
      } catch (error) {
        // Started (or cancelled) meanwhile: the page shows the answers, read-only.
        if (error instanceof PreparationClosedError) return reply.redirect(`${base(token)}#prepare`, 303)
        if (!(error instanceof ValidationError)) throw error
        const byKey: Record<string, string> = {}
        const errors = error.fields.map((problem) => {
          const key = problem.field.startsWith('answers.') ? problem.field.slice('answers.'.length) : ''
          if (key) byKey[key] = problem.message
          return { field: key, text: problem.message, href: key && preparationFieldKeys.has(key) ? `#${preparationFieldId(key)}` : '#prepare' }
        })
        return renderManage(request, reply, token, booking, { errors, typed: { answers: typedAnswers(answers), errors: byKey } })
      }
      return reply.redirect(`${base(token)}?saved=preparation#prepare`, 303)
    },
  )

  // ---- your summary and actions: how an action is going -----------------------------

  app.post(
    '/manage/:token/actions/:actionId/status',
    {
      schema: {
        hide: true,
        params: Type.Object({ token: Type.String({ maxLength: 100 }), actionId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ _csrf: field(), status: field(), comment: field() }),
      },
    },
    async (request, reply) => {
      const booking = bookingOf(request)
      const { token, actionId } = request.params
      const comment = request.body.comment?.trim() ? request.body.comment : null
      try {
        await changeActionStatus(
          notesDeps,
          booking.id,
          actionId,
          { credentials: { manageToken: token }, ip: request.ip, requestId: request.id },
          { status: request.body.status ?? '', comment },
        )
      } catch (error) {
        // Not one of this booking's actions (or no summary yet): nothing to change here.
        if (error instanceof ActionNotFoundError) return reply.redirect(`${base(token)}#summary`, 303)
        // Someone else's action (the coach's or the programme team's): refused, said plainly by the action.
        if (error instanceof NotYourActionError) {
          const errors = [{ field: `action-${actionId}-status`, text: error.message, href: `#action-${actionId}-title` }]
          return renderManage(request, reply, token, booking, { errors, statusCode: 403 })
        }
        if (!(error instanceof ValidationError)) throw error
        const errors = error.fields.map((problem) => ({
          field: `action-${actionId}-${problem.field}`,
          text: problem.message,
          href: `#action-${actionId}-${problem.field === 'comment' ? 'comment' : 'status'}`,
        }))
        // What they chose and typed stays.
        const typedAction = { actionId, status: request.body.status ?? '', comment: request.body.comment ?? '' }
        return renderManage(request, reply, token, booking, { errors, typedAction })
      }
      return reply.redirect(`${base(token)}?saved=action#action-${actionId}`, 303)
    },
  )
}
