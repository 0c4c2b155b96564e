/** What every scenario gets, and small helpers they share. */
import { DateTime } from 'luxon'
import type pg from 'pg'
import type { Service } from './processes.js'
import type { Report } from './report.js'
import type { SmtpSink } from './smtp-sink.js'
import { TIME_ZONE } from './fixtures.js'

export interface ProgrammeRef {
  id: string
  slug: string
  durationMinutes: number
  coaches: number
}

export interface BenchContext {
  service: Service
  /** The bench database, for checks and for enqueueing known work. */
  db: pg.Pool
  sink: SmtpSink
  report: Report
  /** Seconds per main scenario (BENCH_SECONDS). */
  seconds: number
  programmes: Record<string, ProgrammeRef>
  /** Distinguishes this run's candidates. */
  runId: string
  /** When the first booking scenario began (performance.now()), for the email figures. */
  bookingsStartedAt?: number
  /** Session cookies of the bench admins, once signed in. */
  adminCookies?: string[]
}

export const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** A UK date (YYYY-MM-DD) `days` from today. */
export const ukDate = (days: number) => DateTime.now().setZone(TIME_ZONE).startOf('day').plus({ days }).toISODate()!

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface SlotsAnswer {
  timeZone: string
  slots: { start: string; end: string }[]
}

/** GET a JSON answer; throws with the body when the status is not the one expected. */
export async function getJson<T>(url: string, headers: Record<string, string> = {}, expected = 200): Promise<{ body: T; text: string }> {
  const response = await fetch(url, { headers })
  const text = await response.text()
  if (response.status !== expected) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`)
  return { body: JSON.parse(text) as T, text }
}

export function slotsPath(programme: string, from: string, to: string): string {
  return `/api/v1/slots?${new URLSearchParams({ programme, from, to, timeZone: TIME_ZONE }).toString()}`
}

/** The error code of a JSON error answer, or the status when there is none. */
export function errorCodeOf(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown }
    if (typeof parsed.error === 'string') return `${status} ${parsed.error}`
  } catch {
    // not JSON
  }
  return String(status)
}

export function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by
}

/** Samples the service's memory while the load runs. */
export class MemorySampler {
  peakRssMb = 0
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly service: Service) {}

  start(): void {
    this.timer = setInterval(() => {
      const memory = this.service.memory()
      if (memory && memory.rssMb > this.peakRssMb) this.peakRssMb = memory.rssMb
    }, 200)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
