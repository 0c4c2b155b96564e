import fp from 'fastify-plugin'
import { EventEmitter } from 'node:events'
import { run, type Runner, type WorkerEvents } from 'graphile-worker'
import type { AppOptions } from '../../app.js'
import { createTaskList } from '../../jobs/index.js'
import { CALENDAR_SYNCS_CRONTAB } from '../../jobs/calendar-sync.js'
import { COACH_AGENDA_CRONTAB } from '../../jobs/coach-daily-agendas.js'
import { FAILING_EMAILS_DIGEST_CRONTAB } from '../../jobs/failing-emails-digest.js'
import { OVERDUE_ACTIONS_DIGEST_CRONTAB } from '../../jobs/overdue-actions-digest.js'
import { PURGE_SLOT_HOLDS_CRONTAB } from '../../jobs/purge-slot-holds.js'
import { WAITLIST_SWEEP_CRONTAB } from '../../jobs/waitlist-match.js'
import { RETENTION_CRONTAB } from '../../jobs/retention.js'
import { workerLogger } from '../../jobs/worker-logger.js'
import { WorkerLiveness } from '../../jobs/worker-liveness.js'
import { recoverAbandonedJobs } from '../../repositories/worker-liveness.js'
import { REMOVE_RUN_AT_STATISTICS_SQL, ensureDueJobsIndex, ensureNoRunAtStatistics } from '../../jobs/due-jobs-index.js'
import { givingWayToRequests } from '../../jobs/give-way-to-requests.js'
import { countRequestsInFlight } from '../../http/requests-in-flight.js'
import { checkVacuum, vacuumWarning } from '../../database/vacuum-check.js'
import type { JobQueue, WorkerState } from '../../domain/ports/job-queue.js'
import { addJob, addJobs, removeJob } from '../../repositories/job-queue.js'

export type { WorkerState }

/** How long to wait before starting a stopped worker again, doubling up to the longest. */
const FIRST_RESTART_PAUSE_MS = 500
const LONGEST_RESTART_PAUSE_MS = 15_000
/**
 * Jobs wait to start while the service answers this many requests at once, for at most the longest wait
 * (src/jobs/give-way-to-requests.ts).
 */
const BUSY_REQUESTS = 4
const LONGEST_GIVE_WAY_MS = 2_000
const GIVE_WAY_CHECK_MS = 20
/** How often a running worker looks for jobs that a dead worker (here or on another instance) left locked. */
const RECOVERY_INTERVAL_MS = 60_000

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue
  }
}

