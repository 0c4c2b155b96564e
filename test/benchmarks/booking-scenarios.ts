/**
 * Booking under load: distinct free slots at 20 connections (then no two
 * live bookings of a coach may overlap), and bursts of 200 simultaneous
 * requests for the same 5 starts (one 201 per free coach, 409 for the rest,
 * never a 500).
 */
import type { RawRequest } from 'autocannon'
import { bookingIntegrity, freeCoachesAt } from './checks.js'
import { envNumber, errorCodeOf, getJson, increment, slotsPath, ukDate, type BenchContext, type ProgrammeRef, type SlotsAnswer } from './context.js'
import { LOAD_EMAIL_DOMAIN, PROGRAMMES, TIME_ZONE } from './fixtures.js'
import { runLoad } from './load.js'
import { cpuOfService, cpuRow } from './cpu-meter.js'
import { fmt } from './report.js'

/** Starts far enough ahead that the minimum notice (24 hours) cannot overtake them during the run. */
const NOTICE_MARGIN_MS = 25 * 3_600_000

async function freeStarts(context: BenchContext, programme: ProgrammeRef): Promise<string[]> {
  const { body } = await getJson<SlotsAnswer>(`${context.service.baseUrl}${slotsPath(programme.slug, ukDate(1), ukDate(56))}`)
  const earliest = Date.now() + NOTICE_MARGIN_MS
  return body.slots.map((s) => s.start).filter((start) => Date.parse(start) >= earliest)
}

function bookingBody(programme: string, start: string, email: string, n: number) {
  return {
    programme,
    start,
    timeZone: TIME_ZONE,
    candidate: { name: `Load Candidate ${n}`, email },
    contactMethod: 'video',
    consent: true,
  }
}

export async function bookingsScenario(context: BenchContext): Promise<void> {
  const { report, service, seconds } = context
  report.startSection('bookings on distinct free slots, 20 connections')
  const programmes = [context.programmes[PROGRAMMES.seventy.slug]!, context.programmes[PROGRAMMES.hundredTwenty.slug]!]
  const lists = await Promise.all(programmes.map((p) => freeStarts(context, p)))
  const available = lists.reduce((sum, list) => sum + list.length, 0)
  if (available === 0) throw new Error('No free slots to book in the bench programmes')

  // Request i: programmes in turn, and within each the free starts in turn, so requests at one start are far apart.
  let next = 0
  const setupRequest = (request: RawRequest): RawRequest => {
    const i = next++
    const which = i % programmes.length
    const list = lists[which]!.length > 0 ? lists[which]! : lists.find((l) => l.length > 0)!
    const programme = lists[which]!.length > 0 ? programmes[which]! : programmes[lists.indexOf(list)]!
    const start = list[Math.floor(i / programmes.length) % list.length]!
    const email = `booking-${context.runId}-${i}@${LOAD_EMAIL_DOMAIN}`
    return { ...request, body: JSON.stringify(bookingBody(programme.slug, start, email, i)) }
  }
  const answers: Record<string, number> = {}
  const errorSamples: string[] = []
  const onResponse = (status: number, body: string) => {
    if (status === 201) return
    increment(answers, errorCodeOf(status, body))
    if (status >= 500 && errorSamples.length < 3) errorSamples.push(body.slice(0, 300))
  }

  context.bookingsStartedAt = performance.now()
  const result = await runLoad({
    url: service.baseUrl,
    connections: 20,
    duration: seconds,
    warmupSeconds: Math.min(2, seconds),
    requests: [{ method: 'POST', path: '/api/v1/bookings', headers: { 'content-type': 'application/json' }, setupRequest, onResponse }],
    cpuOf: cpuOfService(service),
  })
  report.check429('bookings', result.statusCounts)
  if (result.requests === 0) report.problem(`bookings: not one answer in ${result.seconds.toFixed(1)} s (${result.timeouts} timeouts): the service stopped answering booking requests`)
  const booked = result.statusCounts['201'] ?? 0
  const perSecond = booked / result.seconds
  const integrity = await bookingIntegrity(context.db)

  report.row('free starts offered', `${fmt.n(available)} (${programmes.map((p, i) => `${p.slug}: ${lists[i]!.length}`).join(', ')})`)
  report.row('bookings made (201)', `${fmt.n(perSecond, 1)}/s (${fmt.n(booked)} in ${result.seconds.toFixed(1)} s)`, '>= 300/s', perSecond >= 300)
  report.row('latency p50', fmt.ms(result.p50))
  report.row('latency p99', result.requests === 0 ? 'no answers' : fmt.ms(result.p99), '< 100 ms', result.requests > 0 && result.p99 < 100)
  cpuRow(report, 'CPU a request (201 or not)', result.cpu)
  report.row('status codes', Object.entries(result.statusCounts).map(([code, count]) => `${code}: ${count}`).join(', ') || 'none')
  if (Object.keys(answers).length > 0) report.row('other answers', Object.entries(answers).map(([code, count]) => `${code}: ${count}`).join(', '))
  if (result.errors + result.timeouts > 0) report.row('errors and timeouts', fmt.n(result.errors + result.timeouts))
  report.row('overlapping live bookings (SQL)', fmt.n(integrity.overlaps), '0', integrity.overlaps === 0)
  report.row('buffer / daily maximum broken (SQL)', `${integrity.bufferBreaks} / ${integrity.dailyMaximumBreaks}`, '0 / 0', integrity.bufferBreaks + integrity.dailyMaximumBreaks === 0)
  for (const sample of errorSamples) report.note(`a booking answered 5xx: ${sample}`)
  report.set('bookings', { ...result, booked, bookingsPerSecond: perSecond, freeStartsOffered: available, answers, integrity })
}

