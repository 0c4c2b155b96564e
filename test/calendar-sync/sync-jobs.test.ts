import { beforeAll, describe, expect, it, afterAll } from 'vitest'
import { FAILURES_BEFORE_TELLING, connectSubscription } from '../../src/domain/calendar-sync/sync.js'
import { SYNC_MESSAGES } from '../../src/domain/calendar-sync/fetch-calendar.js'
import { calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { findConnectionOfCoach } from '../../src/repositories/calendar-connections.js'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, type TestStaff } from '../support/staff.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'

/**
 * The calendar jobs in the real worker: the schedule finds the calendars
 * due and each is read by a job of its own; a calendar failing again and
 * again is emailed (received over SMTP) to the coach and the programme
 * team, once per run of failures.
 */
describe('calendar sync jobs', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })
  let server: IcsServer
  let coach: TestStaff
  let admin: TestStaff

  beforeAll(async () => {
    server = await startIcsServer()
    const programme = await createProgramme(t.app.pg.pool)
    coach = await createStaff(t.app, { role: 'coach', name: 'Alex Morgan' })
    admin = await createStaff(t.app, { role: 'admin', name: 'Priya Shah' })
    await t.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, coach.coachId])
    server.files.set('/alex.ics', { body: calendarFile(vevent(['UID:a', 'DTSTART:20270105T100000Z', 'DTEND:20270105T110000Z'])) })
    expect(await connectSubscription(calendarSyncDeps(t.app), coach.coachId!, `${server.url}/alex.ics`)).toEqual({ ok: true, busyTimes: 1 })
  })
  afterAll(async () => {
    await server?.close()
  })

  const connection = async () => (await findConnectionOfCoach(t.app.pg.pool, coach.coachId!))!

  it('reads each calendar that is due, by a job of its own', async () => {
    server.files.set('/alex.ics', { body: calendarFile(vevent(['UID:a', 'DTSTART:20270105T100000Z', 'DTEND:20270105T110000Z']), vevent(['UID:b', 'DTSTART:20270106T100000Z', 'DTEND:20270106T110000Z'])) })
    const asked = server.requests.length
    // Not due: the schedule leaves it.
    await t.app.jobs.add('calendar-syncs-due', {})
    await waitForIdleQueue(t.app)
    expect(server.requests.length).toBe(asked)
    // Five minutes on, it is due.
    t.clock.advance(5 * 60_000)
    await t.app.jobs.add('calendar-syncs-due', {})
    await waitForIdleQueue(t.app)
    expect(server.requests.length).toBe(asked + 1)
    const { rows } = await t.app.pg.query('SELECT count(*)::int AS n FROM calendar_busy_times WHERE coach_id = $1', [coach.coachId])
    expect(rows[0].n).toBe(2)
    expect((await connection()).lastSyncedAt).toEqual(t.clock.now())
  })

  it('tells the coach and the programme team once when it keeps failing, and keeps the last busy times', async () => {
    server.files.set('/alex.ics', { status: 401, body: 'Sign in' })
    for (let failure = 1; failure <= FAILURES_BEFORE_TELLING + 1; failure++) {
      await t.app.jobs.add('calendar-sync', { connectionId: (await connection()).id, force: true })
      await waitForIdleQueue(t.app)
    }
    expect(await connection()).toMatchObject({ failures: FAILURES_BEFORE_TELLING + 1, lastError: SYNC_MESSAGES.refused })
    const { rows } = await t.app.pg.query('SELECT count(*)::int AS n FROM calendar_busy_times WHERE coach_id = $1', [coach.coachId])
    expect(rows[0].n).toBe(2)

    const told = t.smtp.received.filter((email) => email.parsed.subject === 'A calendar cannot be read')
    expect(told.map((email) => email.envelopeTo[0]).sort()).toEqual([admin.email, coach.email].sort())
    const toCoach = told.find((email) => email.envelopeTo[0] === coach.email)!
    expect(toCoach.parsed.text).toContain('We have not been able to read your calendar')
    expect(toCoach.parsed.text).toContain(SYNC_MESSAGES.refused)
    expect(toCoach.parsed.text).toContain('/coach/availability/calendar')
    expect(toCoach.parsed.text).not.toContain('alex.ics')
    const toAdmin = told.find((email) => email.envelopeTo[0] === admin.email)!
    expect(toAdmin.parsed.text).toContain('Alex Morgan’s calendar')
  })
})
