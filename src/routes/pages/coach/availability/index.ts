import type { FastifyPluginAsync } from 'fastify'
import availabilityPages from './availability-pages.js'

/** /coach/availability: the signed-in coach's own availability (access: ../autohooks.ts). No other coach's is reachable here. */
const coachAvailability: FastifyPluginAsync = async (app) => {
  await app.register(availabilityPages, { scope: 'coach' })
}

export default coachAvailability
