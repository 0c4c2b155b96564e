import type { FastifyPluginAsync } from 'fastify'

/** The start page: what a career conversation is, and the way in to booking. */
const start: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.view('pages/start.njk'))
}

export default start
