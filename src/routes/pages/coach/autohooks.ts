import type { FastifyInstance } from 'fastify'
import { requireCoach } from '../../../plugins/app/auth.js'

/** Every page under /coach: a signed-in member of staff with a coach profile. */
export default async function coachAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireCoach)
}
