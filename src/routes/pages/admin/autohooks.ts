import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../../plugins/app/auth.js'

/** Every page under /admin: the programme team only. */
export default async function adminAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireRole('admin'))
}
