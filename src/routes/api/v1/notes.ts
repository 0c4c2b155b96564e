import { NO_SHOW_REASONS } from '../../../domain/notes/outcome-rules.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  CONVERSATION_OUTCOMES,
  StaleNotesError,
  addAddendum,
  completeNotes,
  getNotes,
  recordOutcome,
  saveNotes,
} from '../../../domain/notes/index.js'
import { BookingParams } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import {
  AddendumSchema,
  NotesReply,
  OutcomeSchema,
  StaleNotesBody,
  addendumReply,
  notesDeps,
  notesReply,
  notesRequestOf,
  outcomeReply,
} from '../../../http/notes-routes.js'

const security: { [scheme: string]: string[] }[] = [{ session: [] }]
const tags = ['notes']

const VersionBody = Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'The version your change is based on (from the last read or save)' })

/**
 * The coach's conversation notes. Staff only: the booking's coach
 * reads and writes, admins read; another coach gets 404, a candidate link 403.
 * Every read is in the audit log.
 */
const notes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = notesDeps(app)

  // A save or completion based on an old version: 409 with the version saved since. Anything else goes to the app's handler.
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof StaleNotesError) return reply.code(409).send(staleBody(error, request.id))
    throw error
  })

  app.get(
    '/bookings/:id/notes',
    {
      schema: {
        tags,
        summary: 'The notes of a conversation, with its addenda, actions and outcome (its coach, or an admin)',
        operationId: 'getBookingNotes',
        security,
        params: BookingParams,
        response: { 200: NotesReply, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => notesReply(await getNotes(deps, request.params.id, notesRequestOf(request))),
  )

  app.put(
    '/bookings/:id/notes',
    {
      schema: {
        tags,
        summary: 'Save the draft notes (the coach of the conversation)',
        description:
          'Replaces the values of the notes. `version` must be the version you last read or saved: if someone saved ' +
          'since, the answer is 409 stale_notes with the current version, and nothing is saved. Values the model does ' +
          'not accept get 400 with each field. Complete notes cannot be changed: 409 notes_complete.',
        security,
        params: BookingParams,
        body: Type.Object(
          {
            version: VersionBody,
            values: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
              description: 'Field key to value, as the conversation model describes (text, list, choice, options, developmentNeeds)',
            }),
            noActionsAgreed: Type.Optional(Type.Boolean({ description: 'Ticked when the conversation ended without any action' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: NotesReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: Type.Union([StaleNotesBody, ErrorBody]) },
      },
    },
    async (request) => notesReply(await saveNotes(deps, request.params.id, notesRequestOf(request), request.body)),
  )

  app.post(
    '/bookings/:id/notes/complete',
    {
      schema: {
        tags,
        summary: 'Complete the notes: lock them and send the candidate their summary',
        description:
          'Needs the purpose of the conversation and at least one action (or noActionsAgreed): otherwise 400 with ' +
          'what is missing. `version` must be the version the coach checked. Afterwards the notes cannot be changed; ' +
          'add addenda instead. The summary email is queued with the change, and a check-in 4 weeks after the conversation.',
        security,
        params: BookingParams,
        body: Type.Object({ version: VersionBody }, { additionalProperties: false }),
        response: { 200: NotesReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: Type.Union([StaleNotesBody, ErrorBody]) },
      },
    },
    async (request) => notesReply(await completeNotes(deps, request.params.id, notesRequestOf(request), request.body)),
  )

  app.post(
    '/bookings/:id/notes/addenda',
    {
      schema: {
        tags,
        summary: 'Add to completed notes (an addendum with its author and time; never an edit)',
        operationId: 'addBookingNotesAddendum',
        description: 'Only after completion (before: 409 notes_not_complete). Shared addenda go into the candidate\'s summary.',
        security,
        params: BookingParams,
        body: Type.Object(
          {
            text: Type.String({ maxLength: 20_000 }),
            visibility: Type.String({ description: 'shared (the candidate sees it) or private (coaches and admins only)' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: AddendumSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const addendum = await addAddendum(deps, request.params.id, notesRequestOf(request), request.body)
      return reply.code(201).send(addendumReply(addendum))
    },
  )

  app.post(
    '/bookings/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Record whether the conversation was held, missed (no_show) or cancelled late (its coach)',
        operationId: 'recordBookingOutcome',
        description: 'From the start time on. Completed notes fix the outcome as held (409 outcome_locked).',
        security,
        params: BookingParams,
        body: Type.Object(
          {
            outcome: Type.String({ description: CONVERSATION_OUTCOMES.join(', ') }),
            noShowReason: Type.Optional(Type.String({ description: `With no_show, why (the National Careers Service's reasons): ${NO_SHOW_REASONS.join(', ')}` })),
          },
          { additionalProperties: false },
        ),
        response: { 200: OutcomeSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) =>
      outcomeReply(await recordOutcome(deps, request.params.id, notesRequestOf(request), request.body.outcome, { noShowReason: request.body.noShowReason })),
  )
}

function staleBody(error: StaleNotesError, requestId: string) {
  return {
    error: 'stale_notes' as const,
    message: error.message,
    requestId,
    current: {
      version: error.current.version,
      updatedAt: error.current.updatedAt.toISOString(),
      updatedBy: error.current.updatedBy,
    },
  }
}

export default notes
