import type { FastifyInstance } from 'fastify'
import { requireAdminOrToken } from '../../../../plugins/app/auth.js'

/** Every route under /api/v1/reports: the programme team only (401 signed out, 403 another role). */
export default async function reportsApiAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireAdminOrToken)
}
