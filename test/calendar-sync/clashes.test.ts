import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectSubscription } from '../../src/domain/calendar-sync/sync.js'
import { calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { createProgramme, insertBookingRow } from '../support/booking-fixtures.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { pageText } from '../support/visitor.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'

/**
 * A busy time over a conversation already booked (DECISIONS.md, "Calendar
 * busy times"): the booking stays as it is, and shows as a clash on the
 * coach's dashboard, on the admin's bookings page and on the page for the booking.
 */
describe('a busy time over a booked conversation', () => {
  let t: TestApp
  let server: IcsServer
  let coach: TestStaff
  let admin: TestStaff
  let clashing: string
  let clear: string
  const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'))

  beforeAll(async () => {
    t = await buildTestApp({ clock })
    server = await startIcsServer()
    const programme = await createProgramme(t.app.pg.pool)
    coach = await createStaff(t.app, { role: 'coach', name: 'Alex Morgan' })
    admin = await createStaff(t.app, { role: 'admin' })
    await t.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, coach.coachId])
    await t.app.pg.query(`INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) SELECT $1, d, 540, 1020 FROM generate_series(1, 5) d`, [coach.coachId])
    clashing = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.coachId!, start: '2026-03-04T10:00:00.000Z', end: '2026-03-04T10:45:00.000Z' })
    clear = await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.coachId!, start: '2026-03-05T10:00:00.000Z', end: '2026-03-05T10:45:00.000Z' })
    server.files.set('/alex.ics', { body: calendarFile(vevent(['UID:meeting', 'DTSTART:20260304T103000Z', 'DTEND:20260304T113000Z'])) })
    expect(await connectSubscription(calendarSyncDeps(t.app), coach.coachId!, `${server.url}/alex.ics`)).toMatchObject({ ok: true })
  })
  afterAll(async () => {
    await t?.app.close()
    await server?.close()
  })

  it('leaves the booking as it is', async () => {
    const { rows } = await t.app.pg.query('SELECT status, coach_id, starts_at FROM bookings WHERE id = $1', [clashing])
    expect(rows[0]).toEqual({ status: 'booked', coach_id: coach.coachId, starts_at: new Date('2026-03-04T10:00:00.000Z') })
  })

  it("marks it on the coach's dashboard and on the admin's bookings page, and not the other", async () => {
    const dashboard = (await t.app.inject({ url: '/coach', headers: { cookie: await startSession(t.app, coach.id) } })).body
    expect(pageText(dashboard).match(/Clashes with your availability/g)).toHaveLength(1)

    const list = (await t.app.inject({ url: '/admin/bookings', headers: { cookie: await startSession(t.app, admin.id) } })).body
    const rowOf = (id: string) => list.slice(list.indexOf(`/admin/bookings/${id}`), list.indexOf('</tr>', list.indexOf(`/admin/bookings/${id}`)))
    expect(rowOf(clashing)).toContain('Clashes with the coach’s calendar')
    expect(rowOf(clear)).not.toContain('Clashes with the coach’s calendar')
  })

  it("marks it on the admin's page for that booking, and not on the other's, until the busy time goes", async () => {
    const cookie = await startSession(t.app, admin.id)
    const page = await t.app.inject({ url: `/admin/bookings/${clashing}`, headers: { cookie } })
    expect(page.statusCode).toBe(200)
    const status = pageText(page.body).slice(pageText(page.body).indexOf('Status'))
    expect(status).toMatch(/^Status\s+Booked\s+Clashes with the coach’s calendar\s+A busy time in the coach’s own calendar now covers this conversation/)
    const other = await t.app.inject({ url: `/admin/bookings/${clear}`, headers: { cookie } })
    expect(other.statusCode).toBe(200)
    expect(pageText(other.body)).not.toContain('Clashes with the coach’s calendar')

    // Once the calendar no longer has the busy time (the next sync), the mark goes.
    server.files.set('/alex.ics', { body: calendarFile(vevent(['UID:meeting', 'DTSTART:20260306T103000Z', 'DTEND:20260306T113000Z'])) })
    expect(await connectSubscription(calendarSyncDeps(t.app), coach.coachId!, `${server.url}/alex.ics`)).toMatchObject({ ok: true })
    expect(pageText((await t.app.inject({ url: `/admin/bookings/${clashing}`, headers: { cookie } })).body)).not.toContain('Clashes with the coach’s calendar')
  })
})
