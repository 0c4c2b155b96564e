/**
 * Narrower weekly hours over booked conversations, as time off and
 * days off: an admin sees the plan for each conversation the new hours no
 * longer cover (moved to a free coach, or cancelled with an apology) and
 * confirms it, the hours and the moves in one transaction; a coach is told
 * which conversations clash and can save the hours anyway, asking the
 * programme team to move them. Real PostgreSQL, emails received over SMTP
 * and checked for recipient and calendar METHOD/SEQUENCE.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser } from '../support/staff.js'
import { book, bookingRow, historyOf, mailSeen, waitingKeysOf } from './support.js'

const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const
const REASON = "The coach's weekly hours no longer cover it"

/** The weekly hours form: 9am to 5pm on weekdays, Wednesday as given ('' for no hours). */
function hoursForm(wednesday: { start: string; end: string }): Record<string, string> {
  const form: Record<string, string> = {}
  for (const day of WEEKDAYS) {
    const hours = day === 'wednesday' ? wednesday : { start: '9am', end: '5pm' }
    form[`${day}-1-start`] = hours.start
    form[`${day}-1-end`] = hours.end
  }
  return form
}

describe('narrower weekly hours over booked conversations', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  /** Ada (9am to 5pm on weekdays) holds the conversations on Wednesday 6 January 2027; Bea (mornings) joins after. */
  async function setUp(starts: string[]) {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada ${programme.slug.slice(-4)}` })
    const bookings = []
    for (const [i, start] of starts.entries()) bookings.push(await book(t.app, programme, start, `w${i}-${programme.slug}@example.com`))
    const bea = await createCoach(pool, programme, { name: `Bea ${programme.slug.slice(-4)}`, hours: MORNINGS })
    const admin = await createStaff(t.app, { role: 'admin' })
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    return { programme, ada, bea, bookings, admin: await signedInBrowser(t.app, admin.id) }
  }

  const emailOfCoach = async (coachId: string) =>
    (await t.app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [coachId])).rows[0].email as string
  const candidateEmail = async (bookingId: string) =>
    ((await t.app.pg.query('SELECT candidate_email FROM bookings WHERE id = $1', [bookingId])).rows[0].candidate_email as string).toLowerCase()
  const wednesdayHours = async (coachId: string) =>
    (await t.app.pg.query('SELECT start_minute, end_minute FROM availability_windows WHERE coach_id = $1 AND weekday = 3 ORDER BY start_minute', [coachId])).rows

  it('an admin sees the plan (one moves, one is cancelled), and confirming saves the hours and does both, telling everyone', async () => {
    const { ada, bea, bookings, admin } = await setUp(['2027-01-06T09:45:00.000Z', '2027-01-06T14:15:00.000Z'])
    const [morning, afternoon] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const base = `/admin/coaches/${ada.id}/availability`
    const form = hoursForm({ start: '', end: '' })

    const plan = await admin.post(`${base}/weekly-hours`, form)
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you change weekly hours')
    expect(plan.body).toContain('2 (1 to another coach, 1 cancelled)')
    expect(plan.body).toContain(morning.reference)
    expect(plan.body).toContain(`Moves to ${bea.name} at the same time`)
    expect(plan.body).toContain(afternoon.reference)
    expect(plan.body).toContain('Cancelled: no other coach is free then')
    // The form is carried to the confirmation, and nothing has changed yet.
    expect(plan.body).toContain('name="monday-1-start" value="9am"')
    expect(plan.body).toContain('name="wednesday-1-start" value=""')
    expect(await wednesdayHours(ada.id)).toEqual([{ start_minute: 540, end_minute: 1020 }])
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: ada.id, sequence: 0 })
    const remindersBefore = (await waitingKeysOf(t.app, afternoon.id)).filter((key) => key.includes(':reminder:'))
    expect(remindersBefore.length).toBeGreaterThan(0)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(0)

    const done = await admin.post(`${base}/weekly-hours`, { ...form, confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Weekly hours saved')
    expect(done.body).toContain(`Moved to ${bea.name} at the same time`)
    expect(await wednesdayHours(ada.id)).toEqual([])
    const monday = await t.app.pg.query('SELECT count(*)::int AS n FROM availability_windows WHERE coach_id = $1 AND weekday = 1', [ada.id])
    expect(monday.rows[0].n).toBe(1)
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'cancelled', coach_id: ada.id, sequence: 1, cancelled_by: 'admin', cancellation_reason: REASON })
    expect((await historyOf(t.app, morning.id)).at(-1)).toMatchObject({ kind: 'reassigned', actor: 'admin', previous_coach_id: ada.id, coach_id: bea.id, reason: REASON, sequence: 1 })
    expect((await historyOf(t.app, afternoon.id)).at(-1)).toMatchObject({ kind: 'cancelled', actor: 'admin', reason: REASON, sequence: 1 })
    expect(await waitingKeysOf(t.app, afternoon.id)).toEqual([])
    expect((await waitingKeysOf(t.app, morning.id)).filter((key) => key.includes(':reminder:')).length).toBeGreaterThan(0)
    const audit = await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'coach_change.applied' AND subject_id = $1`, [ada.id])
    expect(audit.rows).toHaveLength(1)
    expect(audit.rows[0].details).toMatchObject({ change: 'weekly-hours', weeklyWindows: 4, moved: [morning.id], cancelled: [afternoon.id] })

    const received = (await t.smtp.waitFor(5)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(5)
    const [adaEmail, beaEmail] = [await emailOfCoach(ada.id), await emailOfCoach(bea.id)]
    const [morningEmail, afternoonEmail] = [await candidateEmail(morning.id), await candidateEmail(afternoon.id)]
    const who = (to: string) => ({ [adaEmail]: 'ada', [beaEmail]: 'bea', [morningEmail]: 'morning', [afternoonEmail]: 'afternoon' })[to] ?? to
    expect(received.map((m) => [who(m.to), m.subject, m.method, m.sequence]).sort()).toEqual([
      ['ada', 'Career conversation cancelled', 'CANCEL', 1],
      ['ada', 'Career conversation moved to another coach', 'CANCEL', 1],
      ['afternoon', 'Your career conversation is cancelled', 'CANCEL', 1],
      ['bea', 'New career conversation booked', 'REQUEST', 1],
      ['morning', 'Your career conversation has a new coach', 'REQUEST', 1],
    ])
    const apology = received.find((m) => who(m.to) === 'afternoon')!
    expect(apology.text).toContain('We are sorry')
    expect(apology.text).toMatch(/https:\/\/careers\.example\.nhs\.uk\/book\/programme-/)
  })

  it('hours that still cover a conversation leave it; the one they no longer cover moves to a free coach', async () => {
    const { ada, bea, bookings, admin } = await setUp(['2027-01-06T09:45:00.000Z', '2027-01-06T14:15:00.000Z'])
    const [morning, afternoon] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const base = `/admin/coaches/${ada.id}/availability`
    const form = hoursForm({ start: '1pm', end: '5pm' })
    const plan = await admin.post(`${base}/weekly-hours`, form)
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('1 (1 to another coach, 0 cancelled)')
    expect(plan.body).not.toContain(afternoon.reference)

    const done = await admin.post(`${base}/weekly-hours`, { ...form, confirm: 'yes' })
    expect(done.statusCode).toBe(200)
    expect(await wednesdayHours(ada.id)).toEqual([{ start_minute: 780, end_minute: 1020 }])
    expect(await bookingRow(t.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'booked', coach_id: ada.id, sequence: 0 })
    const received = (await t.smtp.waitFor(3)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(3)
    const [adaEmail, beaEmail] = [await emailOfCoach(ada.id), await emailOfCoach(bea.id)]
    expect(received.map((m) => [m.to === adaEmail ? 'ada' : m.to === beaEmail ? 'bea' : 'candidate', m.method, m.sequence]).sort()).toEqual([
      ['ada', 'CANCEL', 1],
      ['bea', 'REQUEST', 1],
      ['candidate', 'REQUEST', 1],
    ])

    // Hours that cover every conversation save at once, as before.
    const wider = await admin.post(`${base}/weekly-hours`, hoursForm({ start: '8am', end: '6pm' }))
    expect(wider.statusCode).toBe(303)
    expect(wider.headers.location).toBe(`${base}?saved=weekly-hours`)
    expect(await wednesdayHours(ada.id)).toEqual([{ start_minute: 480, end_minute: 1080 }])
  })

  it('a coach narrowing their hours is told which conversation clashes and asks the team; the admin then cancels it, as nobody is free', async () => {
    const { ada, bookings, admin } = await setUp(['2027-01-06T14:15:00.000Z'])
    const [afternoon] = bookings as [(typeof bookings)[number]]
    const coach = await signedInBrowser(t.app, ada.staffUserId)
    const form = hoursForm({ start: '9am', end: '1pm' })

    const invalid = await coach.post('/coach/availability/weekly-hours', { ...form, 'wednesday-1-end': '8am' })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain('There is a problem')

    const clash = await coach.post('/coach/availability/weekly-hours', form)
    expect(clash.statusCode).toBe(200)
    expect(clash.body).toContain('1 conversation is booked outside these weekly hours')
    expect(clash.body).toContain(afternoon.reference)
    expect(clash.body).toContain('name="clashesSeen" value="yes"')
    expect(clash.body).toContain('Save them and ask the programme team to move them')
    expect(clash.body).not.toContain('Cancelled: no other coach is free then')
    expect(await wednesdayHours(ada.id)).toEqual([{ start_minute: 540, end_minute: 1020 }])

    const asked = await coach.post('/coach/availability/weekly-hours', { ...form, clashesSeen: 'yes' })
    expect(asked.statusCode).toBe(303)
    expect(asked.headers.location).toBe('/coach/availability?saved=weekly-hours-asked')
    const overview = await coach.get('/coach/availability?saved=weekly-hours-asked')
    expect(overview.body).toContain('The programme team has been asked to move the conversations they no longer cover')
    expect(overview.body).toContain('1 booked conversation is in time off, on a day off or outside working hours.')
    expect(await wednesdayHours(ada.id)).toEqual([{ start_minute: 540, end_minute: 780 }])
    expect(await bookingRow(t.app, afternoon.id)).toMatchObject({ status: 'booked', coach_id: ada.id })
    const request = await t.app.pg.query(`SELECT actor FROM audit_events WHERE action = 'coach_change.requested' AND subject_id = $1`, [ada.id])
    expect(request.rows).toEqual([{ actor: `staff:${ada.staffUserId}` }])
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(0)

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
    const [adaEmail, afternoonEmail] = [await emailOfCoach(ada.id), await candidateEmail(afternoon.id)]
    expect(received.map((m) => [m.to === adaEmail ? 'ada' : m.to === afternoonEmail ? 'candidate' : m.to, m.subject, m.method, m.sequence]).sort()).toEqual([
      ['ada', 'Career conversation cancelled', 'CANCEL', 1],
      ['candidate', 'Your career conversation is cancelled', 'CANCEL', 1],
    ])
  })
})
