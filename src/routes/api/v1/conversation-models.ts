import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getConversationModel, listConversationModels } from '../../../domain/conversation-models/index.js'
import { NotFoundError } from '../../../domain/errors.js'
import { ErrorBody } from '../../../schemas/common.js'

const Field = Type.Object(
  {
    key: Type.String(),
    kind: Type.String({ description: 'text, list, choice, options, developmentNeeds or actions' }),
    label: Type.String(),
    hint: Type.Optional(Type.String()),
    visibility: Type.Union([Type.Literal('shared'), Type.Literal('private')]),
    requiredToComplete: Type.Optional(Type.Boolean()),
    itemLabel: Type.Optional(Type.String()),
    options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
  },
  { additionalProperties: false },
)

const Stage = Type.Object({
  key: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  candidatePrompts: Type.Array(Type.String()),
  coachGuidance: Type.Array(Type.String()),
  fields: Type.Array(Field),
})

const Summary = Type.Object({ key: Type.String(), version: Type.Integer(), name: Type.String() })

const conversationModels: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/conversation-models',
    {
      schema: {
        tags: ['conversation models'],
        summary: 'The conversation models a programme can use (latest version of each)',
        response: { 200: Type.Object({ models: Type.Array(Summary) }) },
      },
    },
    async () => ({ models: listConversationModels() }),
  )

  app.get(
    '/conversation-models/:key',
    {
      schema: {
        tags: ['conversation models'],
        summary: 'One model: its stages, prompts, coach guidance and fields',
        params: Type.Object({ key: Type.String({ pattern: '^[a-z0-9-]{1,50}$' }) }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            key: Type.String(),
            version: Type.Integer(),
            name: Type.String(),
            description: Type.String(),
            stages: Type.Array(Stage),
          }),
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const model = getConversationModel(request.params.key, request.query.version)
      if (!model) throw new NotFoundError('There is no conversation model with that key and version')
      return {
        ...model,
        stages: model.stages.map((stage) => ({
          ...stage,
          candidatePrompts: [...stage.candidatePrompts],
          coachGuidance: [...stage.coachGuidance],
          fields: stage.fields.map((field) => ({ ...field, options: 'options' in field ? [...field.options] : undefined })),
        })),
      }
    },
  )
}

export default conversationModels
