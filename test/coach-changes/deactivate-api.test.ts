/**
 * POST /api/v1/admin/coaches/:id/deactivate: the plan (dryRun)
 * changes nothing and sends nothing; confirming moves each conversation
 * that another coach can take (fair share, as at booking) and cancels the
 * rest with an apology, in one transaction, with every email received over
 * real SMTP and checked for its recipient and calendar METHOD/SEQUENCE.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, startSession } from '../support/staff.js'
import { book, bookingRow, historyOf, mailSeen, waitingKeysOf } from './support.js'

const A = '00000000-0000-4000-8000-00000000000a'
const B = '00000000-0000-4000-8000-00000000000b'
const C = '00000000-0000-4000-8000-00000000000c'
const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]

describe('deactivating a coach through the API', () => {
  // After the real date, so scheduled emails (reminders) wait in the queue.
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  async function setUp() {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const suffix = programme.id.slice(-4)
    const a = await createCoach(pool, programme, { name: `Ada Away${suffix}`, id: A })
    // Three conversations on Wednesday 6 January 2027, all with Ada (the only coach yet).
    const early = await book(t.app, programme, '2027-01-06T09:45:00.000Z', `early${suffix}@example.com`)
    const mid = await book(t.app, programme, '2027-01-06T10:30:00.000Z', `mid${suffix}@example.com`)
    const late = await book(t.app, programme, '2027-01-06T14:15:00.000Z', `late${suffix}@example.com`)
    // Bea and Cal join, working mornings only: the afternoon conversation has nobody to go to.
    const b = await createCoach(pool, programme, { name: `Bea Morning${suffix}`, hours: MORNINGS, id: B })
    const c = await createCoach(pool, programme, { name: `Cal Morning${suffix}`, hours: MORNINGS, id: C })
    const admin = await createStaff(t.app, { role: 'admin' })
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    return { programme, a, b, c, early, mid, late, cookie: await startSession(t.app, admin.id), suffix }
  }

  const deactivate = (coachId: string, cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/admin/coaches/${coachId}/deactivate`, headers: { cookie }, payload })

  it('plans without changing anything, then moves two conversations (fair share) and cancels one, telling everyone', async () => {
    const { a, b, c, early, mid, late, cookie } = await setUp()
    for (const booking of [early, mid, late]) expect((await bookingRow(t.app, booking.id)).coach_id).toBe(a.id)
    const keysBefore = await waitingKeysOf(t.app, late.id)
    expect(keysBefore.some((key) => key.includes(':reminder:'))).toBe(true)

    const plan = await deactivate(a.id, cookie, { reason: 'Left the service', dryRun: true })
    expect(plan.statusCode, plan.body).toBe(200)
    const expected = [
      { bookingId: early.id, reference: early.reference, outcome: 'moved', newCoach: { id: b.id, name: b.name } },
      { bookingId: mid.id, reference: mid.reference, outcome: 'moved', newCoach: { id: c.id, name: c.name } },
      { bookingId: late.id, reference: late.reference, outcome: 'cancelled' },
    ]
    expect(plan.json()).toMatchObject({ dryRun: true, affected: expected })
    expect(plan.json().affected[2]).not.toHaveProperty('newCoach')
    // Nothing changed: the account, the bookings, their history, the queue, the audit log.
    const account = await t.app.pg.query('SELECT s.active FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [a.id])
    expect(account.rows[0].active).toBe(true)
    for (const booking of [early, mid, late]) {
      expect(await bookingRow(t.app, booking.id)).toMatchObject({ status: 'booked', coach_id: a.id, sequence: 0 })
      expect(await historyOf(t.app, booking.id)).toHaveLength(1)
    }
    expect(await waitingKeysOf(t.app, late.id)).toEqual(keysBefore)
    const planAudit = await t.app.pg.query(`SELECT 1 FROM audit_events WHERE action = 'coach_change.applied' AND subject_id = $1`, [a.id])
    expect(planAudit.rowCount).toBe(0)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(0)

    const done = await deactivate(a.id, cookie, { reason: 'Left the service' })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({ dryRun: false, affected: expected })

    expect(await bookingRow(t.app, early.id)).toMatchObject({ status: 'booked', coach_id: b.id, sequence: 1 })
    expect(await bookingRow(t.app, mid.id)).toMatchObject({ status: 'booked', coach_id: c.id, sequence: 1 })
    expect(await bookingRow(t.app, late.id)).toMatchObject({ status: 'cancelled', coach_id: a.id, sequence: 1, cancelled_by: 'admin', cancellation_reason: 'Left the service' })
    expect((await historyOf(t.app, early.id)).at(-1)).toMatchObject({ kind: 'reassigned', actor: 'admin', previous_coach_id: a.id, coach_id: b.id, reason: 'Left the service', sequence: 1 })
    expect((await historyOf(t.app, late.id)).at(-1)).toMatchObject({ kind: 'cancelled', actor: 'admin', coach_id: a.id, reason: 'Left the service', sequence: 1 })
    // Reminders stay for the moved conversations (written when sent, they name the new coach) and go for the cancelled one.
    expect((await waitingKeysOf(t.app, early.id)).filter((key) => key.includes(':reminder:'))).toHaveLength(2)
    expect(await waitingKeysOf(t.app, late.id)).toEqual([])

    const audit = await t.app.pg.query(
      `SELECT action, details FROM audit_events WHERE subject_id = $1 OR subject_id = $2 ORDER BY occurred_at, action`,
      [a.id, a.staffUserId],
    )
    expect(audit.rows.map((row) => row.action).sort()).toEqual(['coach_change.applied', 'staff.account_deactivated'])
    expect(audit.rows.find((row) => row.action === 'coach_change.applied')!.details).toMatchObject({
      change: 'deactivate',
      moved: [early.id, mid.id],
      cancelled: [late.id],
    })

    const received = (await t.smtp.waitFor(8)).map(mailSeen)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(8)
    const emailOf = async (staffUserIdOrCoach: string) =>
      (await t.app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [staffUserIdOrCoach])).rows[0].email
    const [adaEmail, beaEmail, calEmail] = [await emailOf(a.id), await emailOf(b.id), await emailOf(c.id)]
    const summary = received.map((m) => ({ to: m.to, subject: m.subject, method: m.method, sequence: m.sequence })).sort((x, y) => (x.to + x.subject).localeCompare(y.to + y.subject))
    const expectedMail = [
      { to: adaEmail, subject: 'Career conversation cancelled', method: 'CANCEL', sequence: 1 },
      { to: adaEmail, subject: 'Career conversation moved to another coach', method: 'CANCEL', sequence: 1 },
      { to: adaEmail, subject: 'Career conversation moved to another coach', method: 'CANCEL', sequence: 1 },
      { to: beaEmail, subject: 'New career conversation booked', method: 'REQUEST', sequence: 1 },
      { to: calEmail, subject: 'New career conversation booked', method: 'REQUEST', sequence: 1 },
      ...[
        { to: early.id, subject: 'Your career conversation has a new coach', method: 'REQUEST', sequence: 1 },
        { to: mid.id, subject: 'Your career conversation has a new coach', method: 'REQUEST', sequence: 1 },
        { to: late.id, subject: 'Your career conversation is cancelled', method: 'CANCEL', sequence: 1 },
      ],
    ]
    // Candidates' addresses, by booking.
    const candidateEmail = async (id: string) => (await t.app.pg.query('SELECT candidate_email FROM bookings WHERE id = $1', [id])).rows[0].candidate_email.toLowerCase()
    for (const row of expectedMail) if (!row.to.includes('@')) row.to = await candidateEmail(row.to)
    expect(summary).toEqual(expectedMail.sort((x, y) => (x.to + x.subject).localeCompare(y.to + y.subject)))
    // The moved conversation's candidate reads the new coach's name; the cancelled one an apology and a link to book again.
    const toEarly = received.find((m) => m.subject.includes('new coach') && m.text.includes(early.reference))!
    expect(toEarly.text).toContain(b.name.split(' ')[0]!)
    const apology = received.find((m) => m.subject === 'Your career conversation is cancelled')!
    expect(apology.text).toContain('We are sorry')
    expect(apology.text).toMatch(/https:\/\/careers\.example\.nhs\.uk\/book\/programme-/)
    // ... and a place on the waitlist, offered the first time that frees up.
    expect(apology.text).toMatch(/join the waitlist[^\n]*\nhttps:\/\/careers\.example\.nhs\.uk\/book\/programme-[a-z0-9]+\/waitlist/)
    // The old coach's cancellations carry the UID of the invitation they had, so their calendar drops it.
    const adaCancels = received.filter((m) => m.to === adaEmail)
    expect(new Set(adaCancels.map((m) => m.uid)).size).toBe(3)
    for (const m of adaCancels) expect(m.uid).toMatch(/^coach-/)

    // Once deactivated: nothing more to plan, and the coach takes no new bookings.
    const again = await deactivate(a.id, cookie, { reason: 'Again', dryRun: true })
    expect(again.statusCode).toBe(409)
  })

  it('refuses a missing reason, an unknown coach, and the admin’s own coach profile', async () => {
    const admin = await createStaff(t.app, { role: 'admin', coach: true })
    const cookie = await startSession(t.app, admin.id)
    const noReason = await deactivate(admin.coachId!, cookie, { reason: '  ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().fields).toEqual([{ field: 'body.reason', message: 'Enter why the conversations are moving' }])
    expect((await deactivate('00000000-0000-4000-8000-000000000999', cookie, { reason: 'x' })).statusCode).toBe(404)
    expect((await deactivate(admin.coachId!, cookie, { reason: 'x' })).statusCode).toBe(403)
  })
})
