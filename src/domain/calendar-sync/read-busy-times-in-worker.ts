/**
 * Reads calendar files in a worker thread with a time limit. ical.js can
 * loop for ever on a repeating event no date can satisfy (a rule like
 * FREQ=DAILY;INTERVAL=7;BYDAY=WE from a Monday: kewisch/ical.js#1038), and a
 * loop in the service's own thread would stop every request and job it
 * serves. A file that takes longer than the limit is refused like a damaged
 * one: the connection shows the problem and keeps its last busy times.
 *
 * The thread is kept for the next read rather than started for each: a new
 * thread loads ical.js and the reader again (under the TypeScript sources,
 * compiling them too), which cost far more than reading a calendar (the
 * calendar tests started about a hundred). Reads take turns on it, each
 * with its own limit from when its turn comes; a read that runs out of time
 * takes the thread with it (it may be looping for ever) and the next read
 * starts a new one. A thread with nothing to read for IDLE_MS is stopped,
 * so a quiet service holds no memory for it, and it never keeps the process
 * alive while it waits.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CalendarFileError, type BusyTime, type BusyTimeQuery } from './read-busy-times.js'

/** The query as a worker can be sent it: our own events are known by their UIDs (calendar/our-events.ts). */
export type WorkerBusyTimeQuery = Omit<BusyTimeQuery, 'isOurs'>

const READ_TIME_LIMIT_MS = 10_000
const IDLE_MS = 30_000
export const TOO_SLOW_MESSAGE = 'A repeating event in the calendar could not be read (its rule never gives a date)'

// Runs in the worker: a script (eval), so it needs no loader of its own; under
// the TypeScript sources (tests, `npm run dev`) it registers tsx before importing them.
// It loads the reader once and then answers each file list it is sent, in turn.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads')
const loaded = (async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register()
  const [reader, ours] = await Promise.all([import(workerData.reader), import(workerData.ours)])
  return { ...reader, isOurEventUid: ours.isOurEventUid }
})()
loaded.catch(() => undefined)
parentPort.on('message', async ({ texts, query }) => {
  try {
    const { readBusyTimes, CalendarFileError, isOurEventUid } = await loaded
    const withOurs = { ...query, isOurs: isOurEventUid }
    try {
      parentPort.postMessage({ ok: texts.flatMap((text) => readBusyTimes(text, withOurs)) })
    } catch (error) {
      parentPort.postMessage({ fileProblem: error instanceof CalendarFileError ? error.message : null, error: String(error) })
    }
  } catch (error) {
    parentPort.postMessage({ fileProblem: null, error: String(error && error.stack || error) })
  }
})
`

const sourceRun = import.meta.url.endsWith('.ts')
const extension = sourceRun ? '.ts' : '.js'
const moduleUrl = (relative: string) => new URL(`${relative}${extension}`, import.meta.url).href
const tsxUrl = sourceRun ? tsxRegisterUrl() : null

/** tsx's ES module API (`tsx/esm/api` under the `import` condition, which `require.resolve` would not pick). */
function tsxRegisterUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json')
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href
}

interface Answer {
  ok?: BusyTime[]
  fileProblem?: string | null
  error?: string
}

/** The thread, while there is one, and what its read in progress waits for. */
interface ReaderThread {
  worker: Worker
  waiting?: { answer(answer: Answer): void; fail(error: Error): void }
  idle?: NodeJS.Timeout
}

let current: ReaderThread | undefined
let started = 0
/** The reads so far, each after the one before (see above). */
let turns: Promise<unknown> = Promise.resolve()

/** How many reader threads this process has started: one per time out or quiet spell, not one per read. */
export function readerThreadsStarted(): number {
  return started
}

function stop(thread: ReaderThread): void {
  if (current === thread) current = undefined
  clearTimeout(thread.idle)
  void thread.worker.terminate()
}

function readerThread(): ReaderThread {
  if (current) return current
  const worker = new Worker(WORKER_SCRIPT, {
    eval: true,
    workerData: { tsx: tsxUrl, reader: moduleUrl('./read-busy-times'), ours: moduleUrl('../calendar/our-events') },
  })
  started++
  const thread: ReaderThread = { worker }
  worker.unref()
  worker.on('message', (answer: Answer) => thread.waiting?.answer(answer))
  worker.on('error', (error) => {
    if (current === thread) current = undefined
    thread.waiting?.fail(error)
  })
  worker.on('exit', () => {
    if (current === thread) current = undefined
    thread.waiting?.fail(new Error('reading a calendar failed: the reader stopped'))
  })
  current = thread
  return thread
}

function readOnThread(texts: readonly string[], query: WorkerBusyTimeQuery, timeLimitMs: number): Promise<BusyTime[]> {
  const thread = readerThread()
  clearTimeout(thread.idle)
  return new Promise<BusyTime[]>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer)
      thread.waiting = undefined
      thread.worker.unref()
      if (current !== thread) return
      thread.idle = setTimeout(() => stop(thread), IDLE_MS)
      thread.idle.unref()
    }
    const timer = setTimeout(() => {
      done()
      stop(thread)
      reject(new CalendarFileError(TOO_SLOW_MESSAGE))
    }, timeLimitMs)
    thread.waiting = {
      answer(answer) {
        done()
        if (answer.ok) resolve(answer.ok)
        else if (answer.fileProblem) reject(new CalendarFileError(answer.fileProblem))
        else reject(new Error(`reading a calendar failed: ${answer.error ?? 'no answer'}`))
      },
      fail(error) {
        done()
        reject(error)
      },
    }
    // Waited for: the process stays up until the answer comes.
    thread.worker.ref()
    thread.worker.postMessage({ texts, query })
  })
}

export function readBusyTimesInWorker(
  texts: readonly string[],
  query: WorkerBusyTimeQuery,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<BusyTime[]> {
  const read = turns.then(() => readOnThread(texts, query, timeLimitMs))
  turns = read.catch(() => undefined)
  return read
}
