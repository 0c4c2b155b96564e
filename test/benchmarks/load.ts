/** autocannon, run for a fixed time after a short warm-up, with its result in the figures the report uses. */
import autocannon, { type Options, type Result } from 'autocannon'
import { perRequest, type CpuPerRequest, type CpuSeconds } from './cpu-meter.js'

export interface LoadResult {
  seconds: number
  connections: number
  requests: number
  requestsPerSecond: number
  /** ms */
  p50: number
  p90: number
  p99: number
  max: number
  non2xx: number
  errors: number
  timeouts: number
  statusCounts: Record<string, number>
  /** The service's and PostgreSQL's CPU a request over the measured run, when the load was given `cpuOf`. */
  cpu?: CpuPerRequest
}

export function summarise(result: Result, connections: number): LoadResult {
  const seconds = result.duration > 0 ? result.duration : 1
  const statusCounts: Record<string, number> = {}
  for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCounts[code] = stats.count
  return {
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
  }
}

export async function runLoad(
  options: Options & { connections: number; duration: number; warmupSeconds?: number; cpuOf?: () => CpuSeconds | null },
): Promise<LoadResult> {
  const { warmupSeconds = 0, cpuOf, ...rest } = options
  const settings: Options = { timeout: 30, ...rest }
  if (warmupSeconds > 0) await autocannon({ ...settings, duration: warmupSeconds })
  const before = cpuOf?.()
  const result = summarise(await autocannon(settings), options.connections)
  const after = cpuOf?.()
  const cpu = before && after ? perRequest(before, after, result.requests) : undefined
  return cpu ? { ...result, cpu } : result
}
