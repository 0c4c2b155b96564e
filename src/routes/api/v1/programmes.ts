import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listOpenProgrammesForApi } from '../../../repositories/programme-access.js'
import { notBookableProgrammes } from '../../../repositories/programme-bookability.js'
import { Programme, programmeJson } from '../../../schemas/programme.js'

const programmes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Programmes open for booking, with who may book each and whether it asks for proof of the address',
        description: 'A programme with no active coach, or none with working hours in its booking window, is not offered (it is not bookable).',
        response: { 200: Type.Object({ programmes: Type.Array(Programme) }) },
      },
    },
    async () => {
      const open = await listOpenProgrammesForApi(app.pg.pool)
      const notBookable = await notBookableProgrammes(app.pg.pool, open.map((programme) => programme.id), app.clock.now())
      return { programmes: open.filter((programme) => !notBookable.has(programme.id)).map(programmeJson) }
    },
  )
}

export default programmes
