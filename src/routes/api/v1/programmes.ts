import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listOpenProgrammesForApi } from '../../../repositories/programme-access.js'
import { Programme, programmeJson } from '../../../schemas/programme.js'

const programmes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Programmes open for booking, with who may book each and whether it asks for proof of the address',
        response: { 200: Type.Object({ programmes: Type.Array(Programme) }) },
      },
    },
    async () => ({ programmes: (await listOpenProgrammesForApi(app.pg.pool)).map(programmeJson) }),
  )
}

export default programmes
