/**
 * `npm run bench`: the service measured from outside at programme scale.
 * Not part of `npm test`. See docs/performance.md.
 *
 * 1. A separate database (cc_bench) seeded with set-based SQL: 200 coaches on
 *    programmes of 70/120/10 (and a bench-only one of all 200), 20,000
 *    bookings, 100,000 actions (seed.ts).
 * 2. The real service as its own process in production mode, SMTP to a local
 *    sink; startup timed to GET /readyz answering 200 (processes.ts).
 * 3. Scenarios, each after a warm-up, for a fixed time (BENCH_SECONDS, 10 by
 *    default): slots against a bare Fastify route answering the same body,
 *    slot cost growth, bookings, contention, emails, the follow-up review,
 *    the programme report, memory.
 * 4. A table of figures and targets, then, as the last line, one JSON object.
 *
 * Exit code 0 whether or not targets are met (a measurement); non-zero only
 * when the harness itself fails. Settings: BENCH_SECONDS, BENCH_GROWTH_SECONDS,
 * BENCH_GROWTH_CONNECTIONS, BENCH_BURSTS, BENCH_BURST_SIZE, BENCH_EMAILS,
 * BENCH_EMAIL_TIMEOUT_SECONDS, BENCH_KEEP_DB=1, BENCH_FROM_SOURCE=1,
 * BENCH_BUILD=0, BENCH_SERVICE_ENV="NAME=value,...", BENCH_ONLY="slots,bookings,...",
 * BENCH_REVIEW_EACH=1, BENCH_NODE_ARGS="...", BENCH_SERVICE_OUTPUT=<file>,
 * BENCH_MAJOR_GC_PROFILE=<file> (docs/performance.md, "Settings").
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { bookingsScenario, contentionScenario } from './booking-scenarios.js'
import { MemorySampler, envNumber, sleep, ukDate, type BenchContext, type ProgrammeRef } from './context.js'
import {
  BENCH_DATABASE,
  SEED_VERSION,
  createDatabase,
  dropDatabase,
  markSeeded,
  migrate,
  openBenchServer,
  seedMarker,
  type BenchServer,
} from './database.js'
import { emailsScenario } from './email-scenario.js'
import { PROGRAMMES } from './fixtures.js'
import { prepareRun } from './prepare.js'
import { chooseServiceLaunch, startService, type Memory, type Service } from './processes.js'
import { Report, fmt } from './report.js'
import { seedBenchData } from './seed.js'
import { measureSlotBuilder } from './slot-builder.js'
import { slotsGrowthScenario, slotsScenario } from './slots-scenarios.js'
import { startSmtpSink, type SmtpSink } from './smtp-sink.js'
import { followUpReviewScenario, reportScenario, signInAdmins } from './staff-scenarios.js'

const keep = process.env.BENCH_KEEP_DB === '1'
const seconds = envNumber('BENCH_SECONDS', 10)
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean))
const wanted = (name: string) => only.size === 0 || only.has(name)

const report = new Report()
let server: BenchServer | undefined
let service: Service | undefined
let sink: SmtpSink | undefined
let db: pg.Pool | undefined
let harnessFailed = false

async function setUpDatabase(bench: BenchServer): Promise<string> {
  report.startSection('set-up')
  report.row('database server', bench.where)
  const url = bench.urlFor(BENCH_DATABASE)
  const marker = `${SEED_VERSION} ${ukDate(0)}`
  const found = await seedMarker(bench)
  let reused = false
  if (found !== null && keep && found === marker) {
    try {
      await migrate(url)
      reused = true
    } catch (error) {
      report.note(`the kept database could not be migrated (${(error as Error).message}): seeding a new one`)
    }
  }
  if (!reused) {
    if (found !== null) await dropDatabase(bench)
    await createDatabase(bench)
    const migrateStarted = performance.now()
    await migrate(url)
    report.row('migrations', fmt.s((performance.now() - migrateStarted) / 1000))
    const counts = await seedBenchData(url)
    await markSeeded(url, marker)
    report.row(
      'seed',
      `${fmt.s(counts.seconds)}: ${counts.coaches} coaches, ${counts.programmes} programmes, ${fmt.n(counts.bookings)} bookings ` +
        `(${fmt.n(counts.liveBookings)} live), ${fmt.n(counts.actions)} actions on ${fmt.n(counts.heldConversations)} conversations held, ` +
        `${fmt.n(counts.statusChanges)} status changes`,
    )
    report.set('seed', counts)
  } else {
    report.row('seed', `reused the kept database ${BENCH_DATABASE} (${found})`)
  }
  const preparation = await prepareRun(url)
  if (preparation.removedBookings > 0) report.row('bookings of earlier runs removed', fmt.n(preparation.removedBookings))
  report.row('scheduled emails of the seeded bookings in the queue', fmt.n(preparation.scheduledEmails))
  report.row('VACUUM (ANALYZE) before the run', `${fmt.s(preparation.vacuum.seconds)} (the server's autovacuum is ${preparation.vacuum.autovacuum})`)
  if (preparation.programmeSettings.length > 0) report.row('programme settings opened to the load', preparation.programmeSettings.join('; '))
  return url
}

async function programmeRefs(pool: pg.Pool): Promise<Record<string, ProgrammeRef>> {
  const { rows } = await pool.query<ProgrammeRef>(
    `SELECT p.id, p.slug, p.duration_minutes AS "durationMinutes", count(pc.coach_id)::int AS coaches
       FROM programmes p LEFT JOIN programme_coaches pc ON pc.programme_id = p.id
      WHERE p.slug = ANY($1) GROUP BY p.id`,
    [Object.values(PROGRAMMES).map((p) => p.slug)],
  )
  return Object.fromEntries(rows.map((r) => [r.slug, r]))
}

function memoryRow(label: string, memory: Memory | null): number {
  report.row(label, memory ? `${fmt.mb(memory.rssMb)} (high-water ${fmt.mb(memory.hwmMb)})` : 'n/a')
  return memory?.rssMb ?? Number.NaN
}

/** Whether the service answers GET /readyz with 200 within 15 s (its database pool included). */
async function ready(): Promise<boolean> {
  try {
    const response = await fetch(`${service!.baseUrl}/readyz`, { signal: AbortSignal.timeout(15_000) })
    await response.arrayBuffer()
    return response.status === 200
  } catch {
    return false
  }
}

