import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getPreparation, savePreparation } from '../../../domain/preparation/preparation-service.js'
import { MAX_PREPARATION_ANSWER_LENGTH } from '../../../domain/preparation/index.js'
import { BookingParams, ManageHeaders } from '../../../schemas/booking.js'
import { ErrorBody, Nullable } from '../../../schemas/common.js'
import { credentialsOf } from '../../../http/booking-credentials.js'

const PreparationReply = Type.Object({
  answers: Type.Record(Type.String(), Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
})

const PreparationBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: MAX_PREPARATION_ANSWER_LENGTH + 1000 }), {
      description: 'Question key to answer; every question is optional. Keys are listed in the preparation form.',
    }),
  },
  { additionalProperties: false },
)

const security: { [scheme: string]: string[] }[] = [{ manageToken: [] }, { session: [] }]

/** The candidate's preparation answers (issue 7): theirs to write until the conversation starts. */
const bookingPreparation: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { pool: app.pg.pool, clock: app.clock }

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
      const preparation = await getPreparation(deps, request.params.id, credentialsOf(request))
      return { answers: preparation.answers, updatedAt: preparation.updatedAt?.toISOString() ?? null }
    },
  )

  app.put(
    '/bookings/:id/preparation',
    {
      schema: {
        tags: ['preparation'],
        summary: 'Save the preparation answers (candidate only; until the conversation starts)',
        description:
          'Replaces all the answers. Unknown question keys and answers over 5,000 characters get 400; ' +
          'after the start time, 409 preparation_closed.',
        security: [{ manageToken: [] }],
        params: BookingParams,
        headers: ManageHeaders,
        body: PreparationBody,
        response: { 200: PreparationReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const saved = await savePreparation(deps, request.params.id, request.body.answers, credentialsOf(request))
      return { answers: saved.answers, updatedAt: saved.updatedAt?.toISOString() ?? null }
    },
  )
}

export default bookingPreparation
