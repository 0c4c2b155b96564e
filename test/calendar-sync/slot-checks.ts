/** The slots (starts, `minutes` long) that share any instant with a busy time [start, end). */
export function overlapping(starts: readonly string[], minutes: number, busy: readonly (readonly [string, string])[]): string[] {
  return starts.filter((start) => {
    const s = Date.parse(start)
    const e = s + minutes * 60_000
    return busy.some(([from, to]) => s < Date.parse(to) && Date.parse(from) < e)
  })
}

/**
 * Runs `check` until it passes, for changes made outside a request (a sync in
 * the worker): the availability index hears of them by a notice a moment
 * after the commit. Fails with the last failure after `timeoutMs`.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (performance.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}
