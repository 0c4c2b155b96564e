import fp from 'fastify-plugin'
import postgres from '@fastify/postgres'
import type { AppOptions } from '../../app.js'
import { guardPool } from '../../database/guard-pool.js'

/** How long to wait for a connection from the pool (or a new one from the server). */
const CONNECT_TIMEOUT_MS = 5_000
/** The longest any statement may run; the longest is a year's report, well under a second. */
const STATEMENT_TIMEOUT_MS = 30_000
/** A transaction left open and idle this long is ended by the server, letting its locks go. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000

/** `app.pg`: the one pg.Pool that raw SQL, Prisma and the job worker share. */
export default fp<AppOptions>(
  async (app, options) => {
    const connectionString = options.config.DATABASE_URL
    if (!connectionString) throw new Error('DATABASE_URL must be set before the app is built')
    await app.register(postgres, {
      connectionString,
      max: 20,
      application_name: 'career-conversations',
      // Nothing waits on the database for ever: a request that cannot get a connection, or whose
      // statement hangs (a frozen or restarting server), fails in seconds and is answered 503.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      // The server's own timer cannot fire when the server is frozen: the client's does.
      query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    })
    guardPool(app.pg.pool, (error) => app.log.error({ err: error }, 'database connection failed'))
  },
  { name: 'postgres' },
)
