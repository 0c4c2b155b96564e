/**
 * The processes the benchmark drives: the real service (production mode, as
 * `npm start` runs it: `node dist/src/server.js`) and the bare Fastify
 * baseline, each its own child process; their memory read from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { configSchema } from '../../src/config.js'
import { freePort } from '../support/free-port.js'
import { SESSION_SECRET } from './fixtures.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
/**
 * Where the service is run from: this checkout, or BENCH_SERVICE_DIR (another
 * checkout, e.g. a git worktree of an earlier commit with node_modules linked
 * in, for "before" figures measured by the same harness).
 */
export const SERVICE_ROOT = path.resolve(process.env.BENCH_SERVICE_DIR ?? ROOT)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface Memory {
  /** Resident set size now, MB. */
  rssMb: number
  /** Highest resident set size since the process started, MB. */
  hwmMb: number
}

export function memoryOf(pid: number | undefined): Memory | null {
  if (!pid) return null
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** The last lines a child wrote, and the errors it logged (pino level >= 50). */
class OutputLog {
  lines: string[] = []
  errorCount = 0
  errorSamples: string[] = []
  private partial = ''

  attach(child: ChildProcess): void {
    const take = (chunk: Buffer) => {
      const text = this.partial + chunk.toString('utf8')
      const lines = text.split('\n')
      this.partial = lines.pop() ?? ''
      for (const line of lines) this.add(line)
    }
    child.stdout?.on('data', take)
    child.stderr?.on('data', take)
    // BENCH_SERVICE_OUTPUT=/tmp/service.log: everything the service prints, kept whole (with --trace-gc, say).
    const whole = process.env.BENCH_SERVICE_OUTPUT
    if (whole) {
      const file = createWriteStream(whole, { flags: 'a' })
      child.stdout?.pipe(file)
      child.stderr?.pipe(file)
    }
  }

  private add(line: string): void {
    this.lines.push(line)
    if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400)
    const level = /"level":\s*(\d+)/.exec(line)?.[1]
    if (level && Number(level) >= 50) {
      this.errorCount++
      const summary = summariseLogLine(line)
      if (this.errorSamples.length < 8 && !this.errorSamples.includes(summary)) this.errorSamples.push(summary)
    }
  }

  tail(count = 40): string {
    return this.lines.slice(-count).join('\n')
  }
}

function summariseLogLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; code?: string }; req?: { url?: string } }
    return [entry.msg, entry.err?.code, entry.err?.message, entry.req?.url].filter(Boolean).join(' | ').slice(0, 300)
  } catch {
    return line.slice(0, 300)
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
    sleep(ms).then(() => false),
  ])
}

/** Stops a child: SIGTERM, then SIGKILL if it has not gone after `graceMs`. Gives how long it took and whether it went by itself. */
async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<{ seconds: number; graceful: boolean; exitCode: number | null }> {
  const started = performance.now()
  if (child.exitCode !== null || child.signalCode !== null) return { seconds: 0, graceful: true, exitCode: child.exitCode }
  child.kill('SIGTERM')
  let graceful = await waitForExit(child, graceMs)
  if (!graceful) {
    child.kill('SIGKILL')
    await waitForExit(child, 5_000)
    graceful = false
  }
  return { seconds: (performance.now() - started) / 1000, graceful, exitCode: child.exitCode }
}

// --- The service -------------------------------------------------------------

export interface ServiceLaunch {
  command: string[]
  /** How the code to run was chosen or built, for the report. */
  note: string
  buildSeconds: number | null
}

/**
 * `node dist/src/server.js`, built first when the build is missing or older
 * than the source (the project's own build script decides). Without a build
 * script and a build, the TypeScript source through tsx (said in the report).
 * BENCH_FROM_SOURCE=1 forces the source.
 */
