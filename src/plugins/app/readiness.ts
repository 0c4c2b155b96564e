import fp from 'fastify-plugin'
import { pendingMigrations, readMigrations } from '../../database/migrations.js'

export interface Readiness {
  database: boolean
  migrations: boolean
  worker: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What /readyz reports: can this process serve requests and run jobs? */
    checkReadiness(): Promise<Readiness>
  }
}

export default fp(
  async (app) => {
    const migrations = await readMigrations()
    app.decorate('checkReadiness', async (): Promise<Readiness> => {
      const database = await app.pg
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false)
      const pending = database ? await pendingMigrations(app.pg.pool, migrations).catch(() => ['unknown']) : ['unknown']
      return { database, migrations: pending.length === 0, worker: app.jobs.isRunning() }
    })
  },
  { name: 'readiness', dependencies: ['postgres', 'jobs'] },
)
