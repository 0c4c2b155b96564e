import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { insertBookingRow, postBooking, tokenOf, seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { Visitor, errorSummary, pageTitle as title, radioValues } from '../support/visitor.js'

/**
 * The candidate's manage pages at /bookings/manage/:token: the booking,
 * changing its time (day, time, check) and cancelling it, and the one
 * "This link does not work" page for every link that opens nothing.
 *
 * Demo programme `vaccinators` (three coaches, weekdays 9am to 5pm UK time);
 * the clock starts on Monday 2 March 2026 at 8am.
 */

const summaryRows = (html: string) =>
  [...html.matchAll(/<dt class="nhsuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*(.+?)\s*<\/dd>/g)].map(
    (match) => [match[1], match[2]!.replace(/<[^>]+>/g, '').trim()],
  )

describe('managing a booking', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
    await seedDemoDataForRepeatBookings({ databaseUrl: t.databaseUrl })
  })
  afterAll(async () => {
    await t?.app.close()
  })

  /** Books through the API, as the journey does; gives the booking and the path of its manage page. */
  async function book(start: string, overrides: Record<string, unknown> = {}) {
    const response = await postBooking(t.app, {
      programme: 'vaccinators',
      start,
      timeZone: 'Europe/London',
      candidate: { name: 'Sam Taylor', email: 'sam.taylor@example.com', phone: '07700 900 982' },
      contactMethod: 'phone',
      consent: true,
      ...overrides,
    })
    if (response.statusCode !== 201) throw new Error(`booking: ${response.statusCode} ${response.body}`)
    const { booking, manageUrl } = response.json() as { booking: { id: string; reference: string }; manageUrl: string }
    return { ...booking, path: `/bookings/manage/${tokenOf(manageUrl)}` }
  }

  it('offers the conversation as a calendar file: the same event as the emails, a cancellation once cancelled', async () => {
    const booking = await book('2026-03-03T09:45:00.000Z')
    const page = await new Visitor(t.app).get(booking.path)
    expect(page.body).toContain(`href="${booking.path}/calendar.ics" download`)
    const file = await t.app.inject(`${booking.path}/calendar.ics`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST/i)
    expect(file.headers['content-disposition']).toBe(`attachment; filename="career-conversation-${booking.reference}.ics"`)
    const event = new ICAL.Component(ICAL.parse(file.body)).getFirstSubcomponent('vevent')!
    // The booking's stored calendar UID, random and naming no host: the one its emails carry.
    const { rows } = await t.app.pg.query<{ calendar_uid: string }>('SELECT calendar_uid FROM bookings WHERE id = $1', [booking.id])
    expect(rows[0]!.calendar_uid).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(event.getFirstPropertyValue('uid')).toBe(rows[0]!.calendar_uid)
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-03T09:45:00.000Z')
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: { authorization: `Bearer ${booking.path.split('/').pop()}` } })
    expect(cancelled.statusCode).toBe(200)
    const afterwards = await t.app.inject(`${booking.path}/calendar.ics`)
    expect(afterwards.headers['content-type']).toMatch(/method=CANCEL/i)
    expect((await t.app.inject('/bookings/manage/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/calendar.ics')).statusCode).toBe(404)
  })

  it('shows the conversation: when, how, the coach, the reference and the status', async () => {
    const booking = await book('2026-03-03T09:00:00.000Z')
    const page = await new Visitor(t.app).get(booking.path)
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('no-store')
    expect(title(page.body)).toBe('Your career conversation – Career conversations – NHS')
    expect(summaryRows(page.body)).toEqual([
      ['Status', 'Booked'],
      ['Date and time', 'Tuesday 3 March 2026, 9am to 9:45am (UK time)'],
      ['How', expect.stringMatching(/^Phone call: (Amina|Ben|Chloe) will phone you on 07700 900 982$/)],
      ['Your coach', expect.stringMatching(/^(Amina|Ben|Chloe)$/)],
      ['Reference', booking.reference],
    ])
    expect(page.body).toMatch(new RegExp(`<a class="nhsuk-button" [^>]*href="${booking.path}/change"[^>]*> Change time </a>`))
    expect(page.body).toMatch(new RegExp(`<a class="nhsuk-button nhsuk-button--secondary" [^>]*href="${booking.path}/cancel"[^>]*> Cancel booking </a>`))
    expect(page.body).toContain(`href="${booking.path}/cancel"`)
    // Emails link to #prepare and #summary (see test/pages/candidate-space.test.ts for those sections).
    expect(page.body).toContain('<section id="prepare"')
    expect(page.body).toContain('<section id="summary"')
    expect(page.body).toContain('We keep them for 24 months after your last conversation')
  })

  it('says by the clock when a booked conversation is happening or has finished, until the coach records how it went', async () => {
    const phone = await book('2026-03-09T15:00:00.000Z')
    const video = await book('2026-03-09T15:00:00.000Z', { contactMethod: 'video' })
    await t.app.pg.query(`UPDATE bookings SET video_link = 'https://meet.example.org/sam' WHERE id = $1`, [video.id])
    const rowsOf = async (path: string) => {
      const body = (await new Visitor(t.app).get(path)).body
      return { rows: Object.fromEntries(summaryRows(body)), canChange: body.includes('Change time') }
    }
    try {
      t.clock.set('2026-03-09T15:10:00.000Z')
      expect(await rowsOf(phone.path)).toEqual({
        rows: expect.objectContaining({ Status: 'Happening now', How: expect.stringMatching(/^Phone call: \w+ will phone you on 07700 900 982$/) }),
        canChange: false,
      })
      expect((await rowsOf(video.path)).rows).toMatchObject({ Status: 'Happening now', How: expect.stringContaining('https://meet.example.org/sam') })

      t.clock.set('2026-03-09T15:45:00.000Z')
      expect((await rowsOf(phone.path)).rows).toMatchObject({ Status: 'Finished', How: 'Phone call' })
      const finishedVideo = await rowsOf(video.path)
      expect(finishedVideo.rows).toMatchObject({ Status: 'Finished', How: 'Video call' })

      await t.app.pg.query(`UPDATE bookings SET status = 'completed' WHERE id = $1`, [phone.id])
      await t.app.pg.query(`UPDATE bookings SET status = 'no_show' WHERE id = $1`, [video.id])
      expect((await rowsOf(phone.path)).rows).toMatchObject({ Status: 'Completed' })
      expect((await rowsOf(video.path)).rows).toMatchObject({ Status: 'Missed' })
    } finally {
      t.clock.set('2026-03-02T08:00:00.000Z')
    }
  })

  it('shows one "This link does not work" page, 404, for every link that opens nothing', async () => {
    const booking = await book('2026-03-03T09:45:00.000Z')
    const expired = await book('2026-03-03T10:30:00.000Z')
    await t.app.pg.query(`UPDATE booking_manage_tokens SET expires_at = $2 WHERE booking_id = $1`, [expired.id, t.clock.now()])
    const urls = [
      `/bookings/manage/${generateToken().token}`,
      '/bookings/manage/not-a-token',
      `/bookings/manage/${'a'.repeat(90)}`,
      expired.path,
      `/bookings/manage/${generateToken().token}/change`,
      `/bookings/manage/${generateToken().token}/cancel`,
      `/bookings/manage/${generateToken().token}/changed`,
    ]
    const bodies = new Set<string>()
    for (const url of urls) {
      const response = await new Visitor(t.app).get(url)
      expect(response.statusCode, url).toBe(404)
      expect(title(response.body), url).toBe('This link does not work – Career conversations – NHS')
      bodies.add(response.body.replace(/nonce="[^"]+"/g, '').replace(/name="_csrf" value="[^"]+"/g, ''))
    }
    expect(bodies.size, 'the same page for each').toBe(1)
    const [body] = bodies
    expect(body).not.toContain('CC-')
    // A post with a wrong link changes nothing and says nothing either.
    const visitor = new Visitor(t.app)
    await visitor.get(`${booking.path}/cancel`)
    const cancel = await visitor.post(`/bookings/manage/${generateToken().token}/cancel`, {})
    expect(cancel.statusCode).toBe(404)
    const still = await t.app.pg.query(`SELECT status FROM bookings WHERE id = $1`, [booking.id])
    expect(still.rows[0].status).toBe('booked')
  })

  describe('changing the time', () => {
    it('chooses a day, a time (held), checks, and moves the booking, keeping its reference', async () => {
      const booking = await book('2026-03-04T09:00:00.000Z')
      const visitor = new Visitor(t.app)
      const days = await visitor.get(`${booking.path}/change`)
      expect(days.statusCode).toBe(200)
      expect(days.body).toContain('Choose a day')
      expect(days.body).toContain('Your conversation is booked for Wednesday 4 March 2026, 9am to 9:45am (UK time).')
      expect(days.body).toContain(`action="${booking.path}/change"`)

      const noDay = await visitor.post(`${booking.path}/change`, {})
      expect(noDay.statusCode).toBe(400)
      expect(errorSummary(noDay.body)).toEqual(['#day Choose a day'])

      const day = await visitor.post(`${booking.path}/change`, { day: '2026-03-05' })
      expect(day.statusCode).toBe(303)
      expect(day.headers.location).toBe(`${booking.path}/change/time`)
      const times = await visitor.get(`${booking.path}/change/time`)
      expect(radioValues(times.body, 'start')).toContain('2026-03-05T10:30:00.000Z')
      const noTime = await visitor.post(`${booking.path}/change/time`, {})
      expect(errorSummary(noTime.body)).toEqual(['#start Choose a time'])

      const time = await visitor.post(`${booking.path}/change/time`, { start: '2026-03-05T10:30:00.000Z' })
      expect(time.headers.location).toBe(`${booking.path}/change/check`)
      const held = await t.app.pg.query(`SELECT count(*)::int AS n FROM slot_holds WHERE starts_at = '2026-03-05T10:30:00Z'`)
      expect(held.rows[0].n).toBe(1)

      const check = await visitor.get(`${booking.path}/change/check`)
      expect(summaryRows(check.body)).toEqual([
        ['Booked now', 'Wednesday 4 March 2026, 9am to 9:45am (UK time)'],
        ['New time', 'Thursday 5 March 2026, 10:30am to 11:15am (UK time)'],
      ])
      const changed = await visitor.post(`${booking.path}/change/check`, {})
      expect(changed.statusCode).toBe(303)
      expect(changed.headers.location).toBe(`${booking.path}/changed`)

      const { rows } = await t.app.pg.query(`SELECT reference, starts_at, status, sequence FROM bookings WHERE id = $1`, [booking.id])
      expect(rows).toEqual([{ reference: booking.reference, starts_at: new Date('2026-03-05T10:30:00.000Z'), status: 'booked', sequence: 1 }])
      const holds = await t.app.pg.query(`SELECT count(*)::int AS n FROM slot_holds WHERE starts_at = '2026-03-05T10:30:00Z'`)
      expect(holds.rows[0].n).toBe(0)

      const done = await visitor.get(`${booking.path}/changed`)
      expect(done.statusCode).toBe(200)
      expect(done.body).toMatch(/<h1 class="nhsuk-panel__heading"> Your booking has been changed <\/h1>/)
      expect(done.body).toContain('Thursday 5 March 2026, 10:30am to 11:15am (UK time)')
      expect(done.body).toContain(booking.reference)
    })

    it('will not "change" to the time already booked', async () => {
      const booking = await book('2026-03-04T09:45:00.000Z')
      const visitor = new Visitor(t.app)
      await visitor.answer(`${booking.path}/change`, { day: '2026-03-04' })
      await visitor.get(`${booking.path}/change/time`)
      const same = await visitor.post(`${booking.path}/change/time`, { start: '2026-03-04T09:45:00.000Z' })
      expect(same.statusCode).toBe(400)
      expect(errorSummary(same.body)).toEqual(['#start Choose a different time from the one you have booked'])
    })

    it('goes back to choose a time when the new time is taken at the last moment', async () => {
      const booking = await book('2026-03-06T09:00:00.000Z')
      const visitor = new Visitor(t.app)
      const start = '2026-03-06T13:30:00.000Z'
      await visitor.answer(`${booking.path}/change`, { day: '2026-03-06' })
      await visitor.answer(`${booking.path}/change/time`, { start })
      await visitor.get(`${booking.path}/change/check`)
      // Hold lapsed; every coach booked at that time meanwhile.
      t.clock.advance(11 * 60_000)
      await t.app.pg.query(`DELETE FROM slot_holds WHERE starts_at = $1`, [start])
      const coaches = await t.app.pg.query<{ coach_id: string; programme_id: string }>(
        `SELECT pc.coach_id, pc.programme_id FROM programme_coaches pc JOIN programmes p ON p.id = pc.programme_id WHERE p.slug = 'vaccinators'`,
      )
      for (const coach of coaches.rows) {
        await insertBookingRow(t.app.pg.pool, { programmeId: coach.programme_id, coachId: coach.coach_id, start, end: '2026-03-06T14:15:00.000Z' })
      }
      const submit = await visitor.post(`${booking.path}/change/check`, {})
      expect(submit.headers.location).toBe(`${booking.path}/change/time`)
      const times = await visitor.get(`${booking.path}/change/time`)
      expect(errorSummary(times.body)).toEqual(['#start That time has just been taken. Choose another time'])
      const { rows } = await t.app.pg.query(`SELECT starts_at FROM bookings WHERE id = $1`, [booking.id])
      expect(rows[0].starts_at).toEqual(new Date('2026-03-06T09:00:00.000Z'))
    })

    it('changes the time zone times are shown in, and keeps it with the booking', async () => {
      const booking = await book('2026-03-09T09:00:00.000Z')
      const visitor = new Visitor(t.app)
      const zone = await visitor.answer(`${booking.path}/change/time-zone?return=day`, { timeZone: 'America/New_York', return: 'day' })
      expect(zone.headers.location).toBe(`${booking.path}/change`)
      const days = await visitor.get(`${booking.path}/change`)
      expect(days.body).toContain('Times are shown in New York time.')
      await visitor.post(`${booking.path}/change`, { day: '2026-03-10' })
      const times = await visitor.get(`${booking.path}/change/time`)
      // 9am in London is 5am in New York on Tuesday 10 March (EDT began on 8 March).
      expect(times.body).toMatch(/value="2026-03-10T09:00:00.000Z"> <label class="nhsuk-label nhsuk-radios__label" for="start"> 5am <\/label>/)
      await visitor.post(`${booking.path}/change/time`, { start: '2026-03-10T09:00:00.000Z' })
      await visitor.get(`${booking.path}/change/check`)
      expect((await visitor.post(`${booking.path}/change/check`, {})).headers.location).toBe(`${booking.path}/changed`)
      const { rows } = await t.app.pg.query(`SELECT candidate_time_zone FROM bookings WHERE id = $1`, [booking.id])
      expect(rows[0].candidate_time_zone).toBe('America/New_York')
      expect((await visitor.get(booking.path)).body).toContain('Tuesday 10 March 2026, 5am to 5:45am (New York time)')
    })
  })

  describe('cancelling', () => {
    it('asks "are you sure", takes an optional reason, cancels, and offers to book again', async () => {
      const booking = await book('2026-03-11T09:00:00.000Z')
      const visitor = new Visitor(t.app)
      const sure = await visitor.get(`${booking.path}/cancel`)
      expect(sure.statusCode).toBe(200)
      expect(title(sure.body)).toBe('Are you sure you want to cancel your booking? – Career conversations – NHS')
      expect(sure.body).toContain('Wednesday 11 March 2026, 9am to 9:45am (UK time)')

      const tooLong = await visitor.post(`${booking.path}/cancel`, { reason: 'x'.repeat(1001) })
      expect(tooLong.statusCode).toBe(400)
      expect(errorSummary(tooLong.body)).toEqual(['#reason Your reason must be 1,000 characters or fewer'])

      const cancelled = await visitor.post(`${booking.path}/cancel`, { reason: 'I have started a new job' })
      expect(cancelled.statusCode).toBe(303)
      expect(cancelled.headers.location).toBe(`${booking.path}/cancelled`)
      const { rows } = await t.app.pg.query(`SELECT status, cancelled_by, cancellation_reason FROM bookings WHERE id = $1`, [booking.id])
      expect(rows).toEqual([{ status: 'cancelled', cancelled_by: 'candidate', cancellation_reason: 'I have started a new job' }])

      const done = await visitor.get(`${booking.path}/cancelled`)
      expect(done.body).toMatch(/<h1 class="nhsuk-panel__heading"> Your booking has been cancelled <\/h1>/)
      expect(done.body).toContain('href="/book/vaccinators"')

      // The link still opens the booking, which says it is cancelled and offers nothing to change.
      const page = await visitor.get(booking.path)
      expect(summaryRows(page.body)[0]).toEqual(['Status', 'Cancelled'])
      expect(page.body).not.toContain(`${booking.path}/cancel"`)
      expect((await visitor.get(`${booking.path}/cancel`)).headers.location).toBe(booking.path)
      expect((await visitor.get(`${booking.path}/change`)).headers.location).toBe(booking.path)
      expect((await visitor.post(`${booking.path}/cancel`, {})).headers.location).toBe(booking.path)
    })

    it('cancels without a reason', async () => {
      const booking = await book('2026-03-11T09:45:00.000Z')
      const visitor = new Visitor(t.app)
      expect((await visitor.answer(`${booking.path}/cancel`, { reason: '  ' })).headers.location).toBe(`${booking.path}/cancelled`)
      const { rows } = await t.app.pg.query(`SELECT status, cancellation_reason FROM bookings WHERE id = $1`, [booking.id])
      expect(rows).toEqual([{ status: 'cancelled', cancellation_reason: null }])
    })
  })

  it('keeps the new time for longer when asked on the check page (the hold warning, WCAG 2.2.1)', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const booking = await book('2026-03-06T11:15:00.000Z', { candidate: { name: 'Kim Keep', email: 'kim.keep@example.com', phone: '07700 900 983' } })
    const visitor = new Visitor(t.app)
    await visitor.get(`${booking.path}/change`)
    await visitor.answer(`${booking.path}/change`, { day: '2026-03-06' })
    expect((await visitor.answer(`${booking.path}/change/time`, { start: '2026-03-06T12:00:00.000Z' })).headers.location).toBe(`${booking.path}/change/check`)
    const check = await visitor.get(`${booking.path}/change/check`)
    expect(check.body).toContain('for you until 8:10am, while you change your booking.')
    expect(check.body).toContain(`action="${booking.path}/change/keep-time"`)

    t.clock.advance(5 * 60_000)
    const kept = await t.app.inject({
      method: 'POST',
      url: `${booking.path}/change/keep-time`,
      payload: new URLSearchParams({ _csrf: visitor.csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', cookie: visitor.cookie },
    })
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.json()).toMatchObject({ kept: true, until: '8:15am', expiresAt: '2026-03-02T08:15:00.000Z', canKeepLonger: true })
    const { rows } = await t.app.pg.query(`SELECT expires_at FROM slot_holds WHERE starts_at = '2026-03-06T12:00:00Z'`)
    expect(rows).toEqual([{ expires_at: new Date('2026-03-02T08:15:00.000Z') }])
  })
})
