import type { FastifyPluginAsync } from 'fastify'

/** /admin/data: data protection for the programme team: requests, retention, the audit log. Access: ../autohooks.ts. */
const dataProtection: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.view('pages/admin/data/index.njk', {}))
}

export default dataProtection
