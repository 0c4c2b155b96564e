/**
 * Programme reports kept ready: the figures of a programme for a period are
 * the same for every admin who asks, and counting a year of a large
 * programme's bookings and actions costs tens of milliseconds of PostgreSQL's
 * time. Admins looking at the same report at once (or one admin paging back
 * and forth between the page, the API and the CSV) share one count.
 *
 * Freshness, the same way as the availability index: triggers NOTIFY
 * `report_data_changed` when any table a report reads changes (on commit,
 * prisma/migrations/20261204200000_report_notifications), and every notice
 * drops every kept report. A report being counted while a notice arrives is
 * not kept (its snapshot may predate the change), so an admin who changed
 * something and looks again sees the change. Entries are used only while
 * the listener is live; when it is down, every report is counted afresh.
 *
 * Time alone moves some figures (actions done 4 weeks after a conversation,
 * conversations still to come), so a report is kept at most MAX_AGE_MS; it
 * says when it was counted (`generatedAt`).
 *
 * The staff pages' lists of programmes and coaches to filter by are kept here
 * too (./filter-lists.ts), and so are the follow-up review's pages and
 * summary (src/domain/actions/review-service.ts): they come from tables the same
 * notices cover. Each key starts with the kind of thing it keeps, and a key
 * keeps one kind only.
 */
import type { Clock } from '../clock.js'

const MAX_AGE_MS = 60_000

/**
 * How much is kept, by count and by size: reports are few, but each filter,
 * order and page of the review is a key of its own, and a page of 200
 * actions with the longest summaries and comments is about 750 KB. Without a
 * limit by size, 256 such pages would be 190 MB; with it the cache stays
 * within 16 MB whatever is asked, the oldest dropped first.
 */
export interface ReportCacheLimits {
  maxEntries: number
  maxBytes: number
}
const LIMITS: ReportCacheLimits = { maxEntries: 256, maxBytes: 16 * 1024 * 1024 }

/** What a value is taken to weigh when its kind gives no estimate: a year's report or the filter lists. */
const DEFAULT_BYTES = 64 * 1024

interface Entry {
  value: unknown
  countedAt: number
  bytes: number
}

export class ReportCache {
  private readonly entries = new Map<string, Entry>()
  private keptBytes = 0
  /** Moves on at every notice, and when the listener goes down or comes back. */
  private generation = 0
  private live = false

  constructor(
    private readonly clock: Clock,
    private readonly limits: ReportCacheLimits = LIMITS,
  ) {}

  /**
   * The kept value for `key`, or `count()`'s, kept when nothing changed while it was counted. `bytesOf` estimates
   * what the value weighs (DEFAULT_BYTES without it).
   */
  async get<T>(key: string, count: () => Promise<T>, bytesOf?: (value: T) => number): Promise<T> {
    const now = this.clock.now().getTime()
    const kept = this.live ? this.entries.get(key) : undefined
    // The key names the kind (see above), so what it keeps is what `count` gives.
    if (kept && now - kept.countedAt < MAX_AGE_MS && kept.countedAt <= now) return kept.value as T
    const generation = this.generation
    const value = await count()
    if (this.live && generation === this.generation) this.keep(key, { value, countedAt: now, bytes: bytesOf ? bytesOf(value) : DEFAULT_BYTES })
    return value
  }

  /** Whether any report is kept (only then can a change not yet heard make one stale). */
  holdsAny(): boolean {
    return this.entries.size > 0
  }

  /** Something a report reads changed (a notice arrived). */
  changed(): void {
    this.generation++
    this.entries.clear()
    this.keptBytes = 0
  }

  /** The listener is in place: notices will say what changes from now on. */
  goLive(): void {
    this.changed()
    this.live = true
  }

  /** The listener is down: a change could go unheard, so nothing kept is trusted until it is back. */
  goOffline(): void {
    this.live = false
    this.changed()
  }

  private keep(key: string, entry: Entry): void {
    if (entry.bytes > this.limits.maxBytes) return
    this.drop(key)
    this.entries.set(key, entry)
    this.keptBytes += entry.bytes
    // Oldest first in a Map: drop from the front.
    while (this.entries.size > this.limits.maxEntries || this.keptBytes > this.limits.maxBytes) this.drop(this.entries.keys().next().value!)
  }

  private drop(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.keptBytes -= entry.bytes
  }
}
