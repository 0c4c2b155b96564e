/**
 * Two more ways a coach's availability can stop covering booked
 * conversations, handled as time off and weekly hours are: a new
 * time zone (the same weekly hours fall at other times) and extra hours taken
 * away. An admin sees the plan and confirms it, in one transaction; a coach
 * is told of the clash and asks the programme team. Emails received over
 * SMTP, checked for recipient and calendar METHOD/SEQUENCE.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser } from '../support/staff.js'
import { book, bookingRow, historyOf, mailSeen } from './support.js'

const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]

describe('a time zone or extra hours taken away over booked conversations', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  const emailOfCoach = async (coachId: string) =>
    (await t.app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [coachId])).rows[0].email as string

  it('an admin moving a coach to New York time sees the conversation their hours no longer cover move to a free coach', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada Zone${programme.slug.slice(-4)}` })
    // 9:45am UK time (outside 9am to 5pm New York time) and 2:15pm (9:15am in New York: still inside).
    const morning = await book(t.app, programme, '2027-01-06T09:45:00.000Z', `zm-${programme.slug}@example.com`)
    const afternoon = await book(t.app, programme, '2027-01-06T14:15:00.000Z', `za-${programme.slug}@example.com`)
    const bea = await createCoach(pool, programme, { name: `Bea Zone${programme.slug.slice(-4)}`, hours: MORNINGS })
    const admin = await signedInBrowser(t.app, (await createStaff(t.app, { role: 'admin' })).id)
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    const base = `/admin/coaches/${ada.id}/availability`
    const form = { timeZone: 'America/New_York', bufferMinutes: '0', dailyMaximum: '24' }
    const plan = await admin.post(`${base}/settings`, form)
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you change the time zone')
    expect(plan.body).toContain('1 (1 to another coach, 0 cancelled)')
    expect(plan.body).toContain(morning.reference)
    expect(plan.body).not.toContain(afternoon.reference)
    expect(plan.body).toContain('name="timeZone" value="America/New_York"')
    expect((await pool.query('SELECT time_zone FROM coaches WHERE id = $1', [ada.id])).rows[0].time_zone).toBe('Europe/London')

    const done = await admin.post(`${base}/settings`, { ...form, confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Settings saved')
    expect((await pool.query('SELECT time_zone FROM coaches WHERE id = $1', [ada.id])).rows[0].time_zone).toBe('America/New_York')
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'booked', coach_id: ada.id, sequence: 0 })
    expect((await historyOf(t.app, morning.id)).at(-1)).toMatchObject({ kind: 'reassigned', reason: "The coach's new time zone moves their hours away from it" })

    const received = (await t.smtp.waitFor(3)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(3)
    const [adaEmail, beaEmail] = [await emailOfCoach(ada.id), await emailOfCoach(bea.id)]
    expect(received.map((m) => [m.to === adaEmail ? 'ada' : m.to === beaEmail ? 'bea' : 'candidate', m.method, m.sequence]).sort()).toEqual([
      ['ada', 'CANCEL', 1],
      ['bea', 'REQUEST', 1],
      ['candidate', 'REQUEST', 1],
    ])
  })

  it('a coach moving to New York time is told which conversation their hours would no longer cover, and asks the team', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada Own${programme.slug.slice(-4)}` })
    const morning = await book(t.app, programme, '2027-01-06T09:45:00.000Z', `own-${programme.slug}@example.com`)
    const coach = await signedInBrowser(t.app, ada.staffUserId)
    const form = { timeZone: 'America/New_York', bufferMinutes: '0', dailyMaximum: '24' }

    const clash = await coach.post('/coach/availability/settings', form)
    expect(clash.statusCode).toBe(200)
    expect(clash.body).toContain('1 conversation is outside your hours in this time zone')
    expect(clash.body).toContain(morning.reference)
    expect(clash.body).toContain('Change the settings instead')
    expect((await pool.query('SELECT time_zone FROM coaches WHERE id = $1', [ada.id])).rows[0].time_zone).toBe('Europe/London')

    const asked = await coach.post('/coach/availability/settings', { ...form, clashesSeen: 'yes' })
    expect(asked.statusCode).toBe(303)
    expect(asked.headers.location).toBe('/coach/availability?saved=settings-asked')
    expect((await coach.get('/coach/availability?saved=settings-asked')).body).toContain('The programme team has been asked to move the conversations your hours no longer cover.')
    expect((await pool.query('SELECT time_zone FROM coaches WHERE id = $1', [ada.id])).rows[0].time_zone).toBe('America/New_York')
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: ada.id, sequence: 0 })
    const request = await pool.query(`SELECT actor FROM audit_events WHERE action = 'coach_change.requested' AND subject_id = $1`, [ada.id])
    expect(request.rows).toEqual([{ actor: `staff:${ada.staffUserId}` }])
  })

  it('an admin taking away a coach’s extra hours sees the plan, then the conversation in them moves to a free coach', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada Gone${programme.slug.slice(-4)}`, weekdays: [1, 2, 3, 4] })
    // Friday 8 January 2027 is not one of Ada's days: extra hours from 9am to midday make it one.
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, '2027-01-08', 'extra_hours', 540, 720) RETURNING id`,
      [ada.id],
    )
    const friday = await book(t.app, programme, '2027-01-08T09:45:00.000Z', `fri-${programme.slug}@example.com`)
    const bea = await createCoach(pool, programme, { name: `Bea Gone${programme.slug.slice(-4)}`, hours: MORNINGS })
    const admin = await signedInBrowser(t.app, (await createStaff(t.app, { role: 'admin' })).id)
    const remove = `/admin/coaches/${ada.id}/availability/dates/${rows[0]!.id}/remove`

    const plan = await admin.post(remove, {})
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you remove these hours')
    expect(plan.body).toContain(`action="${remove}"`)
    expect(plan.body).toContain(`Moves to ${bea.name} at the same time`)
    expect((await pool.query('SELECT 1 FROM coach_date_overrides WHERE id = $1', [rows[0]!.id])).rowCount).toBe(1)
    const done = await admin.post(remove, { confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect((await pool.query('SELECT 1 FROM coach_date_overrides WHERE id = $1', [rows[0]!.id])).rowCount).toBe(0)
    expect(await bookingRow(t.app, friday.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
    // Nothing else of Ada's to remove there any more.
    expect((await admin.post(remove, {})).statusCode).toBe(404)
  })

  it('a coach taking away extra hours a conversation is booked in is told, and asks the team; nobody else is free, so the team cancels it', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    // Ada works weekdays, and Saturday 9 January 2027 from 10am to midday as extra hours.
    const ada = await createCoach(pool, programme, { name: `Ada Extra${programme.slug.slice(-4)}` })
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, '2027-01-09', 'extra_hours', 600, 720) RETURNING id`,
      [ada.id],
    )
    const extraHours = rows[0]!.id
    const saturday = await book(t.app, programme, '2027-01-09T10:00:00.000Z', `sat-${programme.slug}@example.com`)
    await createCoach(pool, programme, { name: `Bea Extra${programme.slug.slice(-4)}`, hours: MORNINGS })
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    const coach = await signedInBrowser(t.app, ada.staffUserId)
    const remove = `/coach/availability/dates/${extraHours}/remove`
    const clash = await coach.post(remove, {}, { tokenFrom: '/coach/availability/dates' })
    expect(clash.statusCode).toBe(200)
    expect(clash.body).toContain('1 conversation is booked in these extra hours')
    expect(clash.body).toContain(saturday.reference)
    expect(clash.body).toContain(`action="${remove}"`)
    expect(clash.body).toContain('href="/coach/availability/dates"')
    expect((await pool.query('SELECT 1 FROM coach_date_overrides WHERE id = $1', [extraHours])).rowCount).toBe(1)

    const asked = await coach.post(remove, { clashesSeen: 'yes' }, { tokenFrom: '/coach/availability/dates' })
    expect(asked.statusCode).toBe(303)
    expect(asked.headers.location).toBe('/coach/availability/dates?removed=asked')
    expect((await coach.get('/coach/availability/dates?removed=asked')).body).toContain('The programme team has been asked to move the conversations booked in those hours.')
    expect((await pool.query('SELECT 1 FROM coach_date_overrides WHERE id = $1', [extraHours])).rowCount).toBe(0)
    expect(await bookingRow(t.app, saturday.id)).toMatchObject({ status: 'booked', coach_id: ada.id })
    const request = await pool.query(`SELECT actor FROM audit_events WHERE action = 'coach_change.requested' AND subject_id = $1`, [ada.id])
    expect(request.rows).toEqual([{ actor: `staff:${ada.staffUserId}` }])

    // Removing a day off (or anything no conversation is in) happens at once, as before.
    const dayOff = await pool.query<{ id: string }>(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, '2027-01-11', 'day_off') RETURNING id`, [ada.id])
    const removed = await coach.post(`/coach/availability/dates/${dayOff.rows[0]!.id}/remove`, {}, { tokenFrom: '/coach/availability/dates' })
    expect(removed.statusCode).toBe(303)
    expect(removed.headers.location).toBe('/coach/availability/dates?removed=1')

    const admin = await signedInBrowser(t.app, (await createStaff(t.app, { role: 'admin' })).id)
    const done = await admin.post(`/admin/coaches/${ada.id}/clashes`, { confirm: 'yes' }, { tokenFrom: `/admin/coaches/${ada.id}/clashes` })
    expect(done.statusCode).toBe(200)
    expect(await bookingRow(t.app, saturday.id)).toMatchObject({ status: 'cancelled', sequence: 1 })
    const received = (await t.smtp.waitFor(2)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(2)
    const adaEmail = await emailOfCoach(ada.id)
    expect(received.map((m) => [m.to === adaEmail ? 'ada' : 'candidate', m.subject, m.method, m.sequence]).sort()).toEqual([
      ['ada', 'Career conversation cancelled', 'CANCEL', 1],
      ['candidate', 'Your career conversation is cancelled', 'CANCEL', 1],
    ])
  })
})
