import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ValidationError } from '../../../domain/errors.js'
import {
  ConversationNotStartedError,
  NotesCompleteError,
  StaleNotesError,
  addAddendum,
  buildCandidateSummary,
  completeNotes,
  completionProblems,
  getNotes,
  notesModelForCoach,
  saveNotes,
  type NotesState,
} from '../../../domain/notes/index.js'
import {
  actionChangesFrom,
  formErrors,
  parseNotesForm,
  valuesFromForm,
  withSpareRows,
  type PostedForm,
} from '../../../domain/notes/notes-form.js'
import { formatTime } from '../../../domain/time/index.js'
import { findPreparation } from '../../../repositories/preparations.js'
import { findCoachTimeZone } from '../../../repositories/notes.js'
import { notesDeps, notesRequestOf } from '../../../http/notes-routes.js'
import { bookingView, completedView, draftView, errorView, headerNavigation, notesPath, summaryView } from './notes-view.js'

/**
 * The notes of one conversation, for its coach (access: ./autohooks.ts, and
 * the notes service: another coach's conversation is a 404):
 *
 *   GET  /coach/conversations/:bookingId/notes           the form (draft), or the completed notes
 *   POST /coach/conversations/:bookingId/notes           save the whole form (every button saves)
 *   GET  /coach/conversations/:bookingId/notes/check     the candidate's summary, to check
 *   POST /coach/conversations/:bookingId/notes/complete  complete and send the summary
 *   POST /coach/conversations/:bookingId/notes/addenda   add to completed notes
 *
 * Everything works without JavaScript; templates/assets/notes-autosave.js
 * adds autosave through the JSON API. (Registered by ./index.ts: autoload
 * loads only the index file of a folder that has one.)
 */

