import type { FastifyPluginAsync } from 'fastify'

/** The programme team's landing page (access: ./autohooks.ts). */
const adminHome: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.view('pages/staff/dashboard.njk', { heading: 'Programme administration' }),
  )
}

export default adminHome
