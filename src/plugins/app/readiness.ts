import fp from 'fastify-plugin'
import { pendingMigrations, readMigrations } from '../../database/migrations.js'
import { anyDeliveryFailingSince } from '../../repositories/failing-email-deliveries.js'
import { pingDatabase } from '../../repositories/readiness.js'

/**
 * What /readyz reports, each check saying only what it really knows, and the
 * whole answer within a second however the database behaves (a frozen
 * server, a full pool): a check that has not answered by then is reported as
 * failing (the database) or unknown (the migrations, the mail).
 *
 * - database: `ok` when `SELECT 1` answers, else `failing`;
 * - migrations: `ok`, `pending` (the code has migrations the database lacks),
 *   or `unknown` when the database cannot be asked;
 * - worker: from the job supervisor: `ok` (running), `restarting` (stopped by
 *   a fault and being started again), `failing` (this process runs none);
 * - mail: `failing` while any delivery's latest attempt failed in the last
 *   day (it is waiting to be tried again, or has failed for good: see
 *   /admin/emails), `ok` otherwise, `unknown` when the database cannot say.
 *
 * Ready (200) needs the database, the migrations and the worker; mail
 * failing is reported but does not take the instance out of a load
 * balancer (it could not send mail any better out of it).
 */

type DatabaseCheck = 'ok' | 'failing'
type MigrationsCheck = 'ok' | 'pending' | 'unknown'
type WorkerCheck = 'ok' | 'restarting' | 'failing'
type MailCheck = 'ok' | 'failing' | 'unknown'

interface Readiness {
  ready: boolean
  checks: { database: DatabaseCheck; migrations: MigrationsCheck; worker: WorkerCheck; mail: MailCheck }
}

/** The longest /readyz waits for the database; the answer comes within a second. */
const READINESS_DEADLINE_MS = 700

declare module 'fastify' {
  interface FastifyInstance {
    /** What /readyz reports: can this process serve requests and run jobs, and is mail going out? */
    checkReadiness(): Promise<Readiness>
  }
}

/** The work's answer, or `fallback` if it has not come by the deadline (the work goes on, its answer unused). */
function within<T>(deadline: Promise<void>, work: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([work.catch(() => fallback), deadline.then(() => fallback)])
}

/**
 * Mail is `failing` while a delivery whose latest attempt failed was tried this recently: longer than
 * graphile-worker's longest wait between attempts (about 6 hours), so mail that keeps failing stays reported.
 */
const MAIL_FAILING_WINDOW = '24 hours'

export default fp(
  async (app) => {
    const migrations = await readMigrations()
    app.decorate('checkReadiness', async (): Promise<Readiness> => {
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, READINESS_DEADLINE_MS)))
      try {
        const database = within<DatabaseCheck>(
          deadline,
          pingDatabase(app.pg.pool).then(() => 'ok' as const),
          'failing',
        )
        const pending = within<MigrationsCheck>(
          deadline,
          pendingMigrations(app.pg.pool, migrations).then((names) => (names.length === 0 ? 'ok' : 'pending')),
          'unknown',
        )
        const mail = within<MailCheck>(
          deadline,
          anyDeliveryFailingSince(app.pg.pool, MAIL_FAILING_WINDOW).then((failing) => (failing ? 'failing' : 'ok')),
          'unknown',
        )
        const state = app.jobs.workerState()
        const worker: WorkerCheck = state === 'running' ? 'ok' : state === 'restarting' ? 'restarting' : 'failing'
        const checks = { database: await database, migrations: await pending, worker, mail: await mail }
        // Migrations are only known when the database answers.
        if (checks.database === 'failing') checks.migrations = 'unknown'
        if (checks.database === 'failing' && checks.mail === 'ok') checks.mail = 'unknown'
        return { ready: checks.database === 'ok' && checks.migrations === 'ok' && worker === 'ok', checks }
      } finally {
        clearTimeout(timer)
      }
    })
  },
  { name: 'readiness', dependencies: ['postgres', 'jobs'] },
)
