import type { FastifyPluginAsync } from 'fastify'
import { formatDuration } from '../../domain/time/index.js'
import { listActiveProgrammes } from '../../repositories/programmes.js'

/** The start page: what a career conversation is, and the way in to booking. */
const start: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    // Each programme sets its own length: say it, or the range when they differ.
    const open = await listActiveProgrammes(app.pg.pool)
    const minutes = open.map((programme) => programme.durationMinutes)
    const shortest = Math.min(...minutes)
    const longest = Math.max(...minutes)
    const lengthText =
      minutes.length === 0 ? null : shortest === longest ? `about ${formatDuration(shortest)}` : `between ${formatDuration(shortest)} and ${formatDuration(longest)}`
    return reply.view('pages/start.njk', { lengthText })
  })
}

export default start
