import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getPreparation, savePreparation } from '../../../domain/preparation/preparation-service.js'
import { MAX_PREPARATION_ANSWER_LENGTH } from '../../../domain/preparation/index.js'
import { preparationQuestionList, type ConversationModel } from '../../../domain/conversation-models/index.js'
import { BookingParams, ManageHeaders } from '../../../schemas/booking.js'
import { ErrorBody, Nullable } from '../../../schemas/common.js'
import { credentialsOf } from '../../../http/booking-credentials.js'

const PreparationQuestion = Type.Object(
  {
    key: Type.String({ description: 'The key its answer is under' }),
    label: Type.String(),
    hint: Type.Optional(Type.String()),
    area: Type.String({ description: 'The area it is asked in, e.g. Know yourself' }),
  },
  { additionalProperties: false },
)

const PreparationReply = Type.Object({
  answers: Type.Record(Type.String(), Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  questions: Type.Array(PreparationQuestion, {
    description:
      'The questions of the form these answers are on, in order: the current form, or the earlier form a preparation ' +
      'was started on (its answers keep their own questions). A save keeps to one form.',
  }),
})

function reply(preparation: { answers: Record<string, string>; updatedAt: Date | null; model: ConversationModel }) {
  return {
    answers: preparation.answers,
    updatedAt: preparation.updatedAt?.toISOString() ?? null,
    questions: preparationQuestionList(preparation.model).map(({ key, label, hint, area }) => ({ key, label, ...(hint ? { hint } : {}), area })),
  }
}

const PreparationBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: MAX_PREPARATION_ANSWER_LENGTH + 1000 }), {
      description: 'Question key to answer; every question is optional. Keys are listed in the preparation form.',
    }),
  },
  { additionalProperties: false },
)

const security: { [scheme: string]: string[] }[] = [{ manageToken: [] }, { session: [] }]

/** The candidate's preparation answers: theirs to write until the conversation starts. */
const bookingPreparation: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get(
    '/bookings/:id/preparation',
    {
      schema: {
        tags: ['preparation'],
        summary: "The candidate's preparation answers, for the candidate, their coach or an admin",
        security,
        params: BookingParams,
        headers: ManageHeaders,
        response: { 200: PreparationReply, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      return reply(await getPreparation(deps, request.params.id, credentialsOf(request)))
    },
  )

  app.put(
    '/bookings/:id/preparation',
    {
      schema: {
        tags: ['preparation'],
        summary: 'Save the preparation answers (candidate only; until the conversation starts)',
        description:
          'Replaces all the answers. The keys must all be questions of one form (the questions in the reply; answers ' +
          'started on an earlier form keep to it): other keys, and answers over 5,000 characters, get 400; ' +
          'after the start time, 409 preparation_closed.',
        security: [{ manageToken: [] }],
        params: BookingParams,
        headers: ManageHeaders,
        body: PreparationBody,
        response: { 200: PreparationReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      return reply(await savePreparation(deps, request.params.id, request.body.answers, credentialsOf(request)))
    },
  )
}

export default bookingPreparation
