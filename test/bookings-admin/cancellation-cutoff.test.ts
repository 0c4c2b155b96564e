/**
 * A cancellation cut-off per programme: candidates can change or
 * cancel up to N hours before their conversation (set on the programme's
 * page; 0, every existing programme's, is no cut-off); after it the API
 * answers 409 change_cutoff_passed and the manage page says whom to contact,
 * while the programme team can still cancel it (the candidate is emailed).
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser, startSession } from '../support/staff.js'
import { Visitor } from '../support/visitor.js'
import { mailSeen } from '../coach-changes/support.js'

const HOUR = 60 * 60 * 1000

describe('cancellation cut-off', () => {
  const clock = new TestClock(new Date('2027-01-04T08:00:00.000Z'))
  const t = useMailingTestApp({ clock })

  it('lets candidates change or cancel until the cut-off, then tells them whom to contact; staff can still cancel', async () => {
    clock.set('2027-01-04T08:00:00.000Z')
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    await createCoach(pool, programme)
    const adminId = (await createStaff(t.app, { role: 'admin' })).id
    const admin = await signedInBrowser(t.app, adminId)
    expect((await pool.query('SELECT cancellation_cutoff_hours FROM programmes WHERE id = $1', [programme.id])).rows[0].cancellation_cutoff_hours).toBe(0)

    // The programme team sets 48 hours on the programme's page.
    const page = await admin.get(`/admin/programmes/${programme.id}`)
    expect(page.body).toContain('Cut-off for changing or cancelling')
    const version = /name="version" value="([^"]+)"/.exec(page.body)![1]!
    const form = {
      name: 'Bank nurses', modelKey: 'four-stage', durationMinutes: '45', noticeHours: '24', horizonDays: '56',
      reminders: ['1440', '60'], retentionMonths: '24', coachTwoFactor: 'no', open: 'yes', version,
    }
    const tooLong = await admin.post(`/admin/programmes/${programme.id}`, { ...form, cutoffHours: '400' }, { tokenFrom: '/admin/programmes/new' })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.body).toContain('href="#cutoffHours"')
    const saved = await admin.post(`/admin/programmes/${programme.id}`, { ...form, cutoffHours: '48' }, { tokenFrom: '/admin/programmes/new' })
    expect(saved.statusCode).toBe(303)
    expect((await pool.query('SELECT cancellation_cutoff_hours FROM programmes WHERE id = $1', [programme.id])).rows[0].cancellation_cutoff_hours).toBe(48)

    // Wednesday 6 January 2027, 9am: 49 hours ahead, so an hour before the cut-off.
    const made = await postBooking(t.app, bookingBody(programme, '2027-01-06T09:00:00.000Z', { candidate: { name: 'Jo Bloggs', email: `jo-${programme.slug}@example.com` } }))
    expect(made.statusCode, made.body).toBe(201)
    const { booking, manageUrl } = made.json() as { booking: { id: string }; manageUrl: string }
    const token = tokenOf(manageUrl)
    const manage = `/bookings/manage/${token}`
    const visitor = new Visitor(t.app)
    const before = await visitor.get(manage)
    expect(before.body).toContain(`href="${manage}/cancel"`)
    expect(before.body).not.toContain('id="change-cut-off"')
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    clock.advance(2 * HOUR)
    const bearer = { authorization: `Bearer ${token}` }
    const cancel = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: bearer, payload: {} })
    expect(cancel.statusCode).toBe(409)
    expect(cancel.json()).toMatchObject({ error: 'change_cutoff_passed', message: expect.stringContaining('less than 48 hours') })
    const move = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/reschedule`, headers: bearer, payload: { start: '2027-01-07T09:00:00.000Z' } })
    expect(move.statusCode).toBe(409)
    expect(move.json().error).toBe('change_cutoff_passed')

    const after = await visitor.get(manage)
    expect(after.body).toContain('id="change-cut-off"')
    expect(after.body).toContain('It is less than 48 hours before your conversation, so you can no longer change or cancel it online.')
    expect(after.body).toContain('contact the programme team')
    expect(after.body).not.toContain(`href="${manage}/cancel"`)
    const cancelPage = await visitor.get(`${manage}/cancel`)
    expect(cancelPage.statusCode).toBe(303)
    expect(cancelPage.headers.location).toBe(manage)
    expect((await pool.query('SELECT status FROM bookings WHERE id = $1', [booking.id])).rows[0].status).toBe('booked')

    // The programme team (a fresh session: two hours have passed) can still cancel it, with a reason; the candidate is told.
    const staffCancel = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: { cookie: await startSession(t.app, adminId) }, payload: { reason: 'Candidate phoned in sick' } })
    expect(staffCancel.statusCode, staffCancel.body).toBe(200)
    await t.smtp.waitFor(2)
    expect(t.smtp.received.map(mailSeen).map((m) => m.to)).toContain(`jo-${programme.slug}@example.com`)
  })
})
