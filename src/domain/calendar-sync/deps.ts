import type pg from 'pg'
import type { Clock } from '../clock.js'
import type { FetchOptions } from './fetch-calendar.js'

/** What connecting, syncing and writing back need (built from the app in src/jobs/calendar-sync.ts). */
export interface CalendarSyncDeps {
  pool: pg.Pool
  clock: Clock
  jobs: { add(task: string, payload: object, options?: { client?: pg.ClientBase; jobKey?: string; maxAttempts?: number; runAt?: Date }): Promise<void> }
  /** SESSION_SECRET: the key that seals addresses and passwords. */
  secret: string
  fetch: FetchOptions
  syncMinutes: number
  log?: { error(object: object, message: string): void }
}

