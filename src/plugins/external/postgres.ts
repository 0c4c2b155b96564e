import fp from 'fastify-plugin'
import postgres from '@fastify/postgres'
import type { AppOptions } from '../../app.js'
import { guardPool } from '../../database/guard-pool.js'

/** `app.pg`: the one pg.Pool that raw SQL, Prisma and the job worker share. */
export default fp<AppOptions>(
  async (app, options) => {
    const connectionString = options.config.DATABASE_URL
    if (!connectionString) throw new Error('DATABASE_URL must be set before the app is built')
    await app.register(postgres, { connectionString, max: 20, application_name: 'career-conversations' })
    guardPool(app.pg.pool, (error) => app.log.error({ err: error }, 'database connection failed'))
  },
  { name: 'postgres' },
)
