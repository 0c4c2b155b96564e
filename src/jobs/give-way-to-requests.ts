import { setTimeout as sleep } from 'node:timers/promises'
import type { Task, TaskList } from 'graphile-worker'

/**
 * Jobs give way to the people being served. The worker runs in the web
 * service's own process (one event loop), so every email it composes and
 * sends delays the answers to the requests waiting with it. Under a burst of
 * bookings (the bench: 20 at a time) the emails each booking adds cost a
 * third of the bookings made: 224-251 a second with the worker, 343-350 with
 * none, on one machine (docs/performance.md, session 21). An email a few
 * seconds later costs nobody anything; a candidate waiting on the booking
 * page does.
 *
 * So a job the worker has taken waits to start while `busy()` says the
 * service is serving several requests at once, checking every
 * `checkEveryMs`, and starts anyway after `longestWaitMs`: under load that
 * never eases, jobs still run, one per worker slot at least every
 * `longestWaitMs`. Nothing is lost: the job is taken (locked) while it
 * waits, as while it runs.
 */
export interface GiveWay {
  busy(): boolean
  longestWaitMs: number
  checkEveryMs: number
}

export function givingWayToRequests(tasks: TaskList, { busy, longestWaitMs, checkEveryMs }: GiveWay): TaskList {
  const giving = (task: Task): Task => {
    return async (payload, helpers) => {
      const started = performance.now()
      while (busy() && performance.now() - started < longestWaitMs) await sleep(checkEveryMs)
      return task(payload, helpers)
    }
  }
  return Object.fromEntries(Object.entries(tasks).map(([name, task]) => [name, giving(task as Task)]))
}
