/**
 * Erasing a candidate with a conversation still to come cancels it
 * properly first: the coach gets a calendar cancellation for the event they
 * have (same UID, higher SEQUENCE) with nothing about the candidate in it,
 * the reminders leave the queue, and then everything about the candidate goes.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser } from '../support/staff.js'
import { book, mailSeen, waitingKeysOf } from './support.js'

describe('erasing a candidate with a booked conversation', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  it('sends the coach a calendar cancellation, removes the reminders, then erases; the other candidate’s booking stays', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const coach = await createCoach(t.app.pg.pool, programme, { name: 'Cora Coach' })
    const erased = await book(t.app, programme, '2027-01-06T09:45:00.000Z', 'forget.me@example.com')
    const kept = await book(t.app, programme, '2027-01-06T11:15:00.000Z', 'keep.me@example.com')
    const coachEmail = (await t.app.pg.query('SELECT email FROM staff_users WHERE id = $1', [coach.staffUserId])).rows[0].email as string
    // The invitation the coach had: its UID is what the cancellation must carry.
    await t.smtp.waitFor(6)
    await waitForIdleQueue(t.app)
    const invitation = t.smtp.received.map(mailSeen).find((m) => m.to === coachEmail && m.text.includes(erased.reference))!
    expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0 })
    // The booking's stored UID, naming no host: gone with the row, so the erasure job carries it.
    const stored = (await t.app.pg.query('SELECT calendar_uid FROM bookings WHERE id = $1', [erased.id])).rows[0].calendar_uid as string
    expect(stored).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(invitation.uid).toBe(`coach-${stored}`)
    expect((await waitingKeysOf(t.app, erased.id)).filter((key) => key.includes(':reminder:'))).toHaveLength(2)
    t.smtp.received.length = 0

    const admin = await signedInBrowser(t.app, (await createStaff(t.app, { role: 'admin' })).id)
    const response = await admin.post('/admin/data/requests/erase', { email: 'forget.me@example.com' }, { tokenFrom: '/admin/data/requests' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/admin/data/requests?erased=1')

    expect((await t.app.pg.query('SELECT 1 FROM bookings WHERE id = $1', [erased.id])).rowCount).toBe(0)
    expect(await waitingKeysOf(t.app, erased.id)).toEqual([])
    expect((await t.app.pg.query(`SELECT status FROM bookings WHERE id = $1`, [kept.id])).rows).toEqual([{ status: 'booked' }])
    const [audit] = (await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'data.erasure' AND result = 'success'`)).rows
    expect(audit?.details).toMatchObject({ cancelledBookings: 1, cancelledBookingIds: [erased.id] })

    const [notice] = (await t.smtp.waitFor(1)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(1)
    expect(notice).toMatchObject({ to: coachEmail, subject: 'Career conversation cancelled', method: 'CANCEL', sequence: 1, uid: invitation.uid })
    expect(notice!.text).toContain('Wednesday 6 January 2027')
    for (const trace of ['forget.me', 'Candidate forget', erased.reference]) expect(t.smtp.received[0]!.raw).not.toContain(trace)
  })
})