/** Runs one scenario; a failure is reported and the others still run (unless the service has gone or stopped answering). */
async function scenario(name: string, run: () => Promise<unknown>): Promise<boolean> {
  if (!wanted(name)) return true
  if (service && !service.alive()) return false
  if (service && !(await ready())) {
    report.problem(`the service no longer answers GET /readyz (15 s) before "${name}": the remaining scenarios are skipped. Its last output:\n${service.log.tail(20)}`)
    return false
  }
  try {
    await run()
  } catch (error) {
    const alive = service?.alive() ?? false
    report.problem(`scenario "${name}" failed${alive ? '' : ' (THE SERVICE HAS EXITED)'}: ${(error as Error).stack ?? String(error)}`)
    if (alive) harnessFailed = true
  }
  if (service && !service.alive()) {
    report.problem(`the service exited during "${name}". Its last output:\n${service.log.tail(30)}`)
    return false
  }
  return true
}

function throughputRatios(): Record<string, number> {
  const f = report.figures as Record<string, Record<string, unknown> | undefined>
  const baseline = (f.baseline?.requestsPerSecond as number | undefined) ?? Number.NaN
  const ratios: Record<string, number> = {}
  const add = (key: string, value: unknown) => {
    if (typeof value === 'number') ratios[key] = value / baseline
  }
  add('slots', f.slots?.requestsPerSecond)
  const growth = f.slotsGrowth as { cells?: { coaches: number; days: number; requestsPerSecond: number }[]; fixedQuery?: { requestsPerSecond: number } } | undefined
  for (const cell of growth?.cells ?? []) add(`slotsGrowth_${cell.coaches}x${cell.days}`, cell.requestsPerSecond)
  add('slotsGrowth_fixed_70x14', growth?.fixedQuery?.requestsPerSecond)
  add('bookings', f.bookings?.bookingsPerSecond)
  const review = f.followUpReview as { api?: { requestsPerSecond?: number }; page?: { requestsPerSecond?: number } } | undefined
  add('followUpReviewApi', review?.api?.requestsPerSecond)
  add('followUpReviewPage', review?.page?.requestsPerSecond)
  const programmeReport = f.report as { api?: { requestsPerSecond?: number }; page?: { requestsPerSecond?: number } } | undefined
  add('reportApi', programmeReport?.api?.requestsPerSecond)
  add('reportPage', programmeReport?.page?.requestsPerSecond)
  add('emailsKnownBatch', (f.emails as { knownBatch?: { messagesPerSecond?: number } } | undefined)?.knownBatch?.messagesPerSecond)
  return ratios
}

