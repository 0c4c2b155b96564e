/**
 * Listing free slots: the main scenario (70 coaches, 14 days, 50
 * connections) against a bare Fastify route answering the same body, and
 * how the cost grows with coaches (10/70/200) and days (7/14/28/56).
 */
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { RawRequest } from 'autocannon'
import { envNumber, getJson, slotsPath, ukDate, type BenchContext, type SlotsAnswer } from './context.js'
import { PROGRAMMES } from './fixtures.js'
import { runLoad, type LoadResult } from './load.js'
import { cpuOfService, cpuRow } from './cpu-meter.js'
import { startBaseline } from './processes.js'
import { fmt } from './report.js'

export interface SlotsFigures {
  main: LoadResult
  baseline: LoadResult
}

const rotating = (paths: string[]) => {
  let next = 0
  return (request: RawRequest): RawRequest => ({ ...request, path: paths[next++ % paths.length] })
}

export async function slotsScenario(context: BenchContext): Promise<SlotsFigures> {
  const { report, service, seconds } = context
  report.startSection('slots: 70 coaches x 14 days, 50 connections')
  const from = ukDate(1)
  const to = ukDate(14)
  const mainPath = slotsPath(PROGRAMMES.seventy.slug, from, to)
  const probe = await getJson<SlotsAnswer>(`${service.baseUrl}${mainPath}`)
  const bodyBytes = Buffer.byteLength(probe.text)
  const bodyFile = path.join(tmpdir(), `cc-bench-slots-body-${process.pid}.json`)
  writeFileSync(bodyFile, probe.text)

  const settings = { connections: 50, duration: seconds, warmupSeconds: Math.min(3, seconds) }
  const main = await runLoad({ ...settings, url: `${service.baseUrl}${mainPath}`, cpuOf: cpuOfService(service) })
  report.check429('slots', main.statusCounts)

  const baselineServer = await startBaseline(bodyFile)
  let baseline: LoadResult
  try {
    const baselineProbe = await fetch(`${baselineServer.baseUrl}/slots`).then((r) => r.text())
    if (Buffer.byteLength(baselineProbe) !== bodyBytes) {
      report.note(`the baseline body is ${Buffer.byteLength(baselineProbe)} bytes, the slots answer ${bodyBytes}`)
    }
    baseline = await runLoad({ ...settings, url: `${baselineServer.baseUrl}/slots` })
  } finally {
    await baselineServer.stop()
  }

  const ratio = main.requestsPerSecond / baseline.requestsPerSecond
  report.row('answer', `${probe.body.slots.length} slots, ${fmt.n(bodyBytes)} bytes`)
  report.row('throughput', `${fmt.n(main.requestsPerSecond)} req/s`, '>= 1,500 req/s', main.requestsPerSecond >= 1500)
  report.row('latency p50', fmt.ms(main.p50))
  report.row('latency p99', fmt.ms(main.p99), '< 50 ms', main.requests > 0 && main.p99 < 50)
  report.row('non-2xx answers', fmt.n(main.non2xx), '0', main.non2xx === 0)
  report.row('errors and timeouts', fmt.n(main.errors + main.timeouts))
  cpuRow(report, 'CPU a request', main.cpu)
  report.row('bare Fastify, same body', `${fmt.n(baseline.requestsPerSecond)} req/s, p99 ${fmt.ms(baseline.p99)}`)
  report.row('ratio to the bare route', fmt.pct(ratio), '>= 20%', ratio >= 0.2)
  report.set('slots', {
    programme: PROGRAMMES.seventy.slug,
    from,
    to,
    slotCount: probe.body.slots.length,
    bodyBytes,
    ...main,
    ratioToBaseline: ratio,
  })
  report.set('baseline', baseline)
  return { main, baseline }
}

export async function slotsGrowthScenario(context: BenchContext, baseline: LoadResult): Promise<void> {
  const { report, service } = context
  const seconds = envNumber('BENCH_GROWTH_SECONDS', 3)
  const connections = envNumber('BENCH_GROWTH_CONNECTIONS', 8)
  report.startSection(`slots growth: coaches x days (${seconds} s each, ${connections} connections, 5 different start dates)`)
  const cells: Record<string, unknown>[] = []
  const programmes = [PROGRAMMES.ten, PROGRAMMES.seventy, PROGRAMMES.all]
  for (const programme of programmes) {
    const coaches = programme.coaches[1] - programme.coaches[0] + 1
    const line: string[] = []
    for (const days of [7, 14, 28, 56]) {
      const paths = [0, 1, 2, 3, 4].map((k) => slotsPath(programme.slug, ukDate(k), ukDate(k + days - 1)))
      const result = await runLoad({
        url: service.baseUrl,
        connections,
        duration: seconds,
        warmupSeconds: 1,
        requests: [{ method: 'GET', setupRequest: rotating(paths) }],
      })
      report.check429(`slots growth ${coaches}x${days}`, result.statusCounts)
      line.push(`${days}d ${fmt.n(result.requestsPerSecond)}/s p50 ${fmt.ms(result.p50)}`)
      cells.push({
        coaches,
        days,
        requestsPerSecond: result.requestsPerSecond,
        p50: result.p50,
        p99: result.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        ratioToBaseline: result.requestsPerSecond / baseline.requestsPerSecond,
      })
      if (result.non2xx > 0) report.note(`slots growth ${coaches} coaches x ${days} days: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCounts)})`)
    }
    report.row(`${coaches} coaches`, line.join('; '))
  }
  const fixedPath = slotsPath(PROGRAMMES.seventy.slug, ukDate(1), ukDate(14))
  const fixed = await runLoad({ url: `${service.baseUrl}${fixedPath}`, connections, duration: seconds, warmupSeconds: 1 })
  report.check429('slots growth fixed query', fixed.statusCounts)
  report.row('70 coaches x 14 days, one fixed query', `${fmt.n(fixed.requestsPerSecond)}/s p50 ${fmt.ms(fixed.p50)} p99 ${fmt.ms(fixed.p99)}`)

  const cell = (coaches: number, days: number) => cells.find((c) => c.coaches === coaches && c.days === days) as { p50: number } | undefined
  // Cost per request relative to coaches x days: linear growth keeps p50 / (coaches x days) flat.
  const small = cell(70, 14)
  const large = cell(200, 56)
  if (small && large && small.p50 > 0) {
    const growth = large.p50 / small.p50
    const work = (200 * 56) / (70 * 14)
    report.row('p50 growth 70x14 -> 200x56', `${growth.toFixed(1)}x for ${work.toFixed(1)}x the coach-days`, `<= ${work.toFixed(1)}x (linear)`, growth <= work)
  }
  report.set('slotsGrowth', { seconds, connections, cells, fixedQuery: { coaches: 70, days: 14, ...fixed, ratioToBaseline: fixed.requestsPerSecond / baseline.requestsPerSecond } })
}
