import { buildProgrammeSlots } from '../../src/domain/slots/index.js'
import type { CoachSchedule, TimeRange } from '../../src/domain/slots/index.js'
import { coachWorking, WEEKDAYS } from '../domain/slots/slot-fixtures.js'

const MINUTE = 60_000
const DAY = 86_400_000

/** A busy coach: two windows every weekday, about three bookings a day for ten weeks, a few holds and time off. */
function busyCoach(coachId: string, timeZone: string, seed: number): CoachSchedule {
  const bookings: TimeRange[] = []
  const first = Date.parse('2026-03-01T00:00:00Z')
  for (let day = 0; day < 70; day++) {
    for (let k = 0; k < 3; k++) {
      const start = first + day * DAY + (8 + ((seed + day * 3 + k * 2) % 9)) * 60 * MINUTE
      bookings.push({ start: new Date(start), end: new Date(start + 45 * MINUTE) })
    }
  }
  return coachWorking(
    [
      { start: '09:00', end: '12:30' },
      { start: '13:30', end: '17:00' },
    ],
    {
      coachId,
      timeZone,
      bookings: bookings.reverse(), // not sorted on purpose
      holds: bookings.slice(0, 5).map((b) => ({ start: new Date(b.start.getTime() + DAY / 2), end: new Date(b.end.getTime() + DAY / 2) })),
      timeOff: [{ start: new Date('2026-03-20T00:00:00Z'), end: new Date('2026-03-25T00:00:00Z') }],
      dateOverrides: [{ date: '2026-04-03', kind: 'day-off' }],
      bufferMinutes: 15,
      dailyMaximum: 5,
    },
    WEEKDAYS,
  )
}

/**
 * In-process micro-benchmark of the slot builder alone (no HTTP, no
 * database): a busy programme of 3 coaches over 8 weeks. run.ts reports it
 * beside the service's figures; `npx tsx test/benchmarks/slot-builder.ts`
 * prints it on its own.
 */
export function measureSlotBuilder(): { slots: number; firstMs: number; medianMs: number; p95Ms: number } {
  const coaches = [
    busyCoach('anna', 'Europe/London', 1),
    busyCoach('bilal', 'Europe/London', 4),
    busyCoach('chen', 'America/New_York', 7),
  ]
  const context = {
    now: new Date('2026-03-01T10:00:00Z'),
    query: { from: '2026-03-01', to: '2026-04-30', timeZone: 'Europe/London' },
  }
  const timings: number[] = []
  let count = 0
  for (let run = 0; run < 50; run++) {
    const started = performance.now()
    count = buildProgrammeSlots(coaches, context).length
    timings.push(performance.now() - started)
  }
  const steady = timings.slice(5).sort((a, b) => a - b)
  const at = (share: number) => steady[Math.floor(steady.length * share)]!
  return { slots: count, firstMs: timings[0]!, medianMs: at(0.5), p95Ms: at(0.95) }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const figures = measureSlotBuilder()
  console.log(`slots for 3 coaches over 8 weeks: ${figures.slots} slots`)
  console.log(
    `  first run ${figures.firstMs.toFixed(1)} ms; then median ${figures.medianMs.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms (target: under 50 ms)`,
  )
}
