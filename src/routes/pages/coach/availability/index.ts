import type { FastifyPluginAsync } from 'fastify'
import availabilityPages from './availability-pages.js'
import { headerNavigation } from '../notes-view.js'

/** /coach/availability: the signed-in coach's own availability (access: ../autohooks.ts). No other coach's is reachable here. */
const coachAvailability: FastifyPluginAsync = async (app) => {
  // The coach's header links on every availability page, "Availability" current.
  app.addHook('preHandler', async (_request, reply) => {
    reply.locals ??= {}
    reply.locals.headerNavigation = headerNavigation('availability') // assigned, not spread: locals holds lazy getters
  })
  await app.register(availabilityPages, { scope: 'coach' })
}

export default coachAvailability
