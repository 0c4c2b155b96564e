import { describe, expect, it } from 'vitest'
import { collectWhenQuiet, quietCollectorStep } from '../src/collect-when-quiet.js'

/** Memory back after a burst: one full collection on the first quiet second after a busy one. */
describe('collecting garbage once the process goes quiet', () => {
  function readings(values: number[]) {
    let collections = 0
    const step = quietCollectorStep(() => collections++)
    const collectedAt = values.flatMap((value, i) => (step(value) ? [i] : []))
    return { collections, collectedAt }
  }

  it('collects once, on the first quiet second after a busy one', () => {
    expect(readings([0.9, 0.95, 0.6, 0.01, 0.0, 0.02]).collectedAt).toEqual([3])
  })

  it('collects after each burst, and never while busy or when it never was', () => {
    expect(readings([0, 0.01, 0.03, 0]).collections).toBe(0)
    expect(readings([0.9, 0.9, 0.9, 0.9]).collections).toBe(0)
    expect(readings([0.9, 0.01, 0.7, 0.2, 0.04, 0.0, 0.8, 0.0]).collectedAt).toEqual([1, 4, 7])
  })

  it('waits for quiet, not merely less busy', () => {
    expect(readings([0.9, 0.3, 0.1, 0.05, 0.049]).collectedAt).toEqual([4])
  })

  it('does nothing without a collection to run (node without --expose-gc)', () => {
    expect(collectWhenQuiet({ gc: undefined })).toBeNull()
  })

  it('runs the given collection from its timer, and stops', async () => {
    const values = [0.9, 0.0]
    let collected = 0
    const collector = collectWhenQuiet({ gc: () => collected++, utilisation: () => values.shift() ?? 0 })
    expect(collector).not.toBeNull()
    try {
      await expect.poll(() => collected, { timeout: 5_000, interval: 100 }).toBe(1)
    } finally {
      collector!.stop()
    }
  })
})
