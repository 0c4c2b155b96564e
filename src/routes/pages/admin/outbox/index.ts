import type { FastifyPluginAsync } from 'fastify'

/** The development start page links here; the outbox lives on the emails page. */
const outbox: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/emails#outbox', 303))
}

export default outbox