async function main(): Promise<void> {
  console.log(`Career conversations benchmark: ${seconds} s per scenario${keep ? ', keeping the database' : ''}`)
  report.set('settings', { seconds, keepDatabase: keep, only: [...only], node: process.version, startedAt: new Date().toISOString() })
  server = await openBenchServer(keep)
  const url = await setUpDatabase(server)
  db = new pg.Pool({ connectionString: url, max: 4 })
  const programmes = await programmeRefs(db)

  sink = await startSmtpSink()
  const launch = chooseServiceLaunch()
  report.row('service command', `${launch.command.slice(1).join(' ')}: ${launch.note}`)
  if (launch.command.includes('tsx')) report.note(`the service ran from the TypeScript source through tsx, not a build (${launch.note})`)
  service = await startService({ databaseUrl: url, smtpUrl: sink.url, launch })
  const raised = Object.entries(service.settings)
  report.row('limits raised through the settings', raised.length > 0 ? raised.map(([k, v]) => `${k}=${v}`).join(', ') : 'none declared in src/config.ts')
  report.row('startup: spawn to /readyz 200', fmt.s(service.startupSeconds), '< 3 s', service.startupSeconds < 3)
  report.set('startup', { seconds: service.startupSeconds, command: launch.command.slice(1).join(' '), note: launch.note, buildSeconds: launch.buildSeconds })

  await sleep(2000)
  report.startSection('memory, idle')
  const idle = memoryRow('RSS idle after start', service.memory())

  const context: BenchContext = { service, db, sink, report, seconds, programmes, runId: randomBytes(4).toString('hex') }
  const sampler = new MemorySampler(service)
  sampler.start()
  let baselineResult: Awaited<ReturnType<typeof slotsScenario>>['baseline'] | undefined
  const steps: [string, () => Promise<unknown>][] = [
    ['slots', async () => (baselineResult = (await slotsScenario(context)).baseline)],
    [
      'growth',
      async () => {
        if (baselineResult) await slotsGrowthScenario(context, baselineResult)
      },
    ],
    ['bookings', () => bookingsScenario(context)],
    ['contention', () => contentionScenario(context)],
    ['emails', () => emailsScenario(context)],
    [
      'review',
      async () => {
        await signInAdmins(context)
        await followUpReviewScenario(context)
      },
    ],
    [
      'report',
      async () => {
        if (!context.adminCookies) await signInAdmins(context)
        await reportScenario(context)
      },
    ],
  ]
  if (only.has('growth') && !only.has('slots')) only.add('slots')
  for (const [name, run] of steps) {
    if (!(await scenario(name, run))) break
  }
  sampler.stop()

  report.startSection('memory')
  const peak = Math.max(sampler.peakRssMb, 0)
  report.row('RSS peak under load (sampled every 200 ms)', fmt.mb(peak), '< 300 MB', peak < 300)
  let after = Number.NaN
  if (service.alive()) {
    await sleep(5000)
    after = memoryRow('RSS 5 s after the last scenario', service.memory())
    const near = Math.max(idle * 1.25, idle + 50)
    report.row('back near idle', `${fmt.mb(after)} vs idle ${fmt.mb(idle)}`, `<= ${fmt.mb(near)} (idle +25% or +50 MB)`, after <= near)
  }
  report.set('memory', { idleRssMb: idle, peakRssMb: peak, afterRssMb: after, highWaterMb: service.memory()?.hwmMb ?? null })

  report.startSection('service')
  report.row('errors the service logged', `${service.log.errorCount}${service.log.errorSamples.length ? `: ${service.log.errorSamples.join(' || ')}` : ''}`)
  report.set('serviceErrorsLogged', { count: service.log.errorCount, samples: service.log.errorSamples })
  const micro = measureSlotBuilder()
  report.row('slot builder in-process, 3 coaches x 8 weeks (median / p95)', `${fmt.ms(micro.medianMs)} / ${fmt.ms(micro.p95Ms)}`)
  report.set('slotBuilderInProcess', micro)
}

let cleaning: Promise<void> | undefined
/** Stops everything the run started, once. */
function cleanUp(): Promise<void> {
  cleaning ??= stopEverything()
  return cleaning
}

async function stopEverything(): Promise<void> {
  if (service) {
    const stopped = await service.stop().catch((error: Error) => ({ seconds: Number.NaN, graceful: false, exitCode: null, error: error.message }))
    report.row('shutdown on SIGTERM', `${fmt.s(stopped.seconds)}${stopped.graceful ? '' : ' (had to be killed)'}, exit code ${stopped.exitCode}`)
    report.set('shutdown', stopped)
  }
  await sink?.close().catch(() => undefined)
  await db?.end().catch(() => undefined)
  if (server) {
    if (!keep) await dropDatabase(server).catch((error: Error) => report.note(`could not drop ${BENCH_DATABASE}: ${error.message}`))
    await server.stop().catch(() => undefined)
  }
  rmSync(path.join(tmpdir(), `cc-bench-slots-body-${process.pid}.json`), { force: true })
}

let finished = false
function finish(code: number): void {
  if (finished) return
  finished = true
  report.set('throughputRatioToBaseline', throughputRatios())
  report.printTable()
  console.log(report.json())
  process.exit(code)
}

const interrupted = (signal: string) => {
  report.problem(`interrupted by ${signal}: the figures are partial`)
  void cleanUp().finally(() => finish(130))
}
process.once('SIGINT', () => interrupted('SIGINT'))
process.once('SIGTERM', () => interrupted('SIGTERM'))

try {
  await main()
} catch (error) {
  harnessFailed = true
  report.problem(`THE HARNESS FAILED: ${(error as Error).stack ?? String(error)}`)
} finally {
  await cleanUp()
}
finish(harnessFailed ? 1 : 0)