interface BurstOutcome {
  expected: number
  created: number
  conflicts: number
  serverErrors: number
  other: Record<string, number>
  perStartRight: boolean
  seconds: number
}

export async function contentionScenario(context: BenchContext): Promise<void> {
  const { report, service } = context
  const bursts = envNumber('BENCH_BURSTS', 20)
  const size = envNumber('BENCH_BURST_SIZE', 200)
  const programme = context.programmes[PROGRAMMES.ten.slug]!
  report.startSection(`contention: ${bursts} bursts of ${size} simultaneous bookings for the same 5 starts (${programme.coaches} coaches)`)
  const used = new Set<string>()
  const outcomes: BurstOutcome[] = []
  const answers: Record<string, number> = {}
  const errorSamples: string[] = []

  for (let burst = 0; burst < bursts; burst++) {
    // Five starts on five different days (so one booking cannot take away another start's coach), not used before.
    const offered = (await freeStarts(context, programme)).filter((start) => !used.has(start))
    const days = new Set<string>()
    const starts: string[] = []
    for (const start of offered.slice(burst % 7)) {
      const day = new Date(start).toLocaleDateString('en-GB', { timeZone: TIME_ZONE })
      if (days.has(day)) continue
      days.add(day)
      starts.push(start)
      if (starts.length === 5) break
    }
    if (starts.length === 0) {
      report.note(`contention stopped after ${burst} bursts: no free starts left`)
      break
    }
    starts.forEach((start) => used.add(start))
    const expectedPerStart = await Promise.all(starts.map((start) => freeCoachesAt(context.db, programme.id, new Date(start), programme.durationMinutes)))

    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: size }, async (_, j) => {
        const which = j % starts.length
        const email = `contention-${context.runId}-${burst}-${j}@${LOAD_EMAIL_DOMAIN}`
        try {
          const response = await fetch(`${service.baseUrl}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bookingBody(programme.slug, starts[which]!, email, j)),
            signal: AbortSignal.timeout(60_000),
          })
          return { which, status: response.status, body: await response.text() }
        } catch (error) {
          return { which, status: 0, body: (error as Error).message }
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const createdPerStart = starts.map(() => 0)
    const other: Record<string, number> = {}
    let conflicts = 0
    let serverErrors = 0
    for (const result of results) {
      increment(answers, result.status === 201 ? '201' : errorCodeOf(result.status, result.body))
      if (result.status === 201) createdPerStart[result.which]!++
      else if (result.status === 409) conflicts++
      else {
        if (result.status >= 500 || result.status === 0) serverErrors++
        increment(other, String(result.status))
        if (errorSamples.length < 3 && (result.status >= 500 || result.status === 0)) errorSamples.push(`${result.status} ${result.body.slice(0, 300)}`)
      }
    }
    const expected = expectedPerStart.reduce((a, b) => a + b, 0)
    const created = createdPerStart.reduce((a, b) => a + b, 0)
    const perStartRight = createdPerStart.every((count, i) => count === expectedPerStart[i])
    outcomes.push({ expected, created, conflicts, serverErrors, other, perStartRight, seconds })
    if (results.every((r) => r.status === 0)) {
      report.problem(`contention: not one answer to the ${size} requests of burst ${burst + 1} (${results[0]?.body}): the service stopped answering; no more bursts`)
      break
    }
  }

  const sum = (pick: (o: BurstOutcome) => number) => outcomes.reduce((total, o) => total + pick(o), 0)
  const integrity = await bookingIntegrity(context.db)
  const right = outcomes.filter((o) => o.perStartRight && o.serverErrors === 0 && Object.keys(o.other).length === 0).length
  const withServerErrors = outcomes.filter((o) => o.serverErrors > 0).length
  report.check429('contention', answers)
  report.row('201 vs free coach-slots (SQL, before each burst)', `${sum((o) => o.created)} / ${sum((o) => o.expected)}`, 'equal', sum((o) => o.created) === sum((o) => o.expected))
  report.row('bursts exactly right (one 201 per free coach, rest 409)', `${right} of ${outcomes.length}`, 'all', right === outcomes.length)
  report.row('409 answers', fmt.n(sum((o) => o.conflicts)))
  report.row('5xx answers (or no answer)', `${sum((o) => o.serverErrors)} in ${withServerErrors} bursts`, '0', sum((o) => o.serverErrors) === 0)
  report.row('answers by code', Object.entries(answers).map(([code, count]) => `${code}: ${count}`).join(', '))
  report.row('burst time p50 / max', `${fmt.s(median(outcomes.map((o) => o.seconds)))} / ${fmt.s(Math.max(...outcomes.map((o) => o.seconds)))}`)
  report.row('overlapping live bookings (SQL)', fmt.n(integrity.overlaps), '0', integrity.overlaps === 0)
  report.row('buffer / daily maximum broken (SQL)', `${integrity.bufferBreaks} / ${integrity.dailyMaximumBreaks}`, '0 / 0', integrity.bufferBreaks + integrity.dailyMaximumBreaks === 0)
  for (const sample of errorSamples) report.note(`contention answer: ${sample}`)
  report.set('contention', {
    bursts: outcomes.length,
    requestsPerBurst: size,
    created: sum((o) => o.created),
    freeCoachSlots: sum((o) => o.expected),
    conflicts: sum((o) => o.conflicts),
    serverErrors: sum((o) => o.serverErrors),
    burstsWithServerErrors: withServerErrors,
    burstsExactlyRight: right,
    answers,
    burstSeconds: outcomes.map((o) => o.seconds),
    integrity,
  })
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
