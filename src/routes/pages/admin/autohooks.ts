import type { FastifyInstance } from 'fastify'
import { requireRole } from '../../../plugins/app/auth.js'
import { adminNavigation } from './navigation.js'

/** Every page under /admin: the programme team only. */
export default async function adminAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireRole('admin'))
  // Every admin page has the admin header links (a page may pass its own headerNavigation instead).
  app.addHook('preHandler', async (request, reply) => {
    reply.locals ??= {}
    reply.locals.headerNavigation = adminNavigation(request.url) // assigned, not spread: locals holds lazy getters
  })
}
