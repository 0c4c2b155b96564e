import { performance } from 'node:perf_hooks'

/**
 * Gives memory back when the process goes quiet after being busy.
 *
 * Under load V8 grows its heap, and it collects only when JavaScript
 * allocates: a service that goes quiet after a burst keeps the garbage of the
 * burst, and the pages holding it, until the next request. (A browser tells
 * V8 when it is idle, and V8 then shrinks the heap; Node does not.) Measured
 * after the whole benchmark: 197-215 MB five seconds after the load, against
 * 132-150 MB idle; one full collection once it was quiet brought it to 176 MB
 * and took 40-50 ms, when nobody was waiting.
 *
 * One collection frees the garbage but leaves much of the heap's room: after
 * the review's load, 135 MB of heap holding 47 MB of live objects came down
 * to 86 MB, and a second collection took it to 77.5 MB (a third changed
 * nothing). So it collects again while the heap keeps shrinking, up to three
 * times (about 150 ms, when nobody is waiting): the bench's RSS five seconds
 * after the review went from 195-197 MB to 155 MB (143 MB idle).
 *
 * Every second it reads the event loop's utilisation: once the loop has been
 * busy (over half the second) and is then quiet (under 5%), it collects.
 * It needs `global.gc` (`node --expose-gc`, which `npm start` passes); without
 * it, it does nothing.
 */

interface QuietCollectorOptions {
  /** The collection to run; `global.gc` by default. */
  gc?: (() => void) | undefined
  /** The event loop's utilisation since the last call, 0 to 1; Node's own by default. */
  utilisation?: () => number
  /** Called after each collection, with how long it took. */
  collected?: (ms: number) => void
}

export const CHECK_EVERY_MS = 1_000
const BUSY = 0.5
const QUIET = 0.05

/** Starts watching; `stop` ends it. Null when there is no collection to run. */
export function collectWhenQuiet(options: QuietCollectorOptions = {}): { stop(): void } | null {
  const gc = 'gc' in options ? options.gc : globalThis.gc ? untilTheHeapStopsShrinking(globalThis.gc as () => void) : undefined
  if (!gc) return null
  const utilisation = options.utilisation ?? loopUtilisation()
  const step = quietCollectorStep(gc, options.collected)
  const timer = setInterval(() => step(utilisation()), CHECK_EVERY_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}

/** The decision, one reading at a time: collect on the first quiet reading after a busy one. */
export function quietCollectorStep(gc: () => void, collected?: (ms: number) => void): (utilisation: number) => boolean {
  let busySinceCollected = false
  return (utilisation) => {
    if (utilisation > BUSY) busySinceCollected = true
    if (!busySinceCollected || utilisation >= QUIET) return false
    busySinceCollected = false
    const started = performance.now()
    gc()
    collected?.(performance.now() - started)
    return true
  }
}

/**
 * Runs `gc` again while the heap it leaves keeps getting smaller (at most
 * `most` times): one collection frees the garbage but leaves the pages it
 * was spread over, and the next compacts them.
 */
export function untilTheHeapStopsShrinking(gc: () => void, heapTotal: () => number = () => process.memoryUsage().heapTotal, most = 3): () => void {
  return () => {
    let before = heapTotal()
    for (let i = 0; i < most; i++) {
      gc()
      const after = heapTotal()
      if (after >= before) return
      before = after
    }
  }
}

function loopUtilisation(): () => number {
  let last = performance.eventLoopUtilization()
  return () => {
    const now = performance.eventLoopUtilization()
    const { utilization } = performance.eventLoopUtilization(now, last)
    last = now
    return utilization
  }
}
