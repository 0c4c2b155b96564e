import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { describeTimeZone } from '../../../../domain/availability/index.js'
import { listCoaches } from '../../../../repositories/availability.js'
import availabilityPages from '../../coach/availability/availability-pages.js'

/**
 * /admin/coaches: every coach, with a link to change their availability at
 * /admin/coaches/:coachId/availability (the same pages and checks a coach
 * uses for their own; an unknown coach is a 404). Access: ../autohooks.ts.
 */
const adminCoaches: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const coaches = await listCoaches(app.pg.pool)
    return reply.view('pages/availability/coaches.njk', {
      coaches: coaches.map((coach) => ({ ...coach, timeZone: describeTimeZone(coach.timeZone) })),
    })
  })

  await app.register(availabilityPages, { scope: 'admin', prefix: '/:coachId/availability' })
}

export default adminCoaches