export function chooseServiceLaunch(): ServiceLaunch {
  const fromSource: ServiceLaunch = {
    command: [process.execPath, '--import', 'tsx', 'src/server.ts'],
    note: 'TypeScript source through tsx (no build available): startup includes compiling',
    buildSeconds: null,
  }
  if (process.env.BENCH_FROM_SOURCE === '1') return { ...fromSource, note: 'TypeScript source through tsx (BENCH_FROM_SOURCE=1)' }
  const built = path.join(SERVICE_ROOT, 'dist', 'src', 'server.js')
  const scripts = (JSON.parse(readFileSync(path.join(SERVICE_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {}
  const distCommand = [process.execPath, ...startNodeFlags(scripts.start), 'dist/src/server.js']
  const buildScript = path.join(SERVICE_ROOT, 'src', 'cli', 'build.mjs')

  let build: string[] | null = null
  if (existsSync(buildScript)) build = [process.execPath, buildScript, '--if-stale']
  else if (!existsSync(built) && scripts.build) build = ['npm', 'run', 'build']
  if (process.env.BENCH_BUILD === '0') build = null

  let buildSeconds: number | null = null
  let note = `node ${distCommand.slice(1).join(' ')} (the build was up to date)`
  if (build) {
    const started = performance.now()
    const result = spawnSync(build[0]!, build.slice(1), { cwd: SERVICE_ROOT, encoding: 'utf8' })
    buildSeconds = (performance.now() - started) / 1000
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
    if (result.status !== 0) {
      if (!existsSync(built)) {
        return { ...fromSource, note: `the build failed and there is no earlier build, so the TypeScript source through tsx. Build output: ${output.slice(-500)}` }
      }
      note = `node dist/src/server.js: THE BUILD OF THE CURRENT SOURCE FAILED, so this measures the last good build. Build output: ${output.slice(-500)}`
    } else if (/Building/.test(output)) {
      note = `node ${distCommand.slice(1).join(' ')} (built first: ${buildSeconds.toFixed(1)} s)`
    }
  }
  if (!existsSync(built)) return fromSource
  return { command: distCommand, note, buildSeconds }
}

/**
 * Every limit the configuration declares as a setting (a name with LIMIT or
 * RATE in it), raised as far as the setting allows: the load stands for many
 * candidates on one loopback address. BENCH_SERVICE_ENV="A=1,B=2" adds more.
 */
export function loadSettings(): Record<string, string> {
  const raised: Record<string, string> = {}
  const properties = (configSchema as unknown as { properties: Record<string, { type?: string; maximum?: number }> }).properties
  for (const [name, schema] of Object.entries(properties)) {
    if (!/LIMIT|RATE/.test(name)) continue
    if (schema.type === 'integer' || schema.type === 'number') raised[name] = String(schema.maximum ?? 1_000_000)
  }
  for (const pair of (process.env.BENCH_SERVICE_ENV ?? '').split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) raised[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
  }
  return raised
}

export interface Service {
  pid: number
  baseUrl: string
  launch: ServiceLaunch
  /** Seconds from spawn to GET /readyz answering 200. */
  startupSeconds: number
  settings: Record<string, string>
  log: OutputLog
  memory(): Memory | null
  alive(): boolean
  stop(): Promise<{ seconds: number; graceful: boolean; exitCode: number | null }>
}

export async function startService(options: { databaseUrl: string; smtpUrl: string; launch: ServiceLaunch }): Promise<Service> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const settings = loadSettings()
  const env: NodeJS.ProcessEnv = { ...process.env }
  // Nothing of the harness's own environment leaks into the service's settings.
  for (const name of Object.keys((configSchema as unknown as { properties: object }).properties)) delete env[name]
  Object.assign(env, {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    SMTP_URL: options.smtpUrl,
    PUBLIC_URL: baseUrl,
    SESSION_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...settings,
  })

  const log = new OutputLog()
  const started = performance.now()
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node's own flags for the service (Node refuses some, such as
  // --cpu-prof, in NODE_OPTIONS), e.g. to profile it under the load or take a heap snapshot (--heapsnapshot-signal=SIGUSR2).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')
  // BENCH_MAJOR_GC_PROFILE=<file>: what dies in full collections, sampled (./major-gc-sampler.mjs says how).
  if (process.env.BENCH_MAJOR_GC_PROFILE) nodeArgs.push('--import', path.join(ROOT, 'test', 'benchmarks', 'major-gc-sampler.mjs'))
  const [command, ...args] = options.launch.command
  if (command === process.execPath) args.unshift(...nodeArgs)
  const child = spawn(command!, args, { cwd: SERVICE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  log.attach(child)
  let exited = false
  child.once('exit', () => (exited = true))

  const deadline = started + 120_000
  let ready = false
  while (!ready) {
    if (exited) throw new Error(`The service exited before it was ready (code ${child.exitCode}). Its last output:\n${log.tail()}`)
    if (performance.now() > deadline) {
      await stopChild(child)
      throw new Error(`The service was not ready after 120 s. Its last output:\n${log.tail()}`)
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) })
      ready = response.status === 200
      await response.arrayBuffer()
    } catch {
      // not listening yet
    }
    if (!ready) await sleep(25)
  }
  const startupSeconds = (performance.now() - started) / 1000
  return {
    pid: child.pid!,
    baseUrl,
    launch: options.launch,
    startupSeconds,
    settings,
    log,
    memory: () => memoryOf(child.pid),
    alive: () => !exited,
    stop: () => stopChild(child),
  }
}

// --- The baseline ------------------------------------------------------------

export interface Baseline {
  baseUrl: string
  stop(): Promise<unknown>
}

export async function startBaseline(bodyFile: string): Promise<Baseline> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'benchmarks', 'baseline-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), BODY_FILE: bodyFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = new OutputLog()
  log.attach(child)
  const deadline = performance.now() + 30_000
  while (!log.lines.includes('ready')) {
    if (child.exitCode !== null) throw new Error(`The baseline server exited: ${log.tail()}`)
    if (performance.now() > deadline) {
      await stopChild(child)
      throw new Error(`The baseline server did not start: ${log.tail()}`)
    }
    await sleep(25)
  }
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => stopChild(child, 5_000) }
}

/**
 * The flags `npm start` gives Node (`exec node <flags> dist/src/server.js`), with `${NAME:-default}` read from the
 * environment as the shell would, so the bench runs the service as it is started.
 */
function startNodeFlags(start: string | undefined): string[] {
  const flags = /exec node (.*?)\s*dist\/src\/server\.js/.exec(start ?? '')?.[1] ?? ''
  return flags
    .replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => process.env[name] || fallback)
    .split(' ')
    .filter((flag) => flag !== '')
}
