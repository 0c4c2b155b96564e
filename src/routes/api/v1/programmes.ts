import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const Programme = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  conversationModel: Type.String({ description: 'Key of the conversation model, see /api/v1/conversation-models' }),
  durationMinutes: Type.Integer(),
})

const programmes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Programmes open for booking',
        response: { 200: Type.Object({ programmes: Type.Array(Programme) }) },
      },
    },
    async () => {
      const rows = await app.prisma.programme.findMany({ where: { active: true }, orderBy: { name: 'asc' } })
      return {
        programmes: rows.map((row) => ({
          id: row.id,
          slug: row.slug,
          name: row.name,
          conversationModel: row.conversationModelKey,
          durationMinutes: row.durationMinutes,
        })),
      }
    },
  )
}

export default programmes
