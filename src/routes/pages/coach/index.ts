import type { FastifyPluginAsync } from 'fastify'

/** The coach's landing page (access: ./autohooks.ts). */
const coachHome: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.view('pages/staff/dashboard.njk', { heading: 'Your coaching' }),
  )
}

export default coachHome
