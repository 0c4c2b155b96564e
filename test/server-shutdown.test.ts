import { spawnSync } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from './support/database.js'
import { freePort } from './support/free-port.js'
import { serviceBuild } from './support/service-build.js'
import { startService, waitForOutput, waitForReady, type ServiceProcess } from './support/service-process.js'

/**
 * Start and shutdown of the service as `npm start` runs it: plain `node` on
 * the build (`exec node dist/src/server.js`, nothing between the signal and
 * the service), on the run's one build of it (test/support/service-build.ts),
 * so the shared dist/ is left alone. With nothing configured it starts the
 * embedded PostgreSQL with demo data; with DATABASE_URL it uses that database
 * and adds nothing. SIGTERM (what a container runtime sends), to the process
 * or to its whole group, or SIGINT (Ctrl+C): requests in flight are answered,
 * the process exits 0, the embedded PostgreSQL it started is stopped, and a
 * database it did not start is left running. (Each start costs about 2
 * CPU-seconds, the embedded database's first another 1 or so: each case here
 * checks all it can of one start.)
 */

let build = ''

const startBuilt = (env: Record<string, string>, options: { ownGroup?: boolean } = {}) => startService(build, env, options)

/** A request whose body is still on its way: sends the headers and half the body now, the rest when asked. */
async function requestInFlight(port: number): Promise<{ finish: () => void; answer: Promise<string> }> {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' })
  const socket = net.connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  let answer = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (answer += chunk))
  socket.on('error', () => undefined)
  // The answer's head (or whatever came before the server closed the connection).
  const ended = new Promise<string>((resolve) => {
    socket.on('data', () => answer.includes('\r\n\r\n') && resolve(answer))
    socket.once('close', () => resolve(answer))
  })
  socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`)
  socket.write(body.slice(0, 10))
  // The rest of the body, without closing our side: a browser keeps the connection open for the answer.
  return { finish: () => socket.write(body.slice(10)), answer: ended.finally(() => socket.destroy()) }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

describe('SIGTERM to the built service, as npm start runs it', () => {
  beforeAll(async () => {
    build = await serviceBuild()
  }, 180_000)

  it('starts the embedded database with demo data when nothing is configured; on SIGINT answers the request in flight, exits 0 and stops it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cc-shutdown-'))
    await chmod(dataDir, 0o755) // as root, PostgreSQL runs as its own user and must reach the folder
    const [port, databasePort] = [await freePort(), await freePort()]
    const started = startBuilt({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(databasePort),
      DEMO_PASSWORD: 'demo password for tests',
    })
    try {
      await waitForReady(port, started, 90_000)
      const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${databasePort}/postgres`
      expect(await canConnect(databaseUrl)).toBe(true)
      const programmes = await fetch(`http://127.0.0.1:${port}/api/v1/programmes`).then((r) => r.json())
      expect(programmes.programmes.map((p: { slug: string }) => p.slug)).toEqual(['vaccinators'])
      expect(started.output()).toContain('Demo staff accounts')

      const inFlight = await requestInFlight(port)
      // In flight once the service has taken it in (it logs each request as it arrives); until then a request
      // meeting the shutdown is a new one, which is refused with 503 as it should be.
      await waitForOutput(started, '"url":"/api/v1/auth/login"')
      // SIGINT, as Ctrl+C in the terminal of `npm start` sends (SIGTERM below).
      started.child.kill('SIGINT')
      await waitForOutput(started, 'SIGINT received: closing')
      inFlight.finish()
      expect(await inFlight.answer).toMatch(/^HTTP\/1\.1 401/)
      expect(await started.exited).toBe(0)
      // A clean stop is quiet: the database stops after the service's connections have gone, not under them.
      expect(started.output()).not.toContain('database connection failed')

      expect(await canConnect(databaseUrl)).toBe(false)
      // PostgreSQL removes its pid file only when it has shut down.
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
    } finally {
      started.child.kill('SIGKILL')
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)

  it('after a SIGKILL, finds the embedded PostgreSQL it left running, serves again, and stops it on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cc-leftover-'))
    await chmod(dataDir, 0o755)
    const [port, databasePort] = [await freePort(), await freePort()]
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(databasePort), DEMO_PASSWORD: 'demo password for tests' }
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${databasePort}/postgres`
    const first = startBuilt(env)
    let second: ServiceProcess | null = null
    try {
      await waitForReady(port, first, 90_000)
      first.child.kill('SIGKILL')
      await first.exited
      // Nothing stopped the database: it is still there, answering.
      expect(await canConnect(databaseUrl)).toBe(true)

      second = startBuilt(env)
      await waitForReady(port, second, 90_000)
      const programmes = await fetch(`http://127.0.0.1:${port}/api/v1/programmes`).then((r) => r.json())
      expect(programmes.programmes.map((p: { slug: string }) => p.slug)).toEqual(['vaccinators'])
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
      expect(await canConnect(databaseUrl)).toBe(false)
    } finally {
      first.child.kill('SIGKILL')
      second?.child.kill('SIGKILL')
      // A database still running here (a failed test) is stopped, not left behind.
      spawnSync('pkill', ['-f', path.join(dataDir, 'postgres')])
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 200_000)

  it('signalled while it is still starting, finishes starting, then exits 0 and stops the embedded PostgreSQL', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cc-starting-'))
    await chmod(dataDir, 0o755)
    const [port, databasePort] = [await freePort(), await freePort()]
    const started = startBuilt({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(databasePort), DEMO_PASSWORD: 'demo password for tests' })
    try {
      // The demo data is printed before the app is built and listens: the signal lands mid-start.
      await waitForOutput(started, 'Demo staff accounts', 90_000)
      started.child.kill('SIGINT')
      expect(await started.exited).toBe(0)
      expect(started.output()).toContain('SIGINT received: closing once started')
      expect(started.output()).not.toContain('Candidates start at')
      expect(await canConnect(`postgres://postgres:postgres@127.0.0.1:${databasePort}/postgres`)).toBe(false)
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false)
    } finally {
      started.child.kill('SIGKILL')
      spawnSync('pkill', ['-f', path.join(dataDir, 'postgres')])
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)

  it('serves with DATABASE_URL; signalled as a whole process group, exits 0 and leaves the database running', async () => {
    const databaseUrl = await createTestDatabase()
    const port = await freePort()
    const started = startBuilt({ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' }, { ownGroup: true })
    try {
      await waitForReady(port, started, 60_000)
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok' })
      // Where to go: the candidate start page, staff sign-in, and where emails are kept.
      expect(started.output()).toContain(`Candidates start at:  http://localhost:${port}/\n`)
      expect(started.output()).toContain(`Staff sign in at:     http://localhost:${port}/sign-in\n`)
      expect(started.output()).toContain(
        `Emails are not sent: they are kept in the local outbox, ${path.resolve('.data', 'mail')}, and shown to admins at http://localhost:${port}/admin/emails#outbox`,
      )
      process.kill(-started.child.pid!, 'SIGTERM')
      expect(await started.exited).toBe(0)
      expect(started.output()).toContain('SIGTERM received: closing')
      // Demo data is only for the embedded database, never for a configured server.
      expect(started.output()).not.toContain('Demo staff accounts')
      expect(await canConnect(databaseUrl)).toBe(true)
    } finally {
      started.child.kill('SIGKILL')
    }
  }, 90_000)
})