const Params = Type.Object({ bookingId: Type.String({ maxLength: 100 }) })
const FormBody = Type.Record(
  Type.String({ maxLength: 200 }),
  Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 20_000 }), { maxItems: 20 })]),
)
const NotesQuery = Type.Object({
  saved: Type.Optional(Type.String({ maxLength: 20 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
})

const BANNERS: Record<string, (time: string) => string> = {
  saved: (time) => `Your notes were saved at ${time}.`,
  'action-added': (time) => `Action added. Your notes were saved at ${time}.`,
  'action-removed': (time) => `Action removed. Your notes were saved at ${time}.`,
  completed: () => 'Notes complete. The summary is on its way to the candidate.',
  addendum: () => 'Addendum added.',
}

export const conversationPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = notesDeps(app)
  const zoneOf = (request: FastifyRequest) => findCoachTimeZone(app.pg.pool, request.staff!.coachId!)

  /** `zone`: the coach's, which the caller has read already. */
  /**
   * Who saved the notes since they were opened here: the viewer themselves (another tab or
   * window) is not named as if someone else. notes-autosave.js words it the same way.
   */
  function staleNotesSaver(by: { id: string; name: string } | null, viewerId: string, at: string, version: number): string {
    if (by?.id === viewerId) return `You saved these notes in another tab or window at ${at} (version ${version}), after you opened them here.`
    if (by) return `${by.name} saved these notes at ${at} (version ${version}), after you opened them.`
    return `These notes were saved in another tab or by someone else at ${at} (version ${version}), after you opened them here.`
  }

  async function renderNotes(
    reply: FastifyReply,
    state: NotesState,
    zone: string,
    options: Parameters<typeof draftView>[3] & { status?: number } = {},
  ) {
    if (state.status === 'complete') {
      return reply.code(options.status ?? 200).view('pages/coach/notes-complete.njk', completedView(state, zone, { banner: options.banner ?? null }))
    }
    const preparation = (await findPreparation(app.pg.pool, state.booking.id)).answers
    // viewerId: notes-autosave.js tells "you, in another tab" from someone else.
    return reply.code(options.status ?? 200).view('pages/coach/notes.njk', { ...draftView(state, preparation, zone, options), viewerId: reply.request.staff?.userId })
  }

  app.get(
    '/conversations/:bookingId/notes',
    { schema: { hide: true, params: Params, querystring: NotesQuery } },
    async (request, reply) => {
      const [state, zone] = await Promise.all([getNotes(deps, request.params.bookingId, notesRequestOf(request)), zoneOf(request)])
      const time = state.updatedAt ? formatTime(state.updatedAt, zone) : ''
      const key = request.query.done ?? (request.query.saved ? 'saved' : undefined)
      return renderNotes(reply, state, zone, { banner: key && BANNERS[key] ? BANNERS[key](time) : null })
    },
  )

  app.post(
    '/conversations/:bookingId/notes',
    { schema: { hide: true, params: Params, body: FormBody } },
    async (request, reply) => {
      const bookingId = request.params.bookingId
      const model = await notesModelForCoach(deps, bookingId, notesRequestOf(request))
      const parsed = parseNotesForm(model, request.body as PostedForm)
      const { values, rowsUsed } = valuesFromForm(model, parsed.state)
      const keepWhatWasTyped = {
        form: withSpareRows(parsed.state),
        actionStates: parsed.actions,
        newAction: parsed.newAction,
        noActionsAgreed: parsed.noActionsAgreed,
        version: parsed.version,
      }
      try {
        await saveNotes(deps, bookingId, notesRequestOf(request), {
          version: parsed.version,
          values,
          noActionsAgreed: parsed.noActionsAgreed,
          actions: actionChangesFrom(parsed),
        })
      } catch (error) {
        if (error instanceof NotesCompleteError) return reply.redirect(notesPath(bookingId), 303)
        if (error instanceof ValidationError) {
          const [state, zone] = await Promise.all([getNotes(deps, bookingId, notesRequestOf(request)), zoneOf(request)])
          return renderNotes(reply, state, zone, { ...keepWhatWasTyped, errors: formErrors(error.fields, rowsUsed), status: 400 })
        }
        if (error instanceof StaleNotesError) {
          const [state, zone] = await Promise.all([getNotes(deps, bookingId, notesRequestOf(request)), zoneOf(request)])
          const text =
            `${staleNotesSaver(error.current.updatedBy, request.staff!.userId, formatTime(error.current.updatedAt, zone), error.current.version)} ` +
            'Your changes below have not been saved. Copy anything you need, then open the latest notes.'
          return renderNotes(reply, state, zone, { ...keepWhatWasTyped, extraErrors: [{ text, href: notesPath(bookingId) }], status: 409 })
        }
        throw error
      }
      const intent = parsed.intent.kind
      if (intent === 'complete') return reply.redirect(`${notesPath(bookingId)}/check`, 303)
      if (intent === 'add-action') return reply.redirect(`${notesPath(bookingId)}?done=action-added#actions`, 303)
      if (intent === 'remove') return reply.redirect(`${notesPath(bookingId)}?done=action-removed#actions`, 303)
      return reply.redirect(`${notesPath(bookingId)}?saved=1`, 303)
    },
  )

  app.get(
    '/conversations/:bookingId/notes/check',
    { schema: { hide: true, params: Params, querystring: Type.Object({ stale: Type.Optional(Type.String({ maxLength: 5 })) }) } },
    async (request, reply) => {
      const state = await getNotes(deps, request.params.bookingId, notesRequestOf(request))
      if (state.status === 'complete') return reply.redirect(notesPath(state.booking.id), 303)
      const zone = await zoneOf(request)
      const path = notesPath(state.booking.id)
      const problems = completionProblems(state.model, state.values, state.noActionsAgreed, state.actions.length).map((problem) => ({
        text: problem.message,
        href: `${path}#${problem.field === 'actions' ? 'noActionsAgreed' : `f-${problem.field}`}`,
      }))
      if (app.clock.now().getTime() < state.booking.startsAt.getTime()) {
        problems.push({ text: 'You can complete the notes once the conversation has started', href: path })
      }
      if (request.query.stale) {
        problems.unshift({ text: 'The notes changed after you opened this page. Check the summary again.', href: '#main-content' })
      }
      const summary = buildCandidateSummary({ model: state.model, values: state.values, noActionsAgreed: state.noActionsAgreed, addenda: [], actions: state.actions })
      return reply.view('pages/coach/check.njk', {
        booking: bookingView(state.booking, zone),
        summary: summaryView(summary),
        version: state.version,
        canComplete: problems.length === 0 || (problems.length === 1 && request.query.stale !== undefined),
        formAction: `${path}/complete`,
        notesPath: path,
        headerNavigation: headerNavigation(),
        backLink: { href: path, text: 'Back to the notes' },
        hasErrors: problems.length > 0,
        errorTitle: request.query.stale && problems.length === 1 ? 'Check again' : 'The notes are not ready to complete',
        errorList: problems,
      })
    },
  )

  app.post(
    '/conversations/:bookingId/notes/complete',
    { schema: { hide: true, params: Params, body: Type.Object({ _csrf: Type.Optional(Type.String()), version: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      const bookingId = request.params.bookingId
      const version = Number.parseInt(request.body.version ?? '', 10)
      try {
        await completeNotes(deps, bookingId, notesRequestOf(request), { version: Number.isFinite(version) ? version : -1 })
      } catch (error) {
        if (error instanceof NotesCompleteError) return reply.redirect(notesPath(bookingId), 303)
        if (error instanceof StaleNotesError) return reply.redirect(`${notesPath(bookingId)}/check?stale=1`, 303)
        if (error instanceof ValidationError || error instanceof ConversationNotStartedError) {
          return reply.redirect(`${notesPath(bookingId)}/check`, 303)
        }
        throw error
      }
      return reply.redirect(`${notesPath(bookingId)}?done=completed`, 303)
    },
  )

  app.post(
    '/conversations/:bookingId/notes/addenda',
    {
      schema: {
        hide: true,
        params: Params,
        body: Type.Object({ _csrf: Type.Optional(Type.String()), text: Type.Optional(Type.String({ maxLength: 20_000 })), visibility: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const bookingId = request.params.bookingId
      try {
        await addAddendum(deps, bookingId, notesRequestOf(request), { text: request.body.text ?? '', visibility: request.body.visibility })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        const [state, zone] = await Promise.all([getNotes(deps, bookingId, notesRequestOf(request)), zoneOf(request)])
        const errors = error.fields.map((field) => ({ id: field.field === 'text' ? 'addendum-text' : 'addendum-visibility', text: field.message }))
        const view = completedView(state, zone, { errors, addendumValues: { text: request.body.text ?? '', visibility: request.body.visibility ?? '' } })
        return reply.code(400).view('pages/coach/notes-complete.njk', { ...view, ...errorView(errors) })
      }
      return reply.redirect(`${notesPath(bookingId)}?done=addendum#addenda`, 303)
    },
  )
}

