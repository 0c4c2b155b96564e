import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { buildTestApp, type TestApp } from '../helper.js'
import { createStaff, pageBrowser, startSession, type TestStaff } from '../support/staff.js'
import { pageText } from '../support/visitor.js'
import { createProgramme, listSlotStarts, type ProgrammeFixture } from '../support/booking-fixtures.js'

/**
 * The availability pages against real PostgreSQL: a coach's own at
 * /coach/availability, an admin's at /admin/coaches/:coachId/availability.
 * The clock is on Monday 2 March 2026, 8am UK time.
 */

type Form = Record<string, string>

describe('availability pages', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let coach: TestStaff
  let otherCoach: TestStaff
  let admin: TestStaff
  let coachCookie: string
  let otherCoachCookie: string
  let adminCookie: string

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60 })
    coach = await createStaff(t.app, { role: 'coach', name: 'Alex Morgan' })
    otherCoach = await createStaff(t.app, { role: 'coach', name: 'Jo Bloggs' })
    admin = await createStaff(t.app, { role: 'admin' })
    for (const c of [coach, otherCoach]) {
      await t.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, c.coachId])
      await t.app.pg.query('UPDATE coaches SET buffer_minutes = 0, daily_maximum = 24 WHERE id = $1', [c.coachId])
    }
    coachCookie = await startSession(t.app, coach.id)
    otherCoachCookie = await startSession(t.app, otherCoach.id)
    adminCookie = await startSession(t.app, admin.id)
  })
  afterAll(async () => {
    await t.app.close()
  })

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } })

  /** Posts a form with the CSRF token of `page` (by default the form's own page). */
  const post = (url: string, cookie: string, form: Form, page = url): Promise<LightMyRequestResponse> =>
    pageBrowser(t.app, { cookie }).post(url, form, { tokenFrom: page })

  /** Posts each form to `url`: each is refused (400) with these messages in the error summary, in order. */
  async function expectRefused(url: string, cases: [Form, string[]][]) {
    for (const [form, messages] of cases) {
      const response = await post(url, coachCookie, form)
      expect(response.statusCode, JSON.stringify(form)).toBe(400)
      expect(summary(response.body), JSON.stringify(form)).toEqual(messages)
    }
  }

  async function windowsOf(coachId: string) {
    const { rows } = await t.app.pg.query(
      `SELECT weekday, start_minute AS "start", end_minute AS "end" FROM availability_windows WHERE coach_id = $1 ORDER BY weekday, start_minute`,
      [coachId],
    )
    return rows
  }

  async function auditRows(coachId: string) {
    const { rows } = await t.app.pg.query(
      `SELECT actor, action, subject_type, subject_id, result, details FROM audit_events
        WHERE action = 'availability.change' AND subject_id = $1 ORDER BY occurred_at, id`,
      [coachId],
    )
    return rows
  }

  /** The error summary's messages, in order. */
  function summary(body: string): string[] {
    const list = body.match(/<ul class="nhsuk-list nhsuk-error-summary__list">([\s\S]*?)<\/ul>/)?.[1] ?? ''
    return [...list.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${decode(m[2]!)}`)
  }

  /** The value a text box shows. */
  function valueOf(body: string, name: string): string | undefined {
    const tag = body.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0]
    return tag === undefined ? undefined : decode(tag.match(/value="([^"]*)"/)?.[1] ?? '')
  }

  function decode(text: string): string {
    return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim()
  }

  describe('access', () => {
    it('sends a signed-out person to sign in, and keeps coaches out of the admin pages', async () => {
      expect((await t.app.inject({ url: '/coach/availability' })).statusCode).toBe(302)
      expect((await get('/admin/coaches', coachCookie)).statusCode).toBe(403)
      expect((await get(`/admin/coaches/${otherCoach.coachId}/availability`, coachCookie)).statusCode).toBe(403)
      expect((await get(`/admin/coaches/${otherCoach.coachId}/availability/weekly-hours`, coachCookie)).statusCode).toBe(403)
      // A coach's POST to another coach's admin page is refused before anything changes.
      const refused = await post(
        `/admin/coaches/${otherCoach.coachId}/availability/weekly-hours`,
        coachCookie,
        { 'monday-1-start': '9am', 'monday-1-end': '5pm' },
        '/coach/availability/weekly-hours',
      )
      expect(refused.statusCode).toBe(403)
      expect(await windowsOf(otherCoach.coachId!)).toEqual([])
    })

    it('gives an admin without a coach profile no /coach/availability of their own', async () => {
      expect((await get('/coach/availability', adminCookie)).statusCode).toBe(403)
    })

    it('has no way for a coach to name another coach: the coach pages are always their own', async () => {
      const own = await get('/coach/availability', otherCoachCookie)
      expect(own.statusCode).toBe(200)
      expect(own.body).toContain('Your availability')
      // No coach id in any coach URL: a made-up one is simply not a page.
      expect((await get(`/coach/availability/${coach.coachId}`, otherCoachCookie)).statusCode).toBe(404)
    })

    it('refuses a form post without its CSRF token', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/coach/availability/weekly-hours',
        headers: { cookie: coachCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'monday-1-start=9am&monday-1-end=5pm',
      })
      expect(response.statusCode).toBe(403)
    })
  })

  describe('overview', () => {
    it('shows weekly hours, settings, days off and time off in NHS style, each with a Change link', async () => {
      await t.app.pg.query(
        `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, 1, 540, 780), ($1, 1, 840, 1050), ($1, 3, 720, 1440)`,
        [coach.coachId],
      )
      await t.app.pg.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, '2026-03-09', 'day_off'), ($1, '2026-02-27', 'day_off')`, [coach.coachId])
      await t.app.pg.query(
        `INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, '2026-03-14', 'extra_hours', 600, 720)`,
        [coach.coachId],
      )
      await t.app.pg.query(
        `INSERT INTO coach_time_off (coach_id, starts_at, ends_at, note) VALUES
           ($1, '2026-04-06T00:00:00+01:00', '2026-04-11T00:00:00+01:00', 'Annual leave'),
           ($1, '2026-02-02T00:00:00Z', '2026-02-03T00:00:00Z', 'Past')`,
        [coach.coachId],
      )
      const page = await get('/coach/availability', coachCookie)
      expect(page.statusCode).toBe(200)
      const text = pageText(page.body)
      expect(text).toContain('Monday 9am to 1pm, 2pm to 5:30pm')
      expect(text).toContain('Tuesday No hours')
      expect(text).toContain('Wednesday midday to midnight')
      expect(text).toContain('Time zone UK time (Europe/London)')
      expect(text).toContain('Buffer between conversations None')
      expect(text).toContain('Most conversations in a day 24 conversations')
      expect(text).toContain('Monday 9 March 2026 Day off')
      expect(text).toContain('Saturday 14 March 2026 Extra hours, 10am to midday')
      expect(text).not.toContain('27 February')
      expect(text).toContain('Monday 6 April 2026 Friday 10 April 2026, end of the day Annual leave')
      expect(text).not.toContain('Past')
      for (const href of ['weekly-hours', 'settings', 'dates', 'time-off', 'calendar']) {
        expect(page.body).toContain(`href="/coach/availability/${href}"`)
      }
      expect(page.body.match(/>\s*Change<span class="nhsuk-u-visually-hidden">/g)).toHaveLength(5)
      await t.app.pg.query('DELETE FROM availability_windows WHERE coach_id = $1', [coach.coachId])
      await t.app.pg.query('DELETE FROM coach_date_overrides WHERE coach_id = $1', [coach.coachId])
      await t.app.pg.query('DELETE FROM coach_time_off WHERE coach_id = $1', [coach.coachId])
    })
  })

  describe('weekly hours', () => {
    it('shows the saved hours in the form', async () => {
      await t.app.pg.query(
        `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, 2, 840, 1020), ($1, 2, 540, 750)`,
        [coach.coachId],
      )
      const page = await get('/coach/availability/weekly-hours', coachCookie)
      expect(page.statusCode).toBe(200)
      expect(valueOf(page.body, 'tuesday-1-start')).toBe('9am')
      expect(valueOf(page.body, 'tuesday-1-end')).toBe('12:30pm')
      expect(valueOf(page.body, 'tuesday-2-start')).toBe('2pm')
      expect(valueOf(page.body, 'tuesday-2-end')).toBe('5pm')
      expect(valueOf(page.body, 'tuesday-3-start')).toBe('')
      expect(valueOf(page.body, 'sunday-3-end')).toBe('')
      expect(valueOf(page.body, 'sunday-4-end')).toBeUndefined()
    })

    it('saving replaces every weekly window in one go, and is audited', async () => {
      const before = (await auditRows(coach.coachId!)).length
      const response = await post('/coach/availability/weekly-hours', coachCookie, {
        'monday-1-start': '9am',
        'monday-1-end': '12:30pm',
        'monday-2-start': '13:30',
        'monday-2-end': '5pm',
        'friday-1-start': 'midday',
        'friday-1-end': 'midnight',
      })
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe('/coach/availability?saved=weekly-hours')
      expect(await windowsOf(coach.coachId!)).toEqual([
        { weekday: 1, start: 540, end: 750 },
        { weekday: 1, start: 810, end: 1020 },
        { weekday: 5, start: 720, end: 1440 },
      ])
      const audit = await auditRows(coach.coachId!)
      expect(audit).toHaveLength(before + 1)
      expect(audit.at(-1)).toEqual({
        actor: `staff:${coach.id}`,
        action: 'availability.change',
        subject_type: 'coach',
        subject_id: coach.coachId,
        result: 'success',
        details: { change: 'weekly_hours', scope: 'coach' },
      })
      const overview = await get(response.headers.location as string, coachCookie)
      expect(overview.body).toContain('Weekly hours saved')
    })

    it('saving an empty form leaves no hours at all (a coach may have none)', async () => {
      const response = await post('/coach/availability/weekly-hours', coachCookie, {})
      expect(response.statusCode).toBe(303)
      expect(await windowsOf(coach.coachId!)).toEqual([])
    })

    it('refuses overlapping hours on one day, keeping what was saved and what was typed', async () => {
      await post('/coach/availability/weekly-hours', coachCookie, { 'monday-1-start': '9am', 'monday-1-end': '5pm' })
      const response = await post('/coach/availability/weekly-hours', coachCookie, {
        'monday-1-start': '9am',
        'monday-1-end': '1pm',
        'monday-2-start': '12pm',
        'monday-2-end': '5pm',
      })
      expect(response.statusCode).toBe(400)
      expect(summary(response.body)).toEqual(['#monday-2-start Monday, hours 2 must not overlap hours 1 (9am to 1pm)'])
      expect(response.body).toMatch(/<title>Error: Weekly hours/)
      expect(valueOf(response.body, 'monday-2-start')).toBe('12pm')
      expect(response.body).toContain('nhsuk-input--error')
      expect(await windowsOf(coach.coachId!)).toEqual([{ weekday: 1, start: 540, end: 1020 }])
    })

    it('shows every message for times in the error summary, linked to its field', async () => {
      const response = await post('/coach/availability/weekly-hours', coachCookie, {
        'monday-1-start': '9am',
        'tuesday-1-end': '5pm',
        'wednesday-1-start': 'nine',
        'wednesday-1-end': '5pm',
        'thursday-1-start': '9',
        'thursday-1-end': '5pm',
        'friday-1-start': '9:07am',
        'friday-1-end': '5pm',
        'saturday-1-start': '5pm',
        'saturday-1-end': '9am',
        'sunday-1-start': '9am',
        'sunday-1-end': '25:00',
      })
      expect(response.statusCode).toBe(400)
      expect(summary(response.body)).toEqual([
        '#monday-1-end Enter an end time for Monday, hours 1',
        '#tuesday-1-start Enter a start time for Tuesday, hours 1',
        '#wednesday-1-start Start time for Wednesday, hours 1 must be a time, like 9am or 5:30pm',
        '#thursday-1-start Start time for Thursday, hours 1 must say am or pm, like 9am or 9pm',
        '#friday-1-start Start time for Friday, hours 1 must be in steps of 5 minutes, like 9am, 9:05am or 9:10am',
        '#saturday-1-end End time for Saturday, hours 1 must be after the start time',
        '#sunday-1-end End time for Sunday, hours 1 must be a time, like 9am or 5:30pm',
      ])
    })
  })

  describe('settings', () => {
    it('saves time zone, buffer and daily maximum', async () => {
      const form = await get('/coach/availability/settings', coachCookie)
      expect(form.statusCode).toBe(200)
      expect(form.body).toMatch(/<option value="Europe\/London" selected>/)
      const response = await post('/coach/availability/settings', coachCookie, {
        timeZone: 'Europe/Dublin',
        bufferMinutes: '10',
        dailyMaximum: '5',
      })
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe('/coach/availability?saved=settings')
      const { rows } = await t.app.pg.query('SELECT time_zone, buffer_minutes, daily_maximum FROM coaches WHERE id = $1', [coach.coachId])
      expect(rows).toEqual([{ time_zone: 'Europe/Dublin', buffer_minutes: 10, daily_maximum: 5 }])
      await post('/coach/availability/settings', coachCookie, { timeZone: 'Europe/London', bufferMinutes: '0', dailyMaximum: '24' })
    })

    it('shows every message for settings', async () => {
      const cases: [Form, string[]][] = [
        [
          { timeZone: '', bufferMinutes: '', dailyMaximum: '' },
          [
            '#bufferMinutes Enter the buffer between conversations in minutes, like 15 (or 0 for none)',
            '#dailyMaximum Enter the most conversations in a day, like 6',
            '#timeZone Select a time zone',
          ],
        ],
        [
          { timeZone: 'Mars/Olympus_Mons', bufferMinutes: 'ten', dailyMaximum: '2.5' },
          [
            '#bufferMinutes Buffer between conversations must be a whole number of minutes, like 15',
            '#dailyMaximum Most conversations in a day must be a whole number, like 6',
            '#timeZone Select a time zone from the list',
          ],
        ],
        [
          { timeZone: 'Europe/London', bufferMinutes: '-5', dailyMaximum: '0' },
          [
            '#bufferMinutes Buffer between conversations must be 0 minutes or more',
            '#dailyMaximum Most conversations in a day must be 1 or more',
          ],
        ],
        [
          { timeZone: 'Europe/London', bufferMinutes: '241', dailyMaximum: '25' },
          [
            '#bufferMinutes Buffer between conversations must be 240 minutes (4 hours) or less',
            '#dailyMaximum Most conversations in a day must be 24 or fewer',
          ],
        ],
      ]
      await expectRefused('/coach/availability/settings', cases)
    })
  })

  describe('days off and extra hours', () => {
    it('adds a day off and extra hours, lists them and removes them', async () => {
      const dayOff = await post('/coach/availability/dates', coachCookie, {
        'date-day': '9',
        'date-month': '3',
        'date-year': '2026',
        kind: 'day_off',
      })
      expect(dayOff.statusCode).toBe(303)
      expect(dayOff.headers.location).toBe('/coach/availability/dates?added=1')
      const extra = await post('/coach/availability/dates', coachCookie, {
        'date-day': '14',
        'date-month': '03',
        'date-year': '2026',
        kind: 'extra_hours',
        start: '10am',
        end: '1:30pm',
      })
      expect(extra.statusCode).toBe(303)
      const { rows } = await t.app.pg.query(
        `SELECT id, date::text AS date, kind, start_minute, end_minute FROM coach_date_overrides WHERE coach_id = $1 ORDER BY date`,
        [coach.coachId],
      )
      expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
        { date: '2026-03-09', kind: 'day_off', start_minute: null, end_minute: null },
        { date: '2026-03-14', kind: 'extra_hours', start_minute: 600, end_minute: 810 },
      ])
      const page = await get('/coach/availability/dates?added=1', coachCookie)
      expect(page.body).toContain('Monday 9 March 2026')
      expect(page.body).toContain('Extra hours, 10am to 1:30pm')
      expect(page.body).toContain(`action="/coach/availability/dates/${rows[0].id}/remove"`)

      const removed = await post(`/coach/availability/dates/${rows[1].id}/remove`, coachCookie, {}, '/coach/availability/dates')
      expect(removed.statusCode).toBe(303)
      expect(removed.headers.location).toBe('/coach/availability/dates?removed=1')
      const left = await t.app.pg.query('SELECT id FROM coach_date_overrides WHERE coach_id = $1', [coach.coachId])
      expect(left.rows).toEqual([{ id: rows[0].id }])

      // Another coach cannot remove it: it is not theirs.
      const notTheirs = await post(`/coach/availability/dates/${rows[0].id}/remove`, otherCoachCookie, {}, '/coach/availability/dates')
      expect(notTheirs.statusCode).toBe(404)
      expect((await post('/coach/availability/dates/not-an-id/remove', coachCookie, {}, '/coach/availability/dates')).statusCode).toBe(404)
      await post(`/coach/availability/dates/${rows[0].id}/remove`, coachCookie, {}, '/coach/availability/dates')
    })

    it('shows every message for a date', async () => {
      const cases: [Form, string[]][] = [
        [{}, ['#date-day Enter the date', '#kind Select whether this is a day off or extra hours']],
        [{ 'date-day': '9', kind: 'day_off' }, ['#date-month Date must include a month and year']],
        [{ 'date-month': '3', 'date-year': '2026', kind: 'day_off' }, ['#date-day Date must include a day']],
        [{ 'date-day': '31', 'date-month': '2', 'date-year': '2026', kind: 'day_off' }, ['#date-day Date must be a real date']],
        [{ 'date-day': 'x', 'date-month': '2', 'date-year': '2026', kind: 'day_off' }, ['#date-day Date must be a real date']],
        [{ 'date-day': '9', 'date-month': '3', 'date-year': '26', kind: 'day_off' }, ['#date-year Date must include a year with 4 numbers, like 2026']],
        [{ 'date-day': '1', 'date-month': '3', 'date-year': '2026', kind: 'day_off' }, ['#date-day Date must be today or in the future']],
        [{ 'date-day': '1', 'date-month': '3', 'date-year': '2029', kind: 'day_off' }, ['#date-day Date must be within the next 2 years']],
        [
          { 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'extra_hours' },
          ['#start Enter a start time for the extra hours', '#end Enter an end time for the extra hours'],
        ],
        [
          { 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'extra_hours', start: '3pm', end: '2pm' },
          ['#end End time for the extra hours must be after the start time'],
        ],
        [
          { 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'extra_hours', start: '3', end: '4:01pm' },
          [
            '#start Start time for the extra hours must say am or pm, like 9am or 9pm',
            '#end End time for the extra hours must be in steps of 5 minutes, like 9am, 9:05am or 9:10am',
          ],
        ],
      ]
      await expectRefused('/coach/availability/dates', cases)
      const count = await t.app.pg.query('SELECT count(*)::int AS n FROM coach_date_overrides WHERE coach_id = $1', [coach.coachId])
      expect(count.rows[0].n).toBe(0)
    })

    it('refuses a second day off on a date, and extra hours that overlap others that date', async () => {
      const date = { 'date-day': '10', 'date-month': '3', 'date-year': '2026' }
      expect((await post('/coach/availability/dates', coachCookie, { ...date, kind: 'day_off' })).statusCode).toBe(303)
      const again = await post('/coach/availability/dates', coachCookie, { ...date, kind: 'day_off' })
      expect(again.statusCode).toBe(400)
      expect(summary(again.body)).toEqual(['#date-day There is already a day off on Tuesday 10 March 2026'])
      expect((await post('/coach/availability/dates', coachCookie, { ...date, kind: 'extra_hours', start: '9am', end: '11am' })).statusCode).toBe(303)
      const overlap = await post('/coach/availability/dates', coachCookie, { ...date, kind: 'extra_hours', start: '10am', end: '1pm' })
      expect(overlap.statusCode).toBe(400)
      expect(summary(overlap.body)).toEqual([
        '#start Extra hours must not overlap the extra hours already on Tuesday 10 March 2026 (9am to 11am)',
      ])
      await t.app.pg.query('DELETE FROM coach_date_overrides WHERE coach_id = $1', [coach.coachId])
    })
  })

  describe('time off', () => {
    it('adds time off as a UTC range read on the coach clock, lists it and removes it', async () => {
      const response = await post('/coach/availability/time-off', coachCookie, {
        'start-day': '27',
        'start-month': '3',
        'start-year': '2026',
        'end-day': '30',
        'end-month': '3',
        'end-year': '2026',
        'end-time': '1pm',
        note: 'Annual leave',
      })
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe('/coach/availability/time-off?added=1')
      const { rows } = await t.app.pg.query('SELECT id, starts_at, ends_at, note FROM coach_time_off WHERE coach_id = $1', [coach.coachId])
      // Midnight GMT on Friday 27 March; 1pm BST on Monday 30 March (the clocks go forward on the 29th).
      expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
        { starts_at: new Date('2026-03-27T00:00:00.000Z'), ends_at: new Date('2026-03-30T12:00:00.000Z'), note: 'Annual leave' },
      ])
      const page = await get('/coach/availability/time-off', coachCookie)
      const text = pageText(page.body)
      expect(text).toContain('Friday 27 March 2026 Monday 30 March 2026, 1pm Annual leave')
      expect(page.body).toContain('Do not include health details')

      expect((await post(`/coach/availability/time-off/${rows[0].id}/remove`, otherCoachCookie, {}, '/coach/availability/time-off')).statusCode).toBe(404)
      const removed = await post(`/coach/availability/time-off/${rows[0].id}/remove`, coachCookie, {}, '/coach/availability/time-off')
      expect(removed.statusCode).toBe(303)
      expect(removed.headers.location).toBe('/coach/availability/time-off?removed=1')
      const left = await t.app.pg.query('SELECT id FROM coach_time_off WHERE coach_id = $1', [coach.coachId])
      expect(left.rows).toEqual([])
    })

    it('shows every message for time off', async () => {
      const march = (day: string) => ({ day, month: '3', year: '2026' })
      const dates = (start: { day: string; month: string; year: string } | null, end: { day: string; month: string; year: string } | null) => ({
        ...(start ? { 'start-day': start.day, 'start-month': start.month, 'start-year': start.year } : {}),
        ...(end ? { 'end-day': end.day, 'end-month': end.month, 'end-year': end.year } : {}),
      })
      const cases: [Form, string[]][] = [
        [{}, ['#start-day Enter the start date', '#end-day Enter the end date']],
        [{ ...dates(march('1'), march('3')) }, ['#start-day Start date must be today or in the future']],
        [{ ...dates({ day: '1', month: '3', year: '2029' }, { day: '2', month: '3', year: '2029' }) }, ['#start-day Start date must be within the next 2 years']],
        [{ ...dates(march('9'), march('6')) }, ['#end-day End date must be the same as or after the start date']],
        [{ ...dates(march('9'), march('9')), 'start-time': '3pm', 'end-time': '2pm' }, ['#end-time End time must be after the start time']],
        [{ ...dates(march('2'), march('2')), 'start-time': '7am' }, ['#start-time Start time must be in the future']],
        [{ ...dates(march('9'), march('9')), 'start-time': 'lunch', 'end-time': '5' }, [
          '#start-time Start time must be a time, like 9am or 5:30pm',
          '#end-time End time must say am or pm, like 9am or 9pm',
        ]],
        [{ ...dates(march('9'), { day: '10', month: '3', year: '2027' }) }, ['#end-day Time off must be 1 year or shorter: add longer time off in parts']],
        [{ ...dates(march('9'), { day: '', month: '3', year: '2026' }) }, ['#end-day End date must include a day']],
        [{ ...dates(march('9'), march('10')), note: 'x'.repeat(101) }, ['#note Note must be 100 characters or fewer']],
      ]
      await expectRefused('/coach/availability/time-off', cases)
      const count = await t.app.pg.query('SELECT count(*)::int AS n FROM coach_time_off WHERE coach_id = $1', [coach.coachId])
      expect(count.rows[0].n).toBe(0)
    })
  })

  describe('admin', () => {
    it('lists every coach with their time zone, programmes and a link to their availability', async () => {
      const page = await get('/admin/coaches', adminCookie)
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('Alex Morgan')
      expect(page.body).toContain('Jo Bloggs')
      expect(page.body).toContain(`Programme ${programme.slug}`)
      expect(page.body).toContain(`href="/admin/coaches/${otherCoach.coachId}/availability"`)
      expect(page.body).toContain('UK time (Europe/London)')
    })

    it('edits any coach with the same pages, audited as the admin', async () => {
      const base = `/admin/coaches/${otherCoach.coachId}/availability`
      const overview = await get(base, adminCookie)
      expect(overview.statusCode).toBe(200)
      expect(overview.body).toContain('Jo Bloggs')
      expect(overview.body).toContain(`href="${base}/weekly-hours"`)
      const form = await get(`${base}/weekly-hours`, adminCookie)
      expect(form.body).toContain(`action="${base}/weekly-hours"`)

      const saved = await post(`${base}/weekly-hours`, adminCookie, { 'tuesday-1-start': '10am', 'tuesday-1-end': '4pm' })
      expect(saved.statusCode).toBe(303)
      expect(saved.headers.location).toBe(`${base}?saved=weekly-hours`)
      expect(await windowsOf(otherCoach.coachId!)).toEqual([{ weekday: 2, start: 600, end: 960 }])

      const settings = await post(`${base}/settings`, adminCookie, { timeZone: 'America/New_York', bufferMinutes: '15', dailyMaximum: '3' })
      expect(settings.statusCode).toBe(303)
      const added = await post(`${base}/dates`, adminCookie, { 'date-day': '10', 'date-month': '3', 'date-year': '2026', kind: 'day_off' })
      expect(added.statusCode).toBe(303)
      expect(added.headers.location).toBe(`${base}/dates?added=1`)

      const audit = await auditRows(otherCoach.coachId!)
      expect(audit.map((row) => [row.actor, row.details])).toEqual([
        [`staff:${admin.id}`, { change: 'weekly_hours', scope: 'admin' }],
        [`staff:${admin.id}`, { change: 'settings', scope: 'admin' }],
        [`staff:${admin.id}`, { change: 'date_override_added', scope: 'admin' }],
      ])
      // And the coach sees it on their own page.
      const own = await get('/coach/availability', otherCoachCookie)
      expect(pageText(own.body)).toContain('Tuesday 10am to 4pm')
      await t.app.pg.query('DELETE FROM coach_date_overrides WHERE coach_id = $1', [otherCoach.coachId])
      await post(`${base}/settings`, adminCookie, { timeZone: 'Europe/London', bufferMinutes: '0', dailyMaximum: '24' })
      await post(`${base}/weekly-hours`, adminCookie, {})
    })

    it('answers 404 for a coach that does not exist', async () => {
      for (const url of [
        '/admin/coaches/00000000-0000-4000-8000-000000000000/availability',
        '/admin/coaches/00000000-0000-4000-8000-000000000000/availability/weekly-hours',
        '/admin/coaches/not-a-coach/availability',
        '/admin/coaches/not-a-coach/availability/time-off',
      ]) {
        expect((await get(url, adminCookie)).statusCode, url).toBe(404)
      }
      const response = await post(
        '/admin/coaches/00000000-0000-4000-8000-000000000000/availability/weekly-hours',
        adminCookie,
        { 'monday-1-start': '9am', 'monday-1-end': '5pm' },
        '/admin/coaches',
      )
      expect(response.statusCode).toBe(404)
    })
  })

  describe('slots', () => {
    it('follow a change at once: hours, a day off, extra hours and time off', async () => {
      const from = '2026-03-09'
      const to = '2026-03-10'
      const hours = await post('/coach/availability/weekly-hours', coachCookie, {
        'monday-1-start': '9am',
        'monday-1-end': '11am',
        'tuesday-1-start': '2pm',
        'tuesday-1-end': '3:30pm',
      })
      expect(hours.statusCode).toBe(303)
      expect(await listSlotStarts(t.app, programme, from, to)).toEqual([
        '2026-03-09T09:00:00.000Z',
        '2026-03-09T09:45:00.000Z',
        '2026-03-10T14:00:00.000Z',
        '2026-03-10T14:45:00.000Z',
      ])

      const dayOff = await post('/coach/availability/dates', coachCookie, { 'date-day': '9', 'date-month': '3', 'date-year': '2026', kind: 'day_off' })
      expect(dayOff.statusCode).toBe(303)
      expect(await listSlotStarts(t.app, programme, from, to)).toEqual(['2026-03-10T14:00:00.000Z', '2026-03-10T14:45:00.000Z'])

      const extra = await post('/coach/availability/dates', coachCookie, {
        'date-day': '9',
        'date-month': '3',
        'date-year': '2026',
        kind: 'extra_hours',
        start: '4pm',
        end: '4:45pm',
      })
      expect(extra.statusCode).toBe(303)
      expect(await listSlotStarts(t.app, programme, from, to)).toEqual([
        '2026-03-09T16:00:00.000Z',
        '2026-03-10T14:00:00.000Z',
        '2026-03-10T14:45:00.000Z',
      ])

      const timeOff = await post('/coach/availability/time-off', coachCookie, {
        'start-day': '10',
        'start-month': '3',
        'start-year': '2026',
        'end-day': '10',
        'end-month': '3',
        'end-year': '2026',
      })
      expect(timeOff.statusCode).toBe(303)
      expect(await listSlotStarts(t.app, programme, from, to)).toEqual(['2026-03-09T16:00:00.000Z'])

      // A coach in another zone: the same hours move with their clock.
      const zone = await post('/coach/availability/settings', coachCookie, { timeZone: 'America/New_York', bufferMinutes: '0', dailyMaximum: '24' })
      expect(zone.statusCode).toBe(303)
      await t.app.pg.query('DELETE FROM coach_date_overrides WHERE coach_id = $1', [coach.coachId])
      await t.app.pg.query('DELETE FROM coach_time_off WHERE coach_id = $1', [coach.coachId])
      expect(await listSlotStarts(t.app, programme, from, from)).toEqual(['2026-03-09T13:00:00.000Z', '2026-03-09T13:45:00.000Z'])
    })
  })
})
