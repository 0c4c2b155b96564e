/**
 * The CPU the service and PostgreSQL spend on each request of a load, read
 * from /proc around the measured run. Throughput and latency move with
 * whatever else the two cores are doing (the load generator, the machine's
 * own speed, which moves by a third within minutes here); a request's CPU
 * moves much less, so a change's effect shows in one run instead of many
 * alternating pairs.
 *
 * PostgreSQL's is every `postgres` process's own CPU plus what its ended
 * children spent (counted into the postmaster when it reaps them): during a
 * run nothing else uses the server, so that is the benchmark's.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** /proc counts CPU in clock ticks of 1/100 s on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100

export interface CpuSeconds {
  service: number
  database: number
}

interface ProcessTimes {
  command: string
  /** Its own user and system time, s. */
  own: number
  /** What its children that ended and were waited for spent, s. */
  children: number
}

function timesOf(pid: string): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command is in parentheses and may hold spaces: the fields after it are split from its closing one.
    const close = stat.lastIndexOf(')')
    const command = stat.slice(stat.indexOf('(') + 1, close)
    const fields = stat.slice(close + 2).split(' ')
    // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 here, counting from field 3 at 0.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]))
    return { command, own: (utime! + stime!) / TICKS_PER_SECOND, children: (cutime! + cstime!) / TICKS_PER_SECOND }
  } catch {
    return null // it ended between the listing and the read
  }
}

/** The service process's CPU and all of PostgreSQL's, s; null where /proc cannot tell (not Linux). */
export function cpuSecondsNow(servicePid: number): CpuSeconds | null {
  const service = timesOf(String(servicePid))
  if (!service) return null
  let database = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    const times = timesOf(pid)
    if (times && (times.command === 'postgres' || times.command.startsWith('postgres:'))) database += times.own + times.children
  }
  return { service: service.own, database }
}

export interface CpuPerRequest {
  /** ms of one core a request. */
  serviceMs: number
  databaseMs: number
}

export function perRequest(before: CpuSeconds, after: CpuSeconds, requests: number): CpuPerRequest | undefined {
  if (requests <= 0) return undefined
  return { serviceMs: ((after.service - before.service) * 1000) / requests, databaseMs: ((after.database - before.database) * 1000) / requests }
}

/** What a scenario passes to runLoad: the service's CPU and PostgreSQL's, now. */
export const cpuOfService = (service: { pid: number }) => () => cpuSecondsNow(service.pid)

/** The row a scenario prints for a load's CPU a request (a reading, not a target). */
export function cpuRow(report: { row(label: string, value: string): void }, label: string, cpu: CpuPerRequest | undefined): void {
  if (cpu) report.row(label, `service ${cpu.serviceMs.toFixed(2)} ms, PostgreSQL ${cpu.databaseMs.toFixed(2)} ms`)
}
