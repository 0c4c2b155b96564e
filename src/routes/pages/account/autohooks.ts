import type { FastifyInstance } from 'fastify'
import { requireStaff } from '../../../plugins/app/auth.js'

/** Every page under /account: anyone signed in, about their own account. */
export default async function accountAccess(app: FastifyInstance) {
  app.addHook('onRequest', requireStaff)
}
