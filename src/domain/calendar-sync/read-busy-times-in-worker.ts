/**
 * Reads calendar files in a worker thread with a time limit. ical.js can
 * loop for ever on a repeating event no date can satisfy (a rule like
 * FREQ=DAILY;INTERVAL=7;BYDAY=WE from a Monday: kewisch/ical.js#1038), and a
 * loop in the service's own thread would stop every request and job it
 * serves. A file that takes longer than the limit is refused like a damaged
 * one: the connection shows the problem and keeps its last busy times.
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
export const TOO_SLOW_MESSAGE = 'A repeating event in the calendar could not be read (its rule never gives a date)'

// Runs in the worker: a script (eval), so it needs no loader of its own; under
// the TypeScript sources (tests, `npm run dev`) it registers tsx before importing them.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  try {
    if (workerData.tsx) (await import(workerData.tsx)).register()
    const [{ readBusyTimes, CalendarFileError }, { isOurEventUid }] = await Promise.all([import(workerData.reader), import(workerData.ours)])
    const query = { ...workerData.query, isOurs: isOurEventUid }
    try {
      parentPort.postMessage({ ok: workerData.texts.flatMap((text) => readBusyTimes(text, query)) })
    } catch (error) {
      parentPort.postMessage({ fileProblem: error instanceof CalendarFileError ? error.message : null, error: String(error) })
    }
  } catch (error) {
    parentPort.postMessage({ fileProblem: null, error: String(error && error.stack || error) })
  }
})()
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

export async function readBusyTimesInWorker(
  texts: readonly string[],
  query: WorkerBusyTimeQuery,
  timeLimitMs = READ_TIME_LIMIT_MS,
): Promise<BusyTime[]> {
  const worker = new Worker(WORKER_SCRIPT, {
    eval: true,
    workerData: { texts, query, tsx: tsxUrl, reader: moduleUrl('./read-busy-times'), ours: moduleUrl('../calendar/our-events') },
  })
  try {
    return await new Promise<BusyTime[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CalendarFileError(TOO_SLOW_MESSAGE)), timeLimitMs)
      worker.once('message', (answer: { ok?: BusyTime[]; fileProblem?: string | null; error?: string }) => {
        clearTimeout(timer)
        if (answer.ok) resolve(answer.ok)
        else if (answer.fileProblem) reject(new CalendarFileError(answer.fileProblem))
        else reject(new Error(`reading a calendar failed: ${answer.error ?? 'no answer'}`))
      })
      worker.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
  } finally {
    await worker.terminate()
  }
}
