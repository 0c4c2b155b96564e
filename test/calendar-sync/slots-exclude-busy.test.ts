import fc from 'fast-check'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectSubscription, syncCalendar } from '../../src/domain/calendar-sync/sync.js'
import { calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { findConnectionOfCoach } from '../../src/repositories/calendar-connections.js'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { createCoach, createProgramme, listSlotStarts, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'
import { eventually, overlapping } from './slot-checks.js'

/**
 * Property: whatever busy times a coach's calendar holds (any zone, all-day
 * or timed, across the clocks going forward on 29 March), the slots offered
 * are exactly the slots offered without them, less every one that touches a
 * busy time. Nothing busy is offered, and nothing free is lost.
 */
const FIRST_DAY = DateTime.fromISO('2026-03-23', { zone: 'Europe/London' }) // a Monday; the clocks go forward on Sunday 29 March
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC', 'GMT Standard Time'] as const
const IANA: Record<(typeof ZONES)[number], string> = {
  'Europe/London': 'Europe/London',
  'America/New_York': 'America/New_York',
  'Asia/Kolkata': 'Asia/Kolkata',
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
}

type BusyEvent =
  | { kind: 'timed'; day: number; minute: number; duration: number; zone: (typeof ZONES)[number] }
  | { kind: 'all-day'; day: number; days: number }

const busyEvent: fc.Arbitrary<BusyEvent> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('timed' as const), day: fc.integer({ min: 0, max: 11 }), minute: fc.integer({ min: 0, max: 287 }).map((n) => n * 5), duration: fc.integer({ min: 1, max: 120 }).map((n) => n * 5), zone: fc.constantFrom(...ZONES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('all-day' as const), day: fc.integer({ min: 0, max: 11 }), days: fc.integer({ min: 1, max: 3 }) }) },
)

const stamp = (time: DateTime) => time.toFormat("yyyyMMdd'T'HHmmss")
const date = (time: DateTime) => time.toFormat('yyyyMMdd')

/** The event as a calendar writes it, and the stretch of real time it means. */
function written(event: BusyEvent, index: number): { lines: string[]; busy: [string, string] } {
  if (event.kind === 'all-day') {
    const start = FIRST_DAY.plus({ days: event.day })
    const end = start.plus({ days: event.days })
    return { lines: [`UID:all-day-${index}`, `DTSTART;VALUE=DATE:${date(start)}`, `DTEND;VALUE=DATE:${date(end)}`], busy: [start.toUTC().toISO()!, end.toUTC().toISO()!] }
  }
  const local = FIRST_DAY.setZone(IANA[event.zone], { keepLocalTime: true }).plus({ days: event.day, minutes: event.minute })
  const end = local.plus({ minutes: event.duration })
  const when = event.zone === 'UTC' ? [`DTSTART:${stamp(local)}Z`, `DTEND:${stamp(end)}Z`] : [`DTSTART;TZID=${event.zone}:${stamp(local)}`, `DTEND;TZID=${event.zone}:${stamp(end)}`]
  return { lines: [`UID:timed-${index}`, ...when], busy: [local.toUTC().toISO()!, end.toUTC().toISO()!] }
}

describe('slots and a coach’s busy times', () => {
  let t: TestApp
  let server: IcsServer
  let programme: ProgrammeFixture
  let coach: CoachFixture
  let connectionId: string
  let withoutBusy: string[]
  const clock = new TestClock(new Date('2026-03-20T08:00:00.000Z'))
  const listing = () => listSlotStarts(t.app, programme, '2026-03-23', '2026-04-03')

  beforeAll(async () => {
    t = await buildTestApp({ clock })
    server = await startIcsServer()
    programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 0, durationMinutes: 45 })
    coach = await createCoach(t.app.pg.pool, programme, { weekdays: [1, 2, 3, 4, 5, 6, 7] })
    withoutBusy = await listing()
    server.files.set('/busy.ics', { body: calendarFile() })
    expect(await connectSubscription(calendarSyncDeps(t.app), coach.id, `${server.url}/busy.ics`)).toEqual({ ok: true, busyTimes: 0 })
    connectionId = (await findConnectionOfCoach(t.app.pg.pool, coach.id))!.id
  })
  afterAll(async () => {
    await t?.app.close()
    await server?.close()
  })

  it('offers exactly the free slots that touch no busy time', async () => {
    expect(withoutBusy.length).toBeGreaterThan(100)
    await fc.assert(
      fc.asyncProperty(fc.array(busyEvent, { maxLength: 8 }), async (events) => {
        const files = events.map(written)
        server.files.set('/busy.ics', { body: calendarFile(...files.map((file) => vevent(file.lines))) })
        expect(await syncCalendar(calendarSyncDeps(t.app), connectionId, { force: true })).toBe('synced')
        const busy = files.map((file) => file.busy)
        const blocked = new Set(overlapping(withoutBusy, 45, busy))
        const expected = withoutBusy.filter((start) => !blocked.has(start))
        await eventually(async () => {
          const offered = await listing()
          expect(overlapping(offered, 45, busy)).toEqual([])
          expect(offered).toEqual(expected)
        })
      }),
      { numRuns: 30 },
    )
  })
})
