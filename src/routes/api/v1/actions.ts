import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  changeActionStatus,
  createAction,
  deleteAction,
  listResourcesFor,
  updateAction,
} from '../../../domain/actions/index.js'
import { summaryAction } from '../../../domain/notes/index.js'
import { BookingParams, ManageHeaders } from '../../../schemas/booking.js'
import { ErrorBody } from '../../../schemas/common.js'
import {
  CandidateActionSchema,
  ResourceSchema,
  StaffActionSchema,
  candidateAction,
  notesDeps,
  notesRequestOf,
  resourceReply,
  staffAction,
} from '../../../http/notes-routes.js'

const tags = ['actions']
const staffOnly: { [scheme: string]: string[] }[] = [{ session: [] }]

const ActionParams = Type.Object({ id: Type.String({ format: 'uuid' }), actionId: Type.String({ format: 'uuid' }) })

const ActionBody = Type.Object(
  {
    summary: Type.String({ maxLength: 2000, description: 'What will be done' }),
    owner: Type.String({ maxLength: 50, description: 'Who does it: candidate, coach or programme_team' }),
    dueOn: Type.String({ maxLength: 20, description: 'By when: YYYY-MM-DD' }),
    category: Type.String({
      maxLength: 50,
      description: 'training_or_course, job_application, work_experience_or_shadowing, networking_or_information, qualification or other',
    }),
    resourceId: Type.Optional(Type.Union([Type.String({ maxLength: 100, description: 'A resource from the programme library' }), Type.Null()])),
    link: Type.Optional(
      Type.Union([
        Type.Object(
          { url: Type.String({ maxLength: 2100 }), title: Type.Optional(Type.Union([Type.String({ maxLength: 400 }), Type.Null()])) },
          { additionalProperties: false, description: 'A free link, when the resource is not in the library' },
        ),
        Type.Null(),
      ]),
    ),
    status: Type.Optional(Type.Union([Type.String({ maxLength: 50, description: 'not_started (the default), in_progress, done or no_longer_relevant' }), Type.Null()])),
  },
  { additionalProperties: false },
)

/**
 * Agreed actions. The booking's coach adds, changes and removes
 * them while the notes are a draft; once complete, the candidate (manage
 * link), the coach or an admin moves their status on, with a short comment.
 */
const actions: FastifyPluginAsyncTypebox = async (app) => {
  const deps = notesDeps(app)

  app.get(
    '/bookings/:id/resources',
    {
      schema: {
        tags,
        summary: "The resource library of the booking's programme, to signpost from an action (its coach, or an admin)",
        security: staffOnly,
        params: BookingParams,
        response: { 200: Type.Object({ resources: Type.Array(ResourceSchema) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ resources: (await listResourcesFor(deps, request.params.id, notesRequestOf(request))).map(resourceReply) }),
  )

  app.post(
    '/bookings/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add an agreed action (the coach, while the notes are a draft)',
        security: staffOnly,
        params: BookingParams,
        body: ActionBody,
        response: { 201: StaffActionSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const action = await createAction(deps, request.params.id, notesRequestOf(request), request.body)
      return reply.code(201).send(staffAction(action))
    },
  )

  app.put(
    '/bookings/:id/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change an agreed action (the coach, while the notes are a draft)',
        security: staffOnly,
        params: ActionParams,
        body: ActionBody,
        response: { 200: StaffActionSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => staffAction(await updateAction(deps, request.params.id, request.params.actionId, notesRequestOf(request), request.body)),
  )

  app.delete(
    '/bookings/:id/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Remove an agreed action (the coach, while the notes are a draft)',
        security: staffOnly,
        params: ActionParams,
        response: { 204: Type.Null(), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      await deleteAction(deps, request.params.id, request.params.actionId, notesRequestOf(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/bookings/:id/actions/:actionId/status',
    {
      schema: {
        tags,
        summary: "Update how an action is going, with an optional short comment (the candidate, the coach or an admin)",
        operationId: 'changeBookingActionStatus',
        description:
          'Once the notes are complete. A comment on its own (the same status) is kept too. The answer is the action ' +
          'as the candidate sees it.',
        security: [{ manageToken: [] }, { session: [] }],
        params: ActionParams,
        headers: ManageHeaders,
        body: Type.Object(
          {
            status: Type.String({ maxLength: 50, description: 'not_started, in_progress, done or no_longer_relevant' }),
            comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000, description: 'At most 500 characters' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: CandidateActionSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const action = await changeActionStatus(deps, request.params.id, request.params.actionId, notesRequestOf(request), request.body)
      return candidateAction(summaryAction(action))
    },
  )
}

export default actions
