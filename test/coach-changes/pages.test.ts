/**
 * The coach-change pages without JavaScript: the admin's
 * deactivation on a coach's staff page (why → each conversation and what
 * will happen → done), an admin adding time off over conversations that can
 * all move, and a coach adding a day off over one nobody else can take (told
 * of the clash, asks the programme team; the admin applies the plan).
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser } from '../support/staff.js'
import { book, bookingRow, historyOf, mailSeen } from './support.js'

const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]

describe('coach-change pages', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  /** A programme with Ada (all day) holding the given conversations on Wednesday 6 January 2027; Bea (mornings) joins after. */
  async function setUp(starts: string[]) {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada ${programme.slug.slice(-4)}` })
    const bookings = []
    for (const [i, start] of starts.entries()) bookings.push(await book(t.app, programme, start, `p${i}-${programme.slug}@example.com`))
    const bea = await createCoach(pool, programme, { name: `Bea ${programme.slug.slice(-4)}`, hours: MORNINGS })
    const admin = await createStaff(t.app, { role: 'admin' })
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    return { programme, ada, bea, bookings, admin: await signedInBrowser(t.app, admin.id) }
  }

  const emailOfCoach = async (coachId: string) =>
    (await t.app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [coachId])).rows[0].email as string

  it('deactivating a coach on the staff page: why, the plan for each conversation, then done', async () => {
    const { ada, bea, bookings, admin } = await setUp(['2027-01-06T09:45:00.000Z', '2027-01-06T14:15:00.000Z'])
    const [morning, afternoon] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const person = await admin.get(`/admin/staff/${ada.staffUserId}`)
    expect(person.body).toContain(`href="/admin/staff/${ada.staffUserId}/deactivate"`)
    const why = await admin.get(`/admin/staff/${ada.staffUserId}/deactivate`)
    expect(why.statusCode).toBe(200)
    expect(why.body).toContain('Why are their conversations moving?')

    const missing = await admin.post(`/admin/staff/${ada.staffUserId}/deactivate`, { reason: '' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('There is a problem')
    expect(missing.body).toContain('href="#reason"')

    const plan = await admin.post(`/admin/staff/${ada.staffUserId}/deactivate`, { reason: 'Leaving the programme' })
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you deactivate this account')
    expect(plan.body).toContain('2 (1 to another coach, 1 cancelled)')
    expect(plan.body).toContain(morning.reference)
    expect(plan.body).toContain(`Moves to ${bea.name} at the same time`)
    expect(plan.body).toContain(afternoon.reference)
    expect(plan.body).toContain('Cancelled: no other coach is free then')
    expect(plan.body).toMatch(/name="confirm" value="yes"/)
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: ada.id })

    const done = await admin.post(`/admin/staff/${ada.staffUserId}/deactivate`, { reason: 'Leaving the programme', confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Account deactivated')
    expect(done.body).toContain(`Moved to ${bea.name} at the same time`)
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id })
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'cancelled' })
    const account = await t.app.pg.query('SELECT active FROM staff_users WHERE id = $1', [ada.staffUserId])
    expect(account.rows[0].active).toBe(false)
    // Candidate and both coaches for the move; candidate and Ada for the cancellation.
    await t.smtp.waitFor(5)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(5)
  })

  it('an admin adding time off over conversations that can all move sees the plan, then moves them in one go', async () => {
    const { ada, bea, bookings, admin } = await setUp(['2027-01-06T09:00:00.000Z', '2027-01-06T10:30:00.000Z'])
    const base = `/admin/coaches/${ada.id}/availability`
    const form = { 'start-day': '6', 'start-month': '1', 'start-year': '2027', 'end-day': '6', 'end-month': '1', 'end-year': '2027', note: 'Training' }
    const plan = await admin.post(`${base}/time-off`, form)
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you add time off')
    expect(plan.body).toContain('2 (2 to another coach, 0 cancelled)')
    expect(plan.body).toContain('name="start-day" value="6"')
    expect((await t.app.pg.query('SELECT 1 FROM coach_time_off WHERE coach_id = $1', [ada.id])).rowCount).toBe(0)

    const done = await admin.post(`${base}/time-off`, { ...form, confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Time off added')
    expect((await t.app.pg.query('SELECT note FROM coach_time_off WHERE coach_id = $1', [ada.id])).rows).toEqual([{ note: 'Training' }])
    for (const booking of bookings) {
      expect(await bookingRow(t.app, booking.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
      expect((await historyOf(t.app, booking.id)).at(-1)).toMatchObject({ kind: 'reassigned', reason: 'The coach has time off then' })
    }
    const received = (await t.smtp.waitFor(6)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(6)
    const [adaEmail, beaEmail] = [await emailOfCoach(ada.id), await emailOfCoach(bea.id)]
    expect(received.filter((m) => m.to === adaEmail).map((m) => [m.subject, m.method, m.sequence])).toEqual([
      ['Career conversation moved to another coach', 'CANCEL', 1],
      ['Career conversation moved to another coach', 'CANCEL', 1],
    ])
    expect(received.filter((m) => m.to === beaEmail).map((m) => [m.subject, m.method, m.sequence])).toEqual([
      ['New career conversation booked', 'REQUEST', 1],
      ['New career conversation booked', 'REQUEST', 1],
    ])
    const toCandidates = received.filter((m) => m.to !== adaEmail && m.to !== beaEmail)
    expect(toCandidates.map((m) => [m.subject, m.method, m.sequence])).toEqual([
      ['Your career conversation has a new coach', 'REQUEST', 1],
      ['Your career conversation has a new coach', 'REQUEST', 1],
    ])
    expect(new Set(toCandidates.map((m) => m.to)).size).toBe(2)
  })

  it('a coach adding a day off over a conversation is told of the clash and asks the team; the admin then cancels it, as nobody is free', async () => {
    const { ada, bookings, admin } = await setUp(['2027-01-06T14:15:00.000Z'])
    const [afternoon] = bookings as [(typeof bookings)[number]]
    const coach = await signedInBrowser(t.app, ada.staffUserId)
    const form = { 'date-day': '6', 'date-month': '1', 'date-year': '2027', kind: 'day_off' }
    const clash = await coach.post('/coach/availability/dates', form)
    expect(clash.statusCode).toBe(200)
    expect(clash.body).toContain('1 conversation is booked in this day off')
    expect(clash.body).toContain(afternoon.reference)
    expect(clash.body).toContain('name="clashesSeen" value="yes"')
    expect((await t.app.pg.query('SELECT 1 FROM coach_date_overrides WHERE coach_id = $1', [ada.id])).rowCount).toBe(0)

    const asked = await coach.post('/coach/availability/dates', { ...form, clashesSeen: 'yes' })
    expect(asked.statusCode).toBe(303)
    expect(asked.headers.location).toBe('/coach/availability/dates?added=asked')
    expect((await coach.get('/coach/availability/dates?added=asked')).body).toContain('The programme team has been asked to move the conversations')
    expect((await t.app.pg.query('SELECT kind FROM coach_date_overrides WHERE coach_id = $1', [ada.id])).rows).toEqual([{ kind: 'day_off' }])
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'booked', coach_id: ada.id })
    const request = await t.app.pg.query(`SELECT actor FROM audit_events WHERE action = 'coach_change.requested' AND subject_id = $1`, [ada.id])
    expect(request.rows).toEqual([{ actor: `staff:${ada.staffUserId}` }])
    expect((await coach.get('/coach/availability')).body).toContain('1 booked conversation is in time off, on a day off or outside working hours.')
    const adminOverview = await admin.get(`/admin/coaches/${ada.id}/availability`)
    expect(adminOverview.body).toContain(`href="/admin/coaches/${ada.id}/clashes"`)

    const plan = await admin.get(`/admin/coaches/${ada.id}/clashes`)
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain(afternoon.reference)
    expect(plan.body).toContain('Cancelled: no other coach is free then')
    const done = await admin.post(`/admin/coaches/${ada.id}/clashes`, { confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'cancelled', sequence: 1 })
    const received = (await t.smtp.waitFor(2)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(2)
    const adaEmail = await emailOfCoach(ada.id)
    expect(received.map((m) => [m.to === adaEmail ? 'ada' : 'candidate', m.subject, m.method, m.sequence]).sort()).toEqual([
      ['ada', 'Career conversation cancelled', 'CANCEL', 1],
      ['candidate', 'Your career conversation is cancelled', 'CANCEL', 1],
    ])
    expect((await admin.get(`/admin/coaches/${ada.id}/availability`)).body).not.toContain('Conversations clash')
  })
})