/** `app.jobs`: the graphile-worker queue in PostgreSQL, and the worker when this process runs one. */
export default fp<AppOptions>(
  async (app, options) => {
    let runner: Runner | undefined
    const pool = app.pg.pool

    const jobs: JobQueue = {
      async add(task, payload, { client, ...job } = {}) {
        const db = client ?? pool
        const id = await addJob(db, task, payload, job)
        // graphile-worker adds nothing when a worker takes the keyed job between add_job's two statements (its own
        // race, graphile/worker#580): the job taken may have read the world before this change. Asked again, add_job
        // sees the job taken and adds a new one, as it does for a job already running.
        if (job.jobKey && id == null) await addJob(db, task, payload, job)
      },
      async addMany(specs, client) {
        if (specs.length === 0) return
        const db = client ?? pool
        const added = await addJobs(db, specs)
        // The same race as add's (graphile/worker#580): a keyed job taken by a worker between add_jobs' statements
        // is neither replaced nor added. Asked again, add_jobs sees it taken and adds a new one.
        const missed = specs.filter((spec) => spec.jobKey !== undefined && !added.has(spec.jobKey))
        if (missed.length > 0) await addJobs(db, missed)
      },
      async remove(jobKey, client) {
        await removeJob(client ?? pool, jobKey)
      },
      isRunning: () => runner !== undefined,
      workerState: () => (runner !== undefined ? 'running' : options.runWorker && !closing ? 'restarting' : 'off'),
    }
    app.decorate('jobs', jobs)

    let closing = false
    if (!options.runWorker) return
    const requestsInFlight = countRequestsInFlight(app.server)
    let restartTimer: NodeJS.Timeout | undefined
    let pause = FIRST_RESTART_PAUSE_MS
    let vacuumChecked = false
    /** Whether this process has said that the queue's statistics on run_at need a superuser (said once, not at each restart). */
    let statisticsWarned = false
    /** The ids (pool and workers) of runners that died: their jobs are freed when a new runner starts. */
    const deadWorkerIds = new Set<string>()
    const liveness = new WorkerLiveness(pool, app.log)
    let recoveryTimer: NodeJS.Timeout | undefined
    /** Frees the jobs of dead workers and their "sending" deliveries (src/jobs/worker-liveness.ts). */
    const recover = async () => {
      const known = [...deadWorkerIds]
      const recovered = await recoverAbandonedJobs(pool, known)
      for (const id of known) deadWorkerIds.delete(id)
      if (recovered.workers.length > 0) {
        app.log.warn({ workers: recovered.workers, deliveries: recovered.deliveries }, 'freed the jobs of job workers that died')
      }
    }

    /**
     * Starts a runner and watches it. graphile-worker stops its runner (and
     * rejects `runner.promise`) when it cannot record a job's outcome, for
     * example while the database restarts; unwatched, that rejection ended the
     * process. Now it is logged and a new runner is started once the database
     * answers again, first freeing the jobs the dead runner had taken (else
     * they would stay locked for graphile-worker's 4 hours).
     */
    const start = async (): Promise<void> => {
      const workerIds: string[] = []
      const events = new EventEmitter() as WorkerEvents
      // Jobs are locked in the name of the pool (and, in some modes, of each worker): free both.
      // Each id is held alive in PostgreSQL while this process runs it (src/jobs/worker-liveness.ts).
      const alive = (id: string) => {
        workerIds.push(id)
        liveness.hold(id).catch((error: unknown) => app.log.warn({ err: error }, 'could not mark a job worker alive'))
      }
      events.on('pool:create', ({ workerPool }) => alive(workerPool.id))
      events.on('worker:create', ({ worker }) => alive(worker.workerId))
      events.on('cron:started', () => options.onSchedulerStarted?.())
      // Jobs a dead worker held (this process's, or another instance's that crashed) run again now, not in 4 hours.
      await recover()
      const started = await run({
        pgPool: pool,
        taskList: givingWayToRequests({ ...createTaskList(app), ...options.tasks }, {
          busy: () => requestsInFlight() >= BUSY_REQUESTS,
          longestWaitMs: LONGEST_GIVE_WAY_MS,
          checkEveryMs: GIVE_WAY_CHECK_MS,
        }),
        // Jobs are mostly emails waiting on SMTP: several at once keep the relay busy (the pool has 20 connections).
        concurrency: options.config.JOBS_AT_ONCE,
        pollInterval: 1000,
        noHandleSignals: true,
        crontab: [COACH_AGENDA_CRONTAB, OVERDUE_ACTIONS_DIGEST_CRONTAB, FAILING_EMAILS_DIGEST_CRONTAB, RETENTION_CRONTAB, PURGE_SLOT_HOLDS_CRONTAB, CALENDAR_SYNCS_CRONTAB, WAITLIST_SWEEP_CRONTAB, options.crontab ?? '']
          .filter(Boolean)
          .join('\n'),
        logger: workerLogger(app.log),
        events,
        // Job outcomes are recorded through graphile-worker's batching, whose failures stop the runner
        // (watched below) instead of rejecting a promise nobody awaits.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      })
      runner = started
      pause = FIRST_RESTART_PAUSE_MS
      // After run(), which sets up graphile-worker's schema. Only speed hangs on it, so a failure is logged, not thrown:
      // the runner is already running, and throwing would start a second one.
      await ensureDueJobsIndex(pool).catch((error: unknown) => app.log.warn({ err: error }, 'could not make the index of due jobs'))
      const statistics = await ensureNoRunAtStatistics(pool).catch((error: unknown) => {
        app.log.warn({ err: error }, 'could not remove the job queue’s statistics on run_at')
        return null
      })
      if (statistics === 'not allowed' && !statisticsWarned) {
        statisticsWarned = true
        app.log.warn(`the job queue keeps statistics on run_at, so a backlog of due jobs is read whole at each fetch; as a superuser, run: ${REMOVE_RUN_AT_STATISTICS_SQL}`)
      }
      // Once a process: whether PostgreSQL will vacuum the queue and the other tables that churn (an operator's setting).
      if (!vacuumChecked) {
        vacuumChecked = true
        const warning = await checkVacuum(pool).then(vacuumWarning, () => null)
        if (warning) app.log.warn(warning)
      }
      // Settled only when the runner stops: by our own stop() when closing, or by graphile-worker giving up.
      const stopped = (error?: unknown) => {
        if (runner === started) runner = undefined
        for (const id of workerIds) deadWorkerIds.add(id)
        void liveness.release(workerIds)
        if (closing) return
        app.log.error({ err: error }, 'the job worker stopped; it starts again when the database answers')
        restartLater()
      }
      started.promise.then(() => stopped(), stopped)
    }
    const restartLater = () => {
      restartTimer = setTimeout(() => {
        if (closing) return
        start().catch((error: unknown) => {
          app.log.warn({ err: error }, 'the job worker could not start yet; trying again')
          restartLater()
        })
      }, pause)
      pause = Math.min(pause * 2, LONGEST_RESTART_PAUSE_MS)
    }

    app.addHook('onReady', async () => {
      await start()
      recoveryTimer = setInterval(() => {
        if (runner) recover().catch((error: unknown) => app.log.warn({ err: error }, 'could not look for jobs of dead workers'))
      }, RECOVERY_INTERVAL_MS)
      recoveryTimer.unref()
    })
    // Runs before the pool closes (close hooks run last-registered first): running jobs finish.
    app.addHook('onClose', async () => {
      closing = true
      if (restartTimer) clearTimeout(restartTimer)
      if (recoveryTimer) clearInterval(recoveryTimer)
      const stopping = runner
      runner = undefined
      await stopping?.stop()
      await liveness.close()
    })
  },
  { name: 'jobs', dependencies: ['postgres', 'mailer'] },
)
