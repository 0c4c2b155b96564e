/**
 * Stretches of time as [start, end) epoch milliseconds, and the two ways the
 * slot builder asks "does this slot touch any of them?": a sweep for slots in
 * start order (listing) and a binary search for one slot (checking).
 */

export interface Interval {
  start: number
  end: number
}

/** Sorted by start, with overlapping or touching stretches joined; empty ones dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const next of sorted) {
    const last = merged[merged.length - 1]
    if (last && next.start <= last.end) {
      if (next.end > last.end) last.end = next.end
    } else {
      merged.push({ start: next.start, end: next.end })
    }
  }
  return merged
}

/**
 * Answers overlap questions for slots asked in order of non-decreasing start,
 * walking the merged list once: O(slots + intervals) for a whole listing.
 */
export class IntervalSweep {
  private index = 0

  constructor(private readonly merged: readonly Interval[]) {}

  /** True when [start, end) shares any instant with one of the intervals. */
  overlaps(start: number, end: number): boolean {
    const list = this.merged
    while (this.index < list.length && list[this.index]!.end <= start) this.index++
    const current = list[this.index]
    return current !== undefined && current.start < end
  }
}

/** The same question for one slot, by binary search over a merged list. */
export function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  let lo = 0
  let hi = merged.length
  // first interval whose end is after start
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (merged[mid]!.end <= start) lo = mid + 1
    else hi = mid
  }
  const candidate = merged[lo]
  return candidate !== undefined && candidate.start < end
}
