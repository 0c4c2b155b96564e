import ICAL from 'ical.js'
import { createDAVClient } from 'tsdav'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYNC_MESSAGES } from '../../src/domain/calendar-sync/fetch-calendar.js'
import { connectCaldav, disconnectCalendar, syncCalendar } from '../../src/domain/calendar-sync/sync.js'
import { enqueueEventRemovals, enqueueRemovalsOfCalendarLeft, removeEventsOfCalendarLeft, removeWrittenEvent, writeBackBooking } from '../../src/domain/calendar-sync/write-back.js'
import type { LeftCalendar } from '../../src/repositories/calendar-write-backs.js'
import { calendarLeftRemovalTask, calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { deleteConnectionOfCoach, findConnectionOfCoach } from '../../src/repositories/calendar-connections.js'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { createCoach, createProgramme, insertBookingRow, listSlotStarts, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { freePort } from '../support/free-port.js'
import { clearJobQueue, jobsWithPayloads, waitingJobs } from '../support/jobs.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startRadicale, type Radicale } from './radicale.js'
import { eventually, overlapping } from './slot-checks.js'

/**
 * A CalDAV calendar on a real server (Radicale): connecting checks the login,
 * busy times are read from it, and each conversation is written to it and
 * kept in step, read back with a CalDAV client (tsdav).
 */
describe('a CalDAV calendar', () => {
  let t: TestApp
  let radicale: Radicale
  let programme: ProgrammeFixture
  /** A programme with only `coach` on it: its slots are theirs alone. */
  let solo: ProgrammeFixture
  let coach: CoachFixture
  let otherCoach: CoachFixture
  const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z')) // a Monday
  const deps = () => calendarSyncDeps(t.app)

  beforeAll(async () => {
    ;[t, radicale] = await Promise.all([buildTestApp({ clock }), startRadicale()])
    programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 0, durationMinutes: 45 })
    coach = await createCoach(t.app.pg.pool, programme, { name: 'Jo Coach' })
    otherCoach = await createCoach(t.app.pg.pool, programme, { name: 'Sam Other' })
    solo = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 0, durationMinutes: 45 })
    await t.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [solo.id, coach.id])
  })
  afterAll(async () => {
    await t?.app.close()
    await radicale?.close()
  })

  const login = () => ({ serverUrl: radicale.url, username: radicale.username, password: radicale.password })
  const put = async (name: string, ics: string) => {
    const response = await radicale.request(`${radicale.calendarUrl}${name}.ics`, { method: 'PUT', body: ics, headers: { 'content-type': 'text/calendar' } })
    expect(response.status).toBeLessThan(300)
  }
  /** What a CalDAV client reads from the calendar, by UID. */
  async function eventsOnServer(): Promise<Map<string, InstanceType<typeof ICAL.Component>>> {
    const client = await createDAVClient({
      serverUrl: radicale.url,
      credentials: { username: radicale.username, password: radicale.password },
      authMethod: 'Basic',
      defaultAccountType: 'caldav',
    })
    const objects = await client.fetchCalendarObjects({ calendar: { url: radicale.calendarUrl } })
    const byUid = new Map<string, InstanceType<typeof ICAL.Component>>()
    for (const object of objects) {
      const vevent = new ICAL.Component(ICAL.parse(object.data as string) as unknown[]).getFirstSubcomponent('vevent')!
      byUid.set(String(vevent.getFirstPropertyValue('uid')), vevent)
    }
    return byUid
  }
  /** The UID of a booking's event in the coach's CalDAV calendar: `calendar-` and the booking's stored UID. */
  async function writeBackUidOf(bookingId: string): Promise<string> {
    const { rows } = await t.app.pg.query<{ calendar_uid: string }>('SELECT calendar_uid FROM bookings WHERE id = $1', [bookingId])
    expect(rows[0]!.calendar_uid).toMatch(/^cc-[0-9a-f]{32}$/)
    return `calendar-${rows[0]!.calendar_uid}`
  }

  it('refuses a wrong app password, and a server that is down, in plain words', async () => {
    expect(await connectCaldav(deps(), coach.id, { ...login(), password: 'wrong' })).toEqual({ ok: false, field: 'password', message: SYNC_MESSAGES.wrongLogin })
    expect(await connectCaldav(deps(), coach.id, { ...login(), serverUrl: `http://127.0.0.1:${await freePort()}/` })).toEqual({
      ok: false,
      field: 'serverUrl',
      message: SYNC_MESSAGES.unreachable,
    })
    expect(await connectCaldav(deps(), coach.id, { ...login(), username: '' })).toMatchObject({ ok: false, field: 'username' })
    expect(await findConnectionOfCoach(t.app.pg.pool, coach.id)).toBeNull()
  })

  it('reads busy times: a weekly series in New York time with a cancelled and a moved occurrence; free and our own events left out', async () => {
    await put(
      'series',
      calendarFile(
        vevent(['UID:standup', 'DTSTART;TZID=America/New_York:20260302T060000', 'DTEND;TZID=America/New_York:20260302T070000', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=America/New_York:20260309T060000']),
        vevent(['UID:standup', 'RECURRENCE-ID;TZID=America/New_York:20260316T060000', 'DTSTART;TZID=America/New_York:20260316T090000', 'DTEND;TZID=America/New_York:20260316T100000']),
      ),
    )
    await put('free', calendarFile(vevent(['UID:lunch', 'DTSTART:20260303T120000Z', 'DTEND:20260303T130000Z', 'TRANSP:TRANSPARENT'])))
    await put('ours', calendarFile(vevent(['UID:calendar-booking-0b0c2b1a-5d4e-4f7a-9a51-2d3c4b5a6978@careers.example.nhs.uk', 'DTSTART:20260304T100000Z', 'DTEND:20260304T110000Z'])))
    await put('ours-host-free', calendarFile(vevent(['UID:calendar-cc-5f0e3a9b1c2d4e6f8a7b9c0d1e2f3a4b', 'DTSTART:20260305T100000Z', 'DTEND:20260305T110000Z'])))

    expect(await connectCaldav(deps(), coach.id, login())).toEqual({ ok: true, busyTimes: 3 })
    const { rows } = await t.app.pg.query(`SELECT starts_at, ends_at FROM calendar_busy_times WHERE coach_id = $1 ORDER BY starts_at`, [coach.id])
    expect(rows.map((r) => [(r.starts_at as Date).toISOString(), (r.ends_at as Date).toISOString()])).toEqual([
      ['2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z'], // 6am New York (EST, UTC-5)
      // 9 March left out; New York is on summer time from 8 March (UTC-4), the UK not until 29 March.
      ['2026-03-16T13:00:00.000Z', '2026-03-16T14:00:00.000Z'], // moved to 9am
      ['2026-03-23T10:00:00.000Z', '2026-03-23T11:00:00.000Z'],
    ])
    const connection = await findConnectionOfCoach(t.app.pg.pool, coach.id)
    expect(connection).toMatchObject({ kind: 'caldav', username: radicale.username, calendarUrl: radicale.calendarUrl })
    expect(connection!.passwordSealed).not.toContain(radicale.password)
    await eventually(async () => {
      const monday = await listSlotStarts(t.app, solo, '2026-03-16', '2026-03-16')
      expect(monday).toContain('2026-03-16T12:00:00.000Z')
      expect(overlapping(monday, 45, [['2026-03-16T13:00:00.000Z', '2026-03-16T14:00:00.000Z']])).toEqual([])
    })
  })

  it('writes each conversation to the calendar and keeps it in step: moved, new video link, given to another coach, cancelled', async () => {
    const bookingId = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-05T10:00:00.000Z', end: '2026-03-05T10:45:00.000Z' })
    const uid = await writeBackUidOf(bookingId)

    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    let event = (await eventsOnServer()).get(uid)!
    expect(event.getFirstPropertyValue('summary')).toMatch(/^Career conversation with Direct \(CC-/)
    expect(String(event.getFirstPropertyValue('description'))).not.toContain('direct@example.com')
    expect(event.getFirstPropertyValue('sequence')).toBe(0)
    expect((event.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>).toJSDate().toISOString()).toBe('2026-03-05T10:00:00.000Z')

    // Nothing changed: nothing written.
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: false, removed: 0 })

    // Moved (the booking's own sequence goes up with it).
    await t.app.pg.query(`UPDATE bookings SET starts_at = '2026-03-06T14:00:00Z', ends_at = '2026-03-06T14:45:00Z', sequence = 1 WHERE id = $1`, [bookingId])
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    event = (await eventsOnServer()).get(uid)!
    expect((event.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>).toJSDate().toISOString()).toBe('2026-03-06T14:00:00.000Z')
    expect(event.getFirstPropertyValue('sequence')).toBe(1)

    // A new video link: the sequence goes up although the booking's did not.
    await t.app.pg.query(`UPDATE bookings SET video_link = 'https://meet.example.nhs.uk/room-42' WHERE id = $1`, [bookingId])
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    event = (await eventsOnServer()).get(uid)!
    expect(event.getFirstPropertyValue('sequence')).toBe(2)
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.nhs.uk/room-42')

    // Our own event is never read back as busy.
    const connection = (await findConnectionOfCoach(t.app.pg.pool, coach.id))!
    expect(await syncCalendar(deps(), connection.id, { force: true })).toBe('synced')
    const { rows: busy } = await t.app.pg.query(`SELECT 1 FROM calendar_busy_times WHERE coach_id = $1 AND starts_at = '2026-03-06T14:00:00Z'`, [coach.id])
    expect(busy).toEqual([])

    // Given to another coach (who has no CalDAV calendar): removed from this one.
    await t.app.pg.query(`UPDATE bookings SET coach_id = $2, sequence = 2 WHERE id = $1`, [bookingId, otherCoach.id])
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: false, removed: 1 })
    expect((await eventsOnServer()).has(uid)).toBe(false)

    // Cancelled: removed.
    const second = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-10T09:00:00.000Z', end: '2026-03-10T09:45:00.000Z' })
    const secondUid = await writeBackUidOf(second)
    expect(await writeBackBooking(deps(), second)).toEqual({ written: true, removed: 0 })
    expect((await eventsOnServer()).has(secondUid)).toBe(true)
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'admin', sequence = 1 WHERE id = $1`, [second])
    expect(await writeBackBooking(deps(), second)).toEqual({ written: false, removed: 1 })
    expect((await eventsOnServer()).has(secondUid)).toBe(false)
  })

  it('a booking made for a coach with a CalDAV calendar is written back by a job enqueued with it', async () => {
    const body = { programme: programme.slug, start: '2026-03-11T09:00:00.000Z', timeZone: 'Europe/London', candidate: { name: 'Ali Khan', email: 'ali@example.com' }, contactMethod: 'phone', consent: true }
    // Only this coach is free then: the other's hours end before.
    await t.app.pg.query(`DELETE FROM availability_windows WHERE coach_id = $1`, [otherCoach.id])
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: { ...body, candidate: { ...body.candidate, phone: '07700 900123' } } })
    expect(response.statusCode).toBe(201)
    const bookingId = (response.json() as { booking: { id: string } }).booking.id
    const writeBacks = await jobsWithPayloads(t.app, 'calendar-write-back')
    expect(writeBacks.map((job) => job.payload)).toContainEqual({ bookingId })
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    const event = (await eventsOnServer()).get(await writeBackUidOf(bookingId))!
    // First name and reference only: not the phone number, not the email.
    expect(String(event.getFirstPropertyValue('description'))).not.toMatch(/07700|ali@example/)
  })

  it('a booking made before UIDs were stored keeps the UID it was written with, moved and cancelled', async () => {
    const bookingId = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-13T09:00:00.000Z', end: '2026-03-13T09:45:00.000Z' })
    await t.app.pg.query('UPDATE bookings SET calendar_uid = NULL WHERE id = $1', [bookingId])
    const uid = `calendar-booking-${bookingId}@${new URL(t.app.config.PUBLIC_URL).hostname}`
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    expect((await eventsOnServer()).get(uid)?.getFirstPropertyValue('sequence')).toBe(0)
    await t.app.pg.query(`UPDATE bookings SET starts_at = '2026-03-13T11:00:00Z', ends_at = '2026-03-13T11:45:00Z', sequence = 1 WHERE id = $1`, [bookingId])
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: true, removed: 0 })
    expect((await eventsOnServer()).get(uid)?.getFirstPropertyValue('sequence')).toBe(1)
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'admin', sequence = 2 WHERE id = $1`, [bookingId])
    expect(await writeBackBooking(deps(), bookingId)).toEqual({ written: false, removed: 1 })
    expect((await eventsOnServer()).has(uid)).toBe(false)
  })

  it("takes an erased candidate's conversation out of the coach's calendar, by a job that names no one", async () => {
    const bookingId = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-12T13:00:00.000Z', end: '2026-03-12T13:45:00.000Z' })
    const uid = await writeBackUidOf(bookingId)
    expect(await writeBackBooking(deps(), bookingId)).toMatchObject({ written: true })
    const client = await t.app.pg.pool.connect()
    try {
      await enqueueEventRemovals(deps(), client, [bookingId])
    } finally {
      client.release()
    }
    const removals = await jobsWithPayloads(t.app, 'calendar-event-removal')
    const job = removals.map((r) => r.payload as { connectionId: string; eventUrl: string }).find((p) => p.eventUrl.includes(bookingId))!
    expect(Object.keys(job).sort()).toEqual(['connectionId', 'eventUrl'])
    await t.app.pg.query('DELETE FROM bookings WHERE id = $1', [bookingId])
    expect(await removeWrittenEvent(deps(), job.connectionId, job.eventUrl)).toBe(true)
    expect((await eventsOnServer()).has(uid)).toBe(false)
  })

  it('disconnecting takes the conversations written there out of the calendar, by a job tried again while the server fails; replacing the calendar does too', async () => {
    expect(await connectCaldav(deps(), coach.id, login())).toMatchObject({ ok: true })
    const first = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-17T09:00:00.000Z', end: '2026-03-17T09:45:00.000Z' })
    const second = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-18T09:00:00.000Z', end: '2026-03-18T09:45:00.000Z' })
    for (const id of [first, second]) expect(await writeBackBooking(deps(), id)).toMatchObject({ written: true })
    const uids = [await writeBackUidOf(first), await writeBackUidOf(second)]
    const onServer = await eventsOnServer()
    for (const uid of uids) expect(onServer.has(uid)).toBe(true)

    // Connecting again (a new connection replaces the old): the old one's events are taken out by a job.
    await clearJobQueue(t.app)
    expect(await connectCaldav(deps(), coach.id, login())).toMatchObject({ ok: true })
    const [replaced] = await waitingJobs(t.app, 'calendar-left-removal')
    expect((replaced!.payload as unknown as LeftCalendar).eventUrls).toEqual(expect.arrayContaining([expect.stringContaining(first), expect.stringContaining(second)]))
    for (const id of [first, second]) expect(await writeBackBooking(deps(), id)).toMatchObject({ written: true })

    // Disconnecting: the connection and its write-back records go at once; the removal is left to a job.
    await clearJobQueue(t.app)
    expect(await disconnectCalendar(deps(), coach.id)).toBe(true)
    expect(await findConnectionOfCoach(t.app.pg.pool, coach.id)).toBeNull()
    expect((await t.app.pg.query('SELECT 1 FROM calendar_write_backs WHERE booking_id = ANY($1::uuid[])', [[first, second]])).rowCount).toBe(0)
    expect(await disconnectCalendar(deps(), coach.id)).toBe(false)
    const jobs = await waitingJobs(t.app, 'calendar-left-removal')
    expect(jobs).toHaveLength(1)
    const { rows: attempts } = await t.app.pg.query(`SELECT max_attempts FROM graphile_worker.jobs WHERE task_identifier = 'calendar-left-removal'`)
    expect(attempts[0].max_attempts).toBeGreaterThan(1)
    const left = jobs[0]!.payload as unknown as LeftCalendar
    // The login stays sealed in the payload; nothing about the candidates.
    expect(JSON.stringify(left)).not.toContain(radicale.password)
    expect(JSON.stringify(left)).not.toMatch(/Direct Insert|direct@example/)
    expect(left.eventUrls).toHaveLength(2)
    expect((await eventsOnServer()).has(uids[0]!)).toBe(true)

    // The server down: the job fails (so the worker tries again), and nothing is lost.
    const down = `http://127.0.0.1:${await freePort()}/`
    await expect(removeEventsOfCalendarLeft(deps(), { ...left, eventUrls: left.eventUrls.map((url) => new URL(new URL(url).pathname, down).toString()) })).rejects.toThrow(SYNC_MESSAGES.unreachable)
    // Back: the worker's task takes the payload as stored and removes the events; run again (a retry after a partial run), it is still fine.
    const logged: string[] = []
    const helpers = { logger: { info: (line: string) => logged.push(line), error: (line: string) => logged.push(line) } } as unknown as Parameters<ReturnType<typeof calendarLeftRemovalTask>>[1]
    await calendarLeftRemovalTask(t.app)(jobs[0]!.payload, helpers)
    expect(logged).toEqual(['calendar-left-removal: 2 removed'])
    expect(await removeEventsOfCalendarLeft(deps(), left)).toBe(2)
    const after = await eventsOnServer()
    for (const uid of uids) expect(after.has(uid)).toBe(false)
  })

  it('a calendar disconnected while a conversation is being written to it is left without it', async () => {
    expect(await connectCaldav(deps(), coach.id, login())).toMatchObject({ ok: true })
    const bookingId = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-19T09:00:00.000Z', end: '2026-03-19T09:45:00.000Z' })
    const uid = await writeBackUidOf(bookingId)

    // The disconnect has begun: it holds the connection row, as disconnectCalendar does first.
    const disconnecting = await t.app.pg.pool.connect()
    try {
      await disconnecting.query('BEGIN')
      await disconnecting.query('SELECT 1 FROM calendar_connections WHERE coach_id = $1 FOR UPDATE', [coach.id])
      // The write-back puts the event, then waits for the row to record it.
      const writing = writeBackBooking(deps(), bookingId)
      await eventually(async () => {
        const { rowCount } = await t.app.pg.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%calendar_connections%FOR SHARE%'`)
        expect(rowCount).toBe(1)
      }, 15_000)
      expect((await eventsOnServer()).has(uid)).toBe(true)
      // The disconnect lists the events its job will remove (this one is not recorded yet), and the connection goes.
      await enqueueRemovalsOfCalendarLeft(deps(), disconnecting, coach.id)
      expect(await deleteConnectionOfCoach(disconnecting, coach.id)).toBe(true)
      await disconnecting.query('COMMIT')

      // The write-back finds the calendar gone and takes its event out again: nothing is left behind.
      expect(await writing).toEqual({ written: false, removed: 0 })
    } finally {
      disconnecting.release()
    }
    expect((await eventsOnServer()).has(uid)).toBe(false)
    expect((await t.app.pg.query('SELECT 1 FROM calendar_write_backs WHERE booking_id = $1', [bookingId])).rowCount).toBe(0)
  })
})
