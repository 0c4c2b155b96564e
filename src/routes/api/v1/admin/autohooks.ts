import type { FastifyInstance } from 'fastify'
import { requireAdminOrToken } from '../../../../plugins/app/auth.js'

/** Every route under /api/v1/admin: the programme team (401 signed out, 403 another role), or a system's API token with the route's scope. */
export default async function adminApiAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireAdminOrToken)
}
