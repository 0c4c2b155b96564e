import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * The service's entry points as an operator runs them, in a child process: plain node on the run's one build
 * (test/support/service-build.ts), as `npm start` and `npm run worker` run them, nothing between a signal and the
 * process.
 */
const root = path.resolve(import.meta.dirname, '../..')

export interface ServiceProcess {
  child: ChildProcess
  /** Everything it has printed so far, standard output and error together. */
  output: () => string
  /** Its exit code, or the name of the signal that ended it ('SIGINT' where a handler was missing, say). */
  exited: Promise<number | string | null>
}

export function startService(
  build: string,
  env: Record<string, string>,
  { entry = 'server', ownGroup = false }: { entry?: 'server' | 'worker'; ownGroup?: boolean } = {},
): ServiceProcess {
  const child = spawn(process.execPath, [path.join(build, 'src', `${entry}.js`)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  return { child, output: () => output, exited }
}

/**
 * Until this process serves on the port: it has printed where to go, which it does once it listens (so another
 * process on the same port cannot pass for it), and /readyz answers 200.
 */
export async function waitForReady(port: number, started: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) {
      throw new Error(`server exited early:\n${started.output()}`)
    }
    const listening = started.output().includes(`Candidates start at:  http://localhost:${port}/`)
    if (listening && (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false))) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server not ready in time:\n${started.output()}`)
}

/** Until the process has printed the text (a log line saying it has reached a point). */
export async function waitForOutput(started: ServiceProcess, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!started.output().includes(text)) {
    if (performance.now() > deadline) throw new Error(`"${text}" never logged:\n${started.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
