import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FAILURES_BEFORE_TELLING, connectSubscription, syncCalendar } from '../../src/domain/calendar-sync/sync.js'
import { SYNC_MESSAGES } from '../../src/domain/calendar-sync/fetch-calendar.js'
import { calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { findConnectionOfCoach } from '../../src/repositories/calendar-connections.js'
import { buildTestApp, TestClock, testConfig, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { freePort } from '../support/free-port.js'
import { createCoach, createProgramme, listSlotStarts, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { waitingJobs } from '../support/jobs.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'
import { eventually, overlapping } from './slot-checks.js'

/**
 * A subscription address (the private ICS link calendars publish), served by
 * a local HTTP server: checked when connected, read again by a sync, its
 * busy times blocking slots like time off, and every way a server can fail
 * said in plain words, the last busy times kept.
 */
const TIMEOUT_MS = 400

describe('a calendar connected by its subscription address', () => {
  let t: TestApp
  let server: IcsServer
  let programme: ProgrammeFixture
  let coach: CoachFixture
  const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z')) // a Monday
  const deps = () => calendarSyncDeps(t.app)

  // Tuesday 3 March, 10am to 11am UK time, every week; Wednesday all day.
  const busyCalendar = calendarFile(
    vevent(['UID:clinic', 'DTSTART;TZID=Europe/London:20260303T100000', 'DTEND;TZID=Europe/London:20260303T110000', 'RRULE:FREQ=WEEKLY']),
    vevent(['UID:study-day', 'DTSTART;VALUE=DATE:20260304', 'DTEND;VALUE=DATE:20260305']),
  )

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({ clock, databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, CALENDAR_TIMEOUT_MS: TIMEOUT_MS }) })
    server = await startIcsServer()
    programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 0, durationMinutes: 45 })
    coach = await createCoach(t.app.pg.pool, programme, { name: 'Jo Coach' })
  })
  afterAll(async () => {
    await t?.app.close()
    await server?.close()
  })
  beforeEach(() => {
    server.files.clear()
  })

  const slotsOn = (day: string) => listSlotStarts(t.app, programme, day, day)

  it('reads the calendar when connected, and its busy times block slots at once', async () => {
    // 45-minute slots from 9am: 9:45 and 10:30 are free before the calendar is connected.
    const before = await slotsOn('2026-03-03')
    expect(before).toEqual(expect.arrayContaining(['2026-03-03T09:45:00.000Z', '2026-03-03T10:30:00.000Z']))
    server.files.set('/calendar.ics', { body: busyCalendar })

    const result = await connectSubscription(deps(), coach.id, `${server.url}/calendar.ics`)
    expect(result).toEqual({ ok: true, busyTimes: expect.any(Number) })

    await eventually(async () => {
      const tuesday = await slotsOn('2026-03-03')
      expect(tuesday).toEqual(expect.arrayContaining(['2026-03-03T09:00:00.000Z', '2026-03-03T11:15:00.000Z']))
      expect(tuesday).not.toContain('2026-03-03T09:45:00.000Z')
      expect(overlapping(tuesday, 45, [['2026-03-03T10:00:00.000Z', '2026-03-03T11:00:00.000Z']])).toEqual([])
      expect(await slotsOn('2026-03-04')).toEqual([])
      expect(overlapping(await slotsOn('2026-03-10'), 45, [['2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00.000Z']])).toEqual([])
    })
    const connection = await findConnectionOfCoach(t.app.pg.pool, coach.id)
    // The address is a secret: sealed, and only its host is shown.
    expect(connection).toMatchObject({ kind: 'subscription', addressShown: new URL(server.url).host, lastError: null, failures: 0 })
    expect(connection!.addressSealed).not.toContain('calendar.ics')
  })

  it.each([
    ['is down', async () => `http://127.0.0.1:${await freePort()}/calendar.ics`, SYNC_MESSAGES.unreachable],
    ['is slow', async () => (server.files.set('/slow.ics', { body: busyCalendar, delayMs: TIMEOUT_MS * 10 }), `${server.url}/slow.ics`), SYNC_MESSAGES.slow],
    ['answers 401', async () => (server.files.set('/private.ics', { status: 401, body: 'Sign in' }), `${server.url}/private.ics`), SYNC_MESSAGES.refused],
    ['has nothing there', async () => `${server.url}/missing.ics`, SYNC_MESSAGES.notFound],
    ['returns a web page', async () => (server.files.set('/page', { body: '<!doctype html><p>Sign in</p>', contentType: 'text/html' }), `${server.url}/page`), 'This is not a calendar file'],
    ['returns a broken file', async () => (server.files.set('/broken.ics', { body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/London:2026\r\nnot a line\r\n' }), `${server.url}/broken.ics`), 'The calendar file is damaged and could not be read'],
    ['fails', async () => (server.files.set('/error.ics', { status: 503 }), `${server.url}/error.ics`), SYNC_MESSAGES.serverProblem(503)],
  ])('is refused when connecting, in plain words, when the server %s', async (_what, address, message) => {
    const other = await createCoach(t.app.pg.pool, programme)
    const result = await connectSubscription(deps(), other.id, await address())
    expect(result).toEqual({ ok: false, field: 'address', message })
    expect(await findConnectionOfCoach(t.app.pg.pool, other.id)).toBeNull()
  })

  it('refuses what is not an address', async () => {
    expect(await connectSubscription(deps(), coach.id, '   ')).toEqual({ ok: false, field: 'address', message: 'Enter the address of your calendar' })
    expect(await connectSubscription(deps(), coach.id, 'ftp://example.org/c.ics')).toMatchObject({ ok: false, message: SYNC_MESSAGES.notAnAddress })
    expect(await connectSubscription(deps(), coach.id, 'https://jo:secret@example.org/c.ics')).toMatchObject({ ok: false, message: SYNC_MESSAGES.credentialsInAddress })
  })

  it('refuses private addresses in production unless allowed', async () => {
    const production = { ...deps(), fetch: { timeoutMs: TIMEOUT_MS, allowPrivate: false } }
    server.files.set('/calendar.ics', { body: busyCalendar })
    expect(await connectSubscription(production, coach.id, `${server.url}/calendar.ics`)).toMatchObject({ ok: false, message: SYNC_MESSAGES.privateNetwork })
  })

  it('syncs changes, keeps the last busy times while the server fails, waits longer each time and tells people after repeated failures', async () => {
    const owner = await createCoach(t.app.pg.pool, programme)
    server.files.set('/mine.ics', { body: busyCalendar })
    expect(await connectSubscription(deps(), owner.id, `${server.url}/mine.ics`)).toMatchObject({ ok: true })
    const connection = (await findConnectionOfCoach(t.app.pg.pool, owner.id))!
    const busyRows = async () =>
      (await t.app.pg.query('SELECT starts_at FROM calendar_busy_times WHERE coach_id = $1 ORDER BY starts_at', [owner.id])).rows.map((r) => (r.starts_at as Date).toISOString())

    // Not due yet: a scheduled sync does nothing; "Sync now" (force) reads it.
    expect(await syncCalendar(deps(), connection.id)).toBe('skipped')
    server.files.set('/mine.ics', { body: calendarFile(vevent(['UID:one-off', 'DTSTART:20260305T140000Z', 'DTEND:20260305T150000Z'])) })
    expect(await syncCalendar(deps(), connection.id, { force: true })).toBe('synced')
    expect(await busyRows()).toEqual(['2026-03-05T14:00:00.000Z'])

    // The server goes wrong: the busy times stay, the error is kept in plain words, each wait is longer.
    server.files.set('/mine.ics', { status: 500 })
    const waits: number[] = []
    for (let failure = 1; failure <= FAILURES_BEFORE_TELLING; failure++) {
      expect(await syncCalendar(deps(), connection.id, { force: true })).toBe('failed')
      const now = (await findConnectionOfCoach(t.app.pg.pool, owner.id))!
      expect(now).toMatchObject({ failures: failure, lastError: SYNC_MESSAGES.serverProblem(500), failingSince: clock.now() })
      waits.push(now.nextSyncAt.getTime() - clock.now().getTime())
      expect(await busyRows()).toEqual(['2026-03-05T14:00:00.000Z'])
      const told = await waitingJobs(t.app, 'calendar-sync-failing')
      expect(told.filter((job) => job.payload.connectionId === connection.id)).toHaveLength(failure === FAILURES_BEFORE_TELLING ? 1 : 0)
    }
    expect(waits).toEqual([10 * 60_000, 20 * 60_000, 40 * 60_000])

    // Back again: all clear.
    server.files.set('/mine.ics', { body: busyCalendar })
    expect(await syncCalendar(deps(), connection.id, { force: true })).toBe('synced')
    expect(await findConnectionOfCoach(t.app.pg.pool, owner.id)).toMatchObject({ failures: 0, lastError: null, failingSince: null })
  })

  it('lists slots from the last busy times without asking a slow calendar server', async () => {
    const owner = await createCoach(t.app.pg.pool, programme)
    server.files.set('/slow-later.ics', { body: busyCalendar })
    expect(await connectSubscription(deps(), owner.id, `${server.url}/slow-later.ics`)).toMatchObject({ ok: true })
    server.files.set('/slow-later.ics', { body: busyCalendar, delayMs: 60_000 })
    const asked = server.requests.length
    const started = performance.now()
    await slotsOn('2026-03-03')
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS)
    expect(server.requests.length).toBe(asked)
  })
})
