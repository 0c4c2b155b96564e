import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { createCoach, createProgramme, insertBookingRow, seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { Visitor, errorSummary, pageTitle as title, radioValues } from '../support/visitor.js'

/**
 * The booking journey at /book/:programme, page by page, through app.inject:
 * what each page asks, what it says about bad answers (the NHS error summary,
 * status 400), where it goes next (303 after a post), the slot hold, a time
 * taken at the last moment, time zones and invitation links.
 *
 * The demo programme `vaccinators`: three coaches, Monday to Friday 9am to
 * 5pm UK time, 45-minute conversations, 24 hours' notice. The clock starts
 * on Monday 2 March 2026 at 8am (UK time is GMT then): the first free day is
 * Tuesday 3 March.
 */

const PROGRAMME = '/book/vaccinators'
const TUESDAY_9AM = '2026-03-03T09:00:00.000Z'
const TUESDAY_945AM = '2026-03-03T09:45:00.000Z'
const WEDNESDAY_10_30AM = '2026-03-04T10:30:00.000Z'
const WEDNESDAY_1_30PM = '2026-03-04T13:30:00.000Z'

const radioLabels = (html: string) =>
  [...html.matchAll(/<label class="nhsuk-label nhsuk-radios__label" for="[^"]+">\s*([^<]+?)\s*<\/label>/g)].map((match) => match[1])

describe('the booking journey', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
    await seedDemoDataForRepeatBookings({ databaseUrl: t.databaseUrl })
  })
  afterAll(async () => {
    await t?.app.close()
  })

  /** Goes through the pages up to `until`, with good answers. */
  async function journeyTo(
    visitor: Visitor,
    until: 'time' | 'details' | 'contact' | 'information' | 'check',
    { day = '2026-03-03', start = TUESDAY_9AM } = {},
  ) {
    expect((await visitor.answer(`${PROGRAMME}/day`, { day })).headers.location).toBe(`${PROGRAMME}/time`)
    if (until === 'time') return
    expect((await visitor.answer(`${PROGRAMME}/time`, { start })).headers.location).toBe(`${PROGRAMME}/details`)
    if (until === 'details') return
    const details = await visitor.answer(`${PROGRAMME}/details`, { name: ' Sam  Taylor ', email: 'Sam.Taylor@Example.com', phone: '' })
    expect(details.headers.location).toBe(`${PROGRAMME}/contact`)
    if (until === 'contact') return
    const contact = await visitor.answer(`${PROGRAMME}/contact`, { contactMethod: 'phone', phone: '07700 900 982', accessibilityNeeds: 'Captions, please' })
    expect(contact.headers.location).toBe(`${PROGRAMME}/information`)
    if (until === 'information') return
    expect((await visitor.answer(`${PROGRAMME}/information`, { consent: 'yes' })).headers.location).toBe(`${PROGRAMME}/check`)
  }

  describe('finding the programme', () => {
    it('goes straight to the only programme open for booking, and on to its first question', async () => {
      const visitor = new Visitor(t.app)
      const list = await visitor.get('/book')
      expect(list.statusCode).toBe(302)
      expect(list.headers.location).toBe(PROGRAMME)
      const start = await visitor.get(PROGRAMME)
      expect(start.statusCode).toBe(303)
      expect(start.headers.location).toBe(`${PROGRAMME}/day`)
    })

    it('shows the page not found for a programme that is not open', async () => {
      const visitor = new Visitor(t.app)
      for (const url of ['/book/no-such-programme', '/book/no-such-programme/day', '/book/no-such-programme/check']) {
        const response = await visitor.get(url)
        expect(response.statusCode, url).toBe(404)
        expect(response.body, url).toContain('<h1>Page not found</h1>')
      }
    })

    it('sends someone who skips ahead back to the first question they have not answered', async () => {
      const visitor = new Visitor(t.app)
      for (const step of ['time', 'details', 'contact', 'information', 'check']) {
        const response = await visitor.get(`${PROGRAMME}/${step}`)
        expect(response.statusCode, step).toBe(303)
        expect(response.headers.location, step).toBe(`${PROGRAMME}/day`)
      }
      await journeyTo(visitor, 'details')
      expect((await visitor.get(`${PROGRAMME}/check`)).headers.location).toBe(`${PROGRAMME}/details`)
    })
  })

  describe('choose a day', () => {
    it('lists the days with free times, a week at a time, as "Tuesday 3 March"', async () => {
      const visitor = new Visitor(t.app)
      const response = await visitor.get(`${PROGRAMME}/day`)
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      expect(title(response.body)).toBe('Choose a day – Career conversations – NHS')
      // Monday 2 March is within the 24 hours' notice; the weekend has no coaches.
      expect(radioValues(response.body, 'day')).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'])
      expect(radioLabels(response.body)).toEqual(['Tuesday 3 March', 'Wednesday 4 March', 'Thursday 5 March', 'Friday 6 March'])
      expect(response.body).toContain('Days with free times from Monday 2 March to Sunday 8 March.')
      expect(response.body).toContain('Times are shown in UK time. <a href="/book/vaccinators/time-zone?return=day">Change time zone</a>')
      expect(response.body).toContain('href="/book/vaccinators/day?week=2026-03-09"')
      expect(response.body).not.toContain('rel="prev"')
      expect(response.body).toMatch(/<form method="post" action="\/book\/vaccinators\/day" novalidate>\s*<input type="hidden" name="_csrf" value="[^"]+">/)

      const later = await visitor.get(`${PROGRAMME}/day?week=2026-03-09`)
      expect(radioLabels(later.body)).toEqual(['Monday 9 March', 'Tuesday 10 March', 'Wednesday 11 March', 'Thursday 12 March', 'Friday 13 March'])
      expect(later.body).toContain('href="/book/vaccinators/day?week=2026-03-02"')
      // A week asked for that is not a date: the first week with free days.
      expect(radioValues((await visitor.get(`${PROGRAMME}/day?week=nonsense`)).body, 'day')[0]).toBe('2026-03-03')
    })

    it('says what is wrong when no day is chosen, or one that is not offered', async () => {
      const visitor = new Visitor(t.app)
      const none = await visitor.answer(`${PROGRAMME}/day`, {})
      expect(none.statusCode).toBe(400)
      expect(title(none.body)).toBe('Error: Choose a day – Career conversations – NHS')
      expect(errorSummary(none.body)).toEqual(['#day Choose a day'])
      expect(none.body).toContain('<span class="nhsuk-error-message" id="day-error">')

      const sunday = await visitor.post(`${PROGRAMME}/day`, { day: '2026-03-08' })
      expect(sunday.statusCode).toBe(400)
      expect(errorSummary(sunday.body)).toEqual(['#day Choose a day from the list'])
      const junk = await visitor.post(`${PROGRAMME}/day`, { day: '<script>' })
      expect(junk.statusCode).toBe(400)
      expect(junk.body).not.toContain('<script>')
    })

    it('refuses a form without the CSRF token', async () => {
      const visitor = new Visitor(t.app)
      await visitor.get(`${PROGRAMME}/day`)
      const response = await visitor.post(`${PROGRAMME}/day`, { day: '2026-03-03' }, { csrf: false })
      expect(response.statusCode).toBe(403)
      expect(response.headers['content-type']).toMatch(/^text\/html/)
    })
  })

  describe('choose a time', () => {
    it('lists the free times of the day as "9:45am" and "midday"', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'time')
      const response = await visitor.get(`${PROGRAMME}/time`)
      expect(response.statusCode).toBe(200)
      expect(radioLabels(response.body)).toEqual([
        '9am', '9:45am', '10:30am', '11:15am', 'midday', '12:45pm', '1:30pm', '2:15pm', '3pm', '3:45pm',
      ])
      expect(radioValues(response.body, 'start')[0]).toBe(TUESDAY_9AM)
      expect(response.body).toContain('Free times on Tuesday 3 March. The conversation takes about 45 minutes.')
      expect(response.body).toContain('href="/book/vaccinators/time-zone?return=time">Change time zone</a>')
    })

    it('says what is wrong when no time is chosen, or one that is not offered', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'time')
      const none = await visitor.answer(`${PROGRAMME}/time`, {})
      expect(none.statusCode).toBe(400)
      expect(errorSummary(none.body)).toEqual(['#start Choose a time'])
      const other = await visitor.post(`${PROGRAMME}/time`, { start: '2026-03-03T09:10:00.000Z' })
      expect(other.statusCode).toBe(400)
      expect(errorSummary(other.body)).toEqual(['#start Choose a time from the list'])
      const junk = await visitor.post(`${PROGRAMME}/time`, { start: 'tomorrow' })
      expect(errorSummary(junk.body)).toEqual(['#start Choose a time from the list'])
    })

    it('holds the time chosen for 10 minutes, and lets go of it when another is chosen', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'details', { day: '2026-03-05', start: '2026-03-05T14:15:00.000Z' })
      const holds = () =>
        t.app.pg.query<{ starts_at: Date; expires_at: Date }>(
          `SELECT starts_at, expires_at FROM slot_holds WHERE starts_at >= '2026-03-05' AND starts_at < '2026-03-06'`,
        )
      expect((await holds()).rows).toEqual([
        { starts_at: new Date('2026-03-05T14:15:00.000Z'), expires_at: new Date(t.clock.now().getTime() + 10 * 60_000) },
      ])
      // The hold key is nowhere in the cookie's readable text.
      expect(visitor.cookie).toMatch(/cc_booking=[A-Za-z0-9_-]+/)

      const details = await visitor.get(`${PROGRAMME}/details`)
      expect(details.body).toContain('We are keeping 2:15pm on Thursday 5 March for you until 8:10am, while you finish booking.')

      // Their own held time is still offered to them, and chosen.
      const times = await visitor.get(`${PROGRAMME}/time`)
      expect(times.body).toMatch(/value="2026-03-05T14:15:00.000Z" checked/)
      await visitor.post(`${PROGRAMME}/time`, { start: '2026-03-05T15:00:00.000Z' })
      expect((await holds()).rows.map((row) => row.starts_at)).toEqual([new Date('2026-03-05T15:00:00.000Z')])
    })

    it('says so when the time has just been held or booked by others', async () => {
      const friday = '2026-03-06T09:00:00.000Z'
      const others = [new Visitor(t.app), new Visitor(t.app), new Visitor(t.app)]
      // Three coaches: three people can hold Friday 9am, a fourth cannot.
      for (const other of others) await journeyTo(other, 'details', { day: '2026-03-06', start: friday })
      const late = new Visitor(t.app)
      await journeyTo(late, 'time', { day: '2026-03-06' })
      const page = await late.get(`${PROGRAMME}/time`)
      expect(radioValues(page.body, 'start')).not.toContain(friday)
      const response = await late.post(`${PROGRAMME}/time`, { start: friday })
      expect(response.statusCode).toBe(400)
      expect(errorSummary(response.body)).toEqual(['#start Choose a time from the list'])
    })
  })

  describe('your details and how you want to talk', () => {
    it('asks for a full name and a real email address; the phone number is optional here', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'details', { day: '2026-03-04', start: WEDNESDAY_10_30AM })
      const empty = await visitor.answer(`${PROGRAMME}/details`, { name: ' ', email: '', phone: '' })
      expect(empty.statusCode).toBe(400)
      expect(title(empty.body)).toBe('Error: Your details – Career conversations – NHS')
      expect(errorSummary(empty.body)).toEqual(['#name Enter your full name', '#email Enter your email address'])
      expect(empty.body).toContain('id="name-error"')

      const bad = await visitor.post(`${PROGRAMME}/details`, { name: 'Sam Taylor', email: 'sam@', phone: 'call me' })
      expect(errorSummary(bad.body)).toEqual([
        '#email Enter an email address in the correct format, like name@example.com',
        '#phone Enter a phone number, like 07700 900 982 or +44 7700 900 982',
      ])
      // What they typed is kept, escaped.
      expect(bad.body).toContain('value="sam@"')

      const good = await visitor.post(`${PROGRAMME}/details`, { name: 'Sam Taylor', email: 'sam@example.com', phone: '' })
      expect(good.statusCode).toBe(303)
      expect(good.headers.location).toBe(`${PROGRAMME}/contact`)
    })

    it('needs a choice of phone or video, and a phone number for a phone call', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'contact', { day: '2026-03-04', start: '2026-03-04T11:15:00.000Z' })
      const none = await visitor.answer(`${PROGRAMME}/contact`, {})
      expect(none.statusCode).toBe(400)
      expect(errorSummary(none.body)).toEqual(['#contactMethod Choose how you want to talk to your coach'])

      const noPhone = await visitor.post(`${PROGRAMME}/contact`, { contactMethod: 'phone', phone: '' })
      expect(errorSummary(noPhone.body)).toEqual(['#phone Enter a phone number, so your coach can call you'])
      const tooLong = await visitor.post(`${PROGRAMME}/contact`, { contactMethod: 'video', accessibilityNeeds: 'x'.repeat(2001) })
      expect(errorSummary(tooLong.body)).toEqual(['#accessibilityNeeds Accessibility needs must be 2,000 characters or fewer'])

      const badPhone = await visitor.post(`${PROGRAMME}/contact`, { contactMethod: 'phone', phone: '12' })
      expect(errorSummary(badPhone.body)).toEqual(['#phone Enter a phone number, like 07700 900 982 or +44 7700 900 982'])

      const video = await visitor.post(`${PROGRAMME}/contact`, { contactMethod: 'video', phone: 'ignored for video' })
      expect(video.statusCode).toBe(303)
      expect(video.headers.location).toBe(`${PROGRAMME}/information`)
    })
  })

  it('uses the phone number from "your details" for a phone call, without asking again', async () => {
    const visitor = new Visitor(t.app)
    await journeyTo(visitor, 'details', { day: '2026-03-04', start: '2026-03-04T14:15:00.000Z' })
    await visitor.answer(`${PROGRAMME}/details`, { name: 'Sam Taylor', email: 'sam@example.com', phone: '07700 900 111' })
    const page = await visitor.get(`${PROGRAMME}/contact`)
    expect(page.body).toContain('Your coach will phone you on 07700 900 111 at the time you booked.')
    expect(page.body).not.toContain('name="phone"')
    expect((await visitor.post(`${PROGRAMME}/contact`, { contactMethod: 'phone' })).headers.location).toBe(`${PROGRAMME}/information`)
  })

  describe('what happens to your information', () => {
    it('says who sees the notes and how long they are kept, and needs the box ticked', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'information', { day: '2026-03-04', start: '2026-03-04T12:00:00.000Z' })
      const page = await visitor.get(`${PROGRAMME}/information`)
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('Only your coach and the programme team can see them.')
      expect(page.body).toContain('We keep your notes and next steps for 24 months after your last conversation.')
      expect(page.body).toContain('Taking part is voluntary.')

      const unticked = await visitor.post(`${PROGRAMME}/information`, {})
      expect(unticked.statusCode).toBe(400)
      expect(errorSummary(unticked.body)).toEqual(['#consent Confirm that you have read how your information is used'])
    })
  })

  describe('check your answers and book', () => {
    it('shows every answer with a way to change it, and comes back here after a change', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'check', { day: '2026-03-04', start: WEDNESDAY_1_30PM })
      const check = await visitor.get(`${PROGRAMME}/check`)
      expect(check.statusCode).toBe(200)
      const rows = [...check.body.matchAll(/<dt class="nhsuk-summary-list__key">\s*([^<]+?)\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*([^<]+?)\s*<\/dd>/g)].map(
        (match) => [match[1], match[2]],
      )
      expect(rows).toEqual([
        ['Date and time', 'Wednesday 4 March 2026, 1:30pm to 2:15pm (UK time)'],
        ['Time zone', 'UK time'],
        ['Full name', 'Sam Taylor'],
        ['Email address', 'sam.taylor@example.com'],
        ['Phone number', '07700 900 982'],
        ['How you want to talk', 'Phone call'],
        ['Help to take part', 'Captions, please'],
        ['Your information', 'You have read how your information will be used'],
      ])
      expect(check.body).toContain('href="/book/vaccinators/details"')
      expect(check.body).toContain('Change<span class="nhsuk-u-visually-hidden"> email address</span>')

      const changed = await visitor.answer(`${PROGRAMME}/details`, { name: 'Sam Taylor', email: 'sam.new@example.com', phone: '07700 900 982' })
      expect(changed.headers.location).toBe(`${PROGRAMME}/check`)
      // Taking the phone number away from a phone call: asked for again, under "Phone call".
      const noPhone = await visitor.post(`${PROGRAMME}/details`, { name: 'Sam Taylor', email: 'sam.new@example.com', phone: '' })
      expect(noPhone.headers.location).toBe(`${PROGRAMME}/contact`)
      expect((await visitor.answer(`${PROGRAMME}/contact`, { contactMethod: 'phone', phone: '07700 900 982' })).headers.location).toBe(`${PROGRAMME}/check`)
      // A new day needs a new time, then back to check.
      expect((await visitor.answer(`${PROGRAMME}/day`, { day: '2026-03-05' })).headers.location).toBe(`${PROGRAMME}/time`)
      expect((await visitor.get(`${PROGRAMME}/check`)).headers.location).toBe(`${PROGRAMME}/time`)
      expect((await visitor.answer(`${PROGRAMME}/time`, { start: '2026-03-05T11:15:00.000Z' })).headers.location).toBe(`${PROGRAMME}/check`)
      const after = await visitor.get(`${PROGRAMME}/check`)
      expect(after.body).toContain('Thursday 5 March 2026, 11:15am to midday (UK time)')
      expect(after.body).toContain('sam.new@example.com')
    })

    it('books: the booking, its consent and the emails, then the confirmation with the reference', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'check', { day: '2026-03-03', start: TUESDAY_945AM })
      await visitor.get(`${PROGRAMME}/check`)
      const submit = await visitor.post(`${PROGRAMME}/check`, {})
      expect(submit.statusCode).toBe(303)
      expect(submit.headers.location).toBe(`${PROGRAMME}/confirmation`)

      const { rows } = await t.app.pg.query(
        `SELECT reference, candidate_name, candidate_email, candidate_phone, contact_method, accessibility_needs,
                candidate_time_zone, consent_notice_version, consent_acknowledged_at, status, invitation_id
           FROM bookings WHERE starts_at = $1 AND candidate_email = 'sam.taylor@example.com'`,
        [TUESDAY_945AM],
      )
      expect(rows).toEqual([
        {
          reference: expect.stringMatching(/^CC-[A-Z0-9]{6}$/),
          candidate_name: 'Sam Taylor',
          candidate_email: 'sam.taylor@example.com',
          candidate_phone: '07700 900 982',
          contact_method: 'phone',
          accessibility_needs: 'Captions, please',
          candidate_time_zone: 'Europe/London',
          consent_notice_version: '2026-11-v1',
          consent_acknowledged_at: t.clock.now(),
          status: 'booked',
          invitation_id: null,
        },
      ])
      // The hold ended with the booking.
      const holds = await t.app.pg.query(`SELECT 1 FROM slot_holds WHERE starts_at = $1`, [TUESDAY_945AM])
      expect(holds.rows).toHaveLength(0)

      const confirmation = await visitor.get(`${PROGRAMME}/confirmation`)
      expect(confirmation.statusCode).toBe(200)
      expect(title(confirmation.body)).toBe('Booking complete – Career conversations – NHS')
      expect(confirmation.body).toMatch(/<h1 class="nhsuk-panel__heading">\s*Booking complete\s*<\/h1>/)
      expect(confirmation.body).toContain(`<strong class="app-reference">${rows[0].reference}</strong>`)
      expect(confirmation.body).toContain('Tuesday 3 March 2026, 9:45am to 10:30am (UK time)')
      expect(confirmation.body).toContain('We have sent a confirmation email to sam.taylor@example.com')
      const manage = /href="(\/bookings\/manage\/[A-Za-z0-9_-]{43})"/.exec(confirmation.body)?.[1]
      expect(manage).toBeDefined()
      const managePage = await visitor.get(manage!)
      expect(managePage.statusCode).toBe(200)
      expect(managePage.body).toContain(rows[0].reference)

      // Pressing the button again (the same answers, sent twice) books nothing more.
      const again = await visitor.post(`${PROGRAMME}/check`, {})
      expect(again.headers.location).toBe(`${PROGRAMME}/day`)
      const count = await t.app.pg.query(`SELECT count(*)::int AS n FROM bookings WHERE starts_at = $1`, [TUESDAY_945AM])
      expect(count.rows[0].n).toBe(1)

      // A new journey starts afresh.
      expect(radioValues((await visitor.get(`${PROGRAMME}/day`)).body, 'day')).not.toHaveLength(0)
      expect((await visitor.get(`${PROGRAMME}/details`)).headers.location).toBe(`${PROGRAMME}/day`)
    })

    it('books once when the same answers are sent twice at the same time', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'check', { day: '2026-03-10', start: '2026-03-10T09:00:00.000Z' })
      await visitor.get(`${PROGRAMME}/check`)
      const form = new URLSearchParams({ _csrf: visitor.csrf }).toString()
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: `${PROGRAMME}/check`,
          payload: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookie },
        })
      const answers = await Promise.all([send(), send()])
      expect(answers.map((answer) => answer.headers.location)).toEqual([`${PROGRAMME}/confirmation`, `${PROGRAMME}/confirmation`])
      const count = await t.app.pg.query(`SELECT count(*)::int AS n FROM bookings WHERE candidate_email = 'sam.taylor@example.com' AND starts_at = '2026-03-10T09:00:00Z'`)
      expect(count.rows[0].n).toBe(1)
    })

    it('goes back to choose a time when the time was taken at the last moment', async () => {
      const visitor = new Visitor(t.app)
      const start = '2026-03-11T13:30:00.000Z'
      await journeyTo(visitor, 'check', { day: '2026-03-11', start })
      await visitor.get(`${PROGRAMME}/check`)
      // Their hold lapses, and every coach is booked at that time meanwhile.
      t.clock.advance(11 * 60_000)
      const coaches = await t.app.pg.query<{ id: string; programme_id: string }>(
        `SELECT pc.coach_id AS id, pc.programme_id FROM programme_coaches pc JOIN programmes p ON p.id = pc.programme_id WHERE p.slug = 'vaccinators'`,
      )
      await t.app.pg.query(`DELETE FROM slot_holds WHERE starts_at = $1`, [start])
      for (const coach of coaches.rows) {
        await insertBookingRow(t.app.pg.pool, { programmeId: coach.programme_id, coachId: coach.id, start, end: '2026-03-11T14:15:00.000Z' })
      }
      const submit = await visitor.post(`${PROGRAMME}/check`, {})
      expect(submit.statusCode).toBe(303)
      expect(submit.headers.location).toBe(`${PROGRAMME}/time`)
      const times = await visitor.get(`${PROGRAMME}/time`)
      expect(times.statusCode).toBe(200)
      expect(title(times.body)).toBe('Error: Choose a time – Career conversations – NHS')
      expect(errorSummary(times.body)).toEqual(['#start That time has just been taken. Choose another time'])
      expect(radioValues(times.body, 'start')).not.toContain(start)
      // Said once.
      expect(errorSummary((await visitor.get(`${PROGRAMME}/time`)).body)).toEqual([])
      // Another time (clear of the coaches' buffers), and straight back to check: every other answer is kept.
      const other = await visitor.post(`${PROGRAMME}/time`, { start: '2026-03-11T15:00:00.000Z' })
      expect(errorSummary(other.body)).toEqual([])
      expect(other.headers.location).toBe(`${PROGRAMME}/check`)
    })

    it('books a time whose hold lapsed when it is still free', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'check', { day: '2026-03-12', start: '2026-03-12T09:00:00.000Z' })
      t.clock.advance(30 * 60_000)
      await visitor.get(`${PROGRAMME}/check`)
      expect((await visitor.post(`${PROGRAMME}/check`, {})).headers.location).toBe(`${PROGRAMME}/confirmation`)
      // The confirmation promises reminders only while the programme sends some.
      expect((await visitor.get(`${PROGRAMME}/confirmation`)).body).toContain('We will email you reminders before the call.')
      await t.app.pg.query(`UPDATE programmes SET reminder_offsets_minutes = '{}' WHERE slug = 'vaccinators'`)
      try {
        const withoutReminders = (await visitor.get(`${PROGRAMME}/confirmation`)).body
        expect(withoutReminders).toContain('What happens next')
        expect(withoutReminders).not.toContain('reminders')
      } finally {
        await t.app.pg.query(`UPDATE programmes SET reminder_offsets_minutes = '{1440,60}' WHERE slug = 'vaccinators'`)
      }
    })
  })

  describe('time zones', () => {
    it('shows days and times in the zone the candidate picks', async () => {
      const visitor = new Visitor(t.app)
      const page = await visitor.get(`${PROGRAMME}/time-zone?return=day`)
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('Which time zone do you want to see times in?')
      expect(page.body).toMatch(/value="Europe\/London" checked/)

      const none = await visitor.post(`${PROGRAMME}/time-zone`, { return: 'day' })
      expect(none.statusCode).toBe(400)
      expect(errorSummary(none.body)).toEqual(['#timeZone Choose your time zone'])
      const blank = await visitor.post(`${PROGRAMME}/time-zone`, { otherTimeZone: ' ', return: 'day' })
      expect(errorSummary(blank.body)).toEqual(['#timeZone Choose your time zone'])
      const unknown = await visitor.post(`${PROGRAMME}/time-zone`, { timeZone: 'Europe/London', otherTimeZone: 'Mars/Olympus_Mons', return: 'day' })
      expect(errorSummary(unknown.body)).toEqual(['#otherTimeZone Enter a time zone we recognise, like America/Toronto or Australia/Sydney'])
      expect(unknown.body).toContain('value="Mars/Olympus_Mons"')
      expect(unknown.body).toMatch(/<details class="nhsuk-details" open>/)

      const chosen = await visitor.post(`${PROGRAMME}/time-zone`, { otherTimeZone: 'america/new_york', return: 'day' })
      expect(chosen.statusCode).toBe(303)
      expect(chosen.headers.location).toBe(`${PROGRAMME}/day`)
      const days = await visitor.get(`${PROGRAMME}/day`)
      expect(days.body).toContain('Times are shown in New York time.')
      // Typed, but one of the listed zones: shown as that choice.
      const again = await visitor.get(`${PROGRAMME}/time-zone?return=day`)
      expect(again.body).toContain('value="America/New_York" checked')

      await visitor.post(`${PROGRAMME}/day`, { day: '2026-03-03' })
      const times = await visitor.get(`${PROGRAMME}/time`)
      // 9am in London is 4am in New York (EST) on Tuesday 3 March.
      expect(radioLabels(times.body)[0]).toBe('4am')
      expect(radioValues(times.body, 'start')[0]).toBe(TUESDAY_9AM)
      // A zone not in the list: kept where it was typed. Back to the page they came from, unless a step before it is unanswered.
      const dubai = await visitor.post(`${PROGRAMME}/time-zone`, { otherTimeZone: 'Asia/Dubai', return: 'time' })
      expect(dubai.headers.location).toBe(`${PROGRAMME}/time`)
      const typed = await visitor.get(`${PROGRAMME}/time-zone?return=time`)
      expect(typed.body).toContain('value="Asia/Dubai"')
      expect(typed.body).toMatch(/<details class="nhsuk-details" open>/)
      expect(typed.body).not.toMatch(/type="radio" value="[^"]+" checked/)
      expect((await visitor.get(`${PROGRAMME}/time`)).body).toContain('Times are shown in Dubai time.')
      const back = await visitor.post(`${PROGRAMME}/time-zone`, { timeZone: 'Europe/London', return: 'check' })
      expect(back.headers.location).toBe(`${PROGRAMME}/time`)
    })
  })

  describe('invitation links', () => {
    async function invite(status = 'sent', expiresAt = '2026-04-01T00:00:00Z', email = 'priya.invited@example.com') {
      const { token, hash } = generateToken()
      const { rows } = await t.app.pg.query<{ id: string }>(
        `INSERT INTO invitations (programme_id, name, email, phone, token_hash, status, created_at, updated_at, expires_at)
         SELECT id, 'Priya Invited', $4, '07700 900 123', $1, $2, now(), now(), $3 FROM programmes WHERE slug = 'vaccinators'
         RETURNING id`,
        [hash, status, expiresAt, email],
      )
      return { token, id: rows[0]!.id }
    }

    it('starts the journey with the name, email and phone filled in, and books with the invitation', async () => {
      const invitation = await invite()
      const visitor = new Visitor(t.app)
      const opened = await visitor.get(`/invitations/${invitation.token}`)
      expect(opened.statusCode).toBe(303)
      expect(opened.headers.location).toBe(`${PROGRAMME}/day`)
      expect(opened.headers['cache-control']).toBe('no-store')

      await visitor.answer(`${PROGRAMME}/day`, { day: '2026-03-13' })
      await visitor.answer(`${PROGRAMME}/time`, { start: '2026-03-13T09:00:00.000Z' })
      const details = await visitor.get(`${PROGRAMME}/details`)
      expect(details.body).toContain('value="Priya Invited"')
      expect(details.body).toContain('value="priya.invited@example.com"')
      expect(details.body).toContain('value="07700 900 123"')
      await visitor.post(`${PROGRAMME}/details`, { name: 'Priya Invited', email: 'priya.invited@example.com', phone: '07700 900 123' })
      await visitor.answer(`${PROGRAMME}/contact`, { contactMethod: 'video' })
      await visitor.answer(`${PROGRAMME}/information`, { consent: 'yes' })
      await visitor.get(`${PROGRAMME}/check`)
      expect((await visitor.post(`${PROGRAMME}/check`, {})).headers.location).toBe(`${PROGRAMME}/confirmation`)

      const booking = await t.app.pg.query(`SELECT invitation_id FROM bookings WHERE candidate_email = 'priya.invited@example.com'`)
      expect(booking.rows).toEqual([{ invitation_id: invitation.id }])
      const status = await t.app.pg.query(`SELECT status FROM invitations WHERE id = $1`, [invitation.id])
      expect(status.rows[0].status).toBe('booked')

      const used = await new Visitor(t.app).get(`/invitations/${invitation.token}`)
      expect(used.statusCode).toBe(404)
      expect(used.body).toContain('<h1>This link does not work</h1>')
      expect(used.body).toContain('This invitation has already been used')
    })

    it('shows "This link does not work" for an unknown, expired or withdrawn link, naming nobody', async () => {
      const expired = await invite('sent', '2026-03-01T00:00:00Z', 'expired@example.com')
      const withdrawn = await invite('withdrawn', undefined, 'withdrawn@example.com')
      const cases: [string, string][] = [
        [`/invitations/${generateToken().token}`, 'The link may be wrong'],
        ['/invitations/not-a-token', 'The link may be wrong'],
        [`/invitations/${withdrawn.token}`, 'The link may be wrong'],
        [`/invitations/${expired.token}`, 'This invitation has expired.'],
      ]
      for (const [url, text] of cases) {
        const response = await new Visitor(t.app).get(url)
        expect(response.statusCode, url).toBe(404)
        expect(title(response.body), url).toBe('This link does not work – Career conversations – NHS')
        expect(response.body, url).toContain(text)
        expect(response.body, url).not.toContain('Priya')
        expect(response.headers['set-cookie'] ?? '', url).not.toContain('cc_booking')
      }
    })
  })

  describe('the journey state', () => {
    it('lives in a sealed, HttpOnly cookie for the booking pages only, and a changed one is ignored', async () => {
      const visitor = new Visitor(t.app)
      await visitor.get(`${PROGRAMME}/day`)
      const response = await visitor.post(`${PROGRAMME}/day`, { day: '2026-03-03' })
      const setCookie = [response.headers['set-cookie']].flat().find((cookie) => cookie?.startsWith('cc_booking='))
      expect(setCookie).toMatch(/^cc_booking=[A-Za-z0-9_-]+; Max-Age=3600; Path=\/book; HttpOnly; SameSite=Lax$/)
      expect(setCookie).not.toContain('2026-03-03')

      // One character in the middle changed (the last may carry bits the decoding ignores, and could already be "AA").
      const tamper = (value: string) => {
        const middle = Math.floor(value.length / 2)
        return `${value.slice(0, middle)}${value[middle] === 'A' ? 'B' : 'A'}${value.slice(middle + 1)}`
      }
      visitor.cookie = visitor.cookie.replace(/cc_booking=([A-Za-z0-9_-]+)/, (_all, value: string) => `cc_booking=${tamper(value)}`)
      expect((await visitor.get(`${PROGRAMME}/time`)).headers.location).toBe(`${PROGRAMME}/day`)
    })

    it('forgets the answers an hour after the last one', async () => {
      const visitor = new Visitor(t.app)
      await journeyTo(visitor, 'details', { day: '2026-03-16', start: '2026-03-16T09:00:00.000Z' })
      t.clock.advance(61 * 60_000)
      expect((await visitor.get(`${PROGRAMME}/details`)).headers.location).toBe(`${PROGRAMME}/day`)
    })
  })

  // Last: it opens a second programme.
  describe('with more than one programme open', () => {
    it('lists them at /book, by name', async () => {
      const other = await createProgramme(t.app.pg.pool, { slug: 'admin-staff' })
      await createCoach(t.app.pg.pool, other)
      // A programme with no coaches yet is not bookable, so not offered.
      const noCoaches = await createProgramme(t.app.pg.pool, { slug: 'no-coaches-yet' })
      const list = await new Visitor(t.app).get('/book')
      expect(list.statusCode).toBe(200)
      expect(title(list.body)).toBe('Choose a programme – Career conversations – NHS')
      expect(list.body).toContain('<a href="/book/vaccinators">Career conversations for vaccinators</a>')
      expect(list.body).toContain(`<a href="/book/${other.slug}">Programme ${other.slug}</a>`)
      expect(list.body).not.toContain(`/book/${noCoaches.slug}`)
      // Its own link says it is not taking bookings, rather than that every time has been booked.
      const closed = await new Visitor(t.app).get(`/book/${noCoaches.slug}/day`)
      expect(closed.statusCode).toBe(404)
      expect(closed.body).toContain('<h1>Not taking bookings at the moment</h1>')
    })
  })
})
