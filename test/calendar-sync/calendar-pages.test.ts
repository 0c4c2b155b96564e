import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { readBusyTimes } from '../../src/domain/calendar-sync/read-busy-times.js'
import { isOurEventUid } from '../../src/domain/calendar/index.js'
import { SYNC_MESSAGES } from '../../src/domain/calendar-sync/fetch-calendar.js'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { createStaff, pageBrowser, startSession, type TestStaff } from '../support/staff.js'
import { errorSummary, pageText } from '../support/visitor.js'
import { createProgramme, insertBookingRow, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { waitingJobs } from '../support/jobs.js'
import { freePort } from '../support/free-port.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'

/**
 * The calendar page under a coach's availability (and an admin's page for
 * them), and the coach's private feed it gives: GET /calendar/<token>.ics.
 */
describe('the calendar page and the coach’s feed', () => {
  let t: TestApp
  let server: IcsServer
  let programme: ProgrammeFixture
  let coach: TestStaff
  let admin: TestStaff
  let coachCookie: string
  let adminCookie: string
  const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'))

  beforeAll(async () => {
    t = await buildTestApp({ clock })
    server = await startIcsServer()
    programme = await createProgramme(t.app.pg.pool)
    coach = await createStaff(t.app, { role: 'coach', name: 'Alex Morgan' })
    admin = await createStaff(t.app, { role: 'admin' })
    await t.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, coach.coachId])
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.coachId!, start: '2026-03-04T10:00:00.000Z', end: '2026-03-04T10:45:00.000Z' })
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: coach.coachId!, start: '2026-03-05T10:00:00.000Z', end: '2026-03-05T10:45:00.000Z', status: 'cancelled' })
    coachCookie = await startSession(t.app, coach.id)
    adminCookie = await startSession(t.app, admin.id)
  })
  afterAll(async () => {
    await t?.app.close()
    await server?.close()
  })

  const page = '/coach/availability/calendar'
  const adminPage = () => `/admin/coaches/${coach.coachId}/availability/calendar`
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } })
  const post = (url: string, cookie: string, form: Record<string, string>, from: string): Promise<LightMyRequestResponse> =>
    pageBrowser(t.app, { cookie }).post(url, form, { tokenFrom: from })
  const feedAddressOn = async (): Promise<string> => {
    const html = (await get(page, coachCookie)).body
    const address = /id="feed-address"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*id="feed-address"/.exec(html)?.[1]
    if (!address) throw new Error('no feed address on the page')
    return address
  }
  const fetchFeed = (address: string) => t.app.inject({ url: new URL(address).pathname })

  it('links from the availability page', async () => {
    expect((await get('/coach/availability', coachCookie)).body).toContain('href="/coach/availability/calendar"')
  })

  it('gives the coach a private feed with first names and references only, until they choose more', async () => {
    expect(pageText((await get(page, coachCookie)).body)).toContain('Get a calendar address')
    expect((await post(`${page}/feed`, coachCookie, {}, page)).statusCode).toBe(303)
    const address = await feedAddressOn()
    expect(address).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)

    const feed = await fetchFeed(address)
    expect(feed.statusCode).toBe(200)
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8')
    expect(feed.body).not.toMatch(/METHOD:/)
    expect(feed.body).toMatch(/SUMMARY:Career conversation with Direct \(CC-/)
    expect(feed.body).not.toMatch(/Direct Insert|direct@example\.com/)
    // Only the conversation still on; and it is ours, so never read back as busy from a calendar that holds it.
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    const uid = /UID:(.+)\r\n/.exec(feed.body)![1]!
    // The coach's copy of the booking's stored UID, naming no host.
    const stored = (await t.app.pg.query(`SELECT calendar_uid FROM bookings WHERE coach_id = $1 AND status = 'booked'`, [coach.coachId])).rows[0].calendar_uid as string
    expect(stored).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(uid).toBe(`coach-${stored}`)
    expect(isOurEventUid(uid)).toBe(true)
    expect(readBusyTimes(feed.body, { from: clock.now(), to: new Date('2026-04-01T00:00:00Z'), coachZone: 'Europe/London', coachEmails: [], isOurs: isOurEventUid })).toEqual([])

    expect((await post(`${page}/feed/details`, coachCookie, { showDetails: 'yes' }, page)).statusCode).toBe(303)
    expect((await fetchFeed(address)).body.replace(/\r\n /g, '')).toMatch(/Direct Insert \(direct@example\.com\)/)
  })

  it('gives a new address on request (the old one stops working), and stops it', async () => {
    const old = await feedAddressOn()
    expect((await post(`${page}/feed`, coachCookie, {}, page)).statusCode).toBe(303)
    const fresh = await feedAddressOn()
    expect(fresh).not.toBe(old)
    expect((await fetchFeed(old)).statusCode).toBe(404)
    expect((await fetchFeed(fresh)).statusCode).toBe(200)

    // An admin sees that there is one, never its address; may stop it, not make one.
    const adminView = (await get(adminPage(), adminCookie)).body
    expect(adminView).not.toContain(new URL(fresh).pathname)
    expect(pageText(adminView)).toContain('Only they can see it')
    expect((await post(`${adminPage()}/feed`, adminCookie, {}, adminPage())).statusCode).toBe(403)
    expect((await post(`${adminPage()}/feed/stop`, adminCookie, {}, adminPage())).statusCode).toBe(303)
    expect((await fetchFeed(fresh)).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/calendar/not-a-token.ics' })).statusCode).toBe(404)
  })

  it('connects a subscription address, refusing one that does not work with the error summary', async () => {
    const empty = await post(`${page}/subscription`, coachCookie, { address: '' }, page)
    expect(empty.statusCode).toBe(400)
    expect(errorSummary(empty.body)).toEqual(['#subscription-address Enter the address of your calendar'])
    const down = await post(`${page}/subscription`, coachCookie, { address: `http://127.0.0.1:${await freePort()}/c.ics` }, page)
    expect(down.statusCode).toBe(400)
    expect(errorSummary(down.body)).toEqual([`#subscription-address ${SYNC_MESSAGES.unreachable}`])

    server.files.set('/work.ics', { body: calendarFile(vevent(['UID:ward-round', 'DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z', 'RRULE:FREQ=DAILY;COUNT=3'])) })
    const connected = await post(`${page}/subscription`, coachCookie, { address: `${server.url}/work.ics` }, page)
    expect(connected.statusCode).toBe(303)
    const text = pageText((await get(`${page}?saved=connected`, coachCookie)).body)
    expect(text).toContain('Calendar connected')
    expect(text).toContain(`Subscription address at ${new URL(server.url).host}`)
    expect(text).toContain('3 in the next 56 days')
    expect(text).not.toContain('work.ics')
  })

  it('syncs now as a job, shows an error in plain words, and disconnects', async () => {
    expect((await post(`${page}/sync`, coachCookie, {}, page)).statusCode).toBe(303)
    expect((await waitingJobs(t.app, 'calendar-sync')).map((job) => job.payload)).toContainEqual({ connectionId: expect.any(String), force: true })

    await t.app.pg.query(`UPDATE calendar_connections SET last_error = $1, failures = 3, failing_since = $2`, [SYNC_MESSAGES.slow, '2026-03-02T07:00:00Z'])
    const text = pageText((await get(adminPage(), adminCookie)).body)
    expect(text).toContain('The calendar could not be read')
    expect(text).toContain(SYNC_MESSAGES.slow)
    expect(text).toContain('Not read since 7am on Monday 2 March 2026')

    expect((await post(`${adminPage()}/disconnect`, adminCookie, {}, adminPage())).statusCode).toBe(303)
    const { rows } = await t.app.pg.query('SELECT count(*)::int AS n FROM calendar_busy_times WHERE coach_id = $1', [coach.coachId])
    expect(rows[0].n).toBe(0)
    expect(pageText((await get(page, coachCookie)).body)).not.toContain('Sync now')
  })
})
