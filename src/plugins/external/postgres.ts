import fp from 'fastify-plugin'
import postgres from '@fastify/postgres'
import type { AppOptions } from '../../app.js'

/** `app.pg`: the one pg.Pool that raw SQL, Prisma and the job worker share. */
export default fp<AppOptions>(
  async (app, options) => {
    const connectionString = options.config.DATABASE_URL
    if (!connectionString) throw new Error('DATABASE_URL must be set before the app is built')
    await app.register(postgres, { connectionString, max: 20, application_name: 'career-conversations' })
    // A dropped idle connection must not crash the process; the pool replaces it.
    app.pg.pool.on('error', (error) => app.log.error({ err: error }, 'idle database connection failed'))
  },
  { name: 'postgres' },
)
