import { beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, useMailingTestApp } from '../helper.js'
import { createCoach, createProgramme, insertBookingRow } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser, type PageBrowser } from '../support/staff.js'
import { mailSeen } from './support.js'

/**
 * Taking a coach off programmes on their staff page: with
 * conversations booked there, the admin first sees what will happen to each,
 * then it happens: moved to a free coach, or cancelled where nobody is,
 * with everyone's emails received over SMTP.
 */
describe('taking a coach off programmes', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2026-03-02T08:00:00.000Z')) })
  let app: FastifyInstance
  let admin: PageBrowser

  beforeAll(async () => {
    app = t.app
    admin = await signedInBrowser(app, (await createStaff(app, { role: 'admin' })).id)
  })

  it('shows the plan for their conversations, then moves or cancels each and takes them off', async () => {
    const shared = await createProgramme(app.pg.pool, { slug: 'leave-shared' })
    const alone = await createProgramme(app.pg.pool, { slug: 'leave-alone' })
    const leaving = await createCoach(app.pg.pool, shared, { name: 'Leaving Coach' })
    await app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [alone.id, leaving.id])
    const staying = await createCoach(app.pg.pool, shared, { name: 'Staying Coach' })
    // At 9:45, a start on the coaches' 45-minute grid from 9am.
    const canMove = await insertBookingRow(app.pg.pool, { programmeId: shared.id, coachId: leaving.id, start: '2026-03-04T09:45:00.000Z', end: '2026-03-04T10:30:00.000Z' })
    const cannotMove = await insertBookingRow(app.pg.pool, { programmeId: alone.id, coachId: leaving.id, start: '2026-03-05T09:45:00.000Z', end: '2026-03-05T10:30:00.000Z' })
    const page = `/admin/staff/${leaving.staffUserId}`

    const plan = await admin.post(`${page}/programmes`, { programmes: [] }, { tokenFrom: page })
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you take them off these programmes')
    expect(plan.body).toContain('2 (1 to another coach, 1 cancelled)')
    // Nothing has happened yet.
    const before = await app.pg.query(`SELECT count(*)::int AS n FROM programme_coaches WHERE coach_id = $1`, [leaving.id])
    expect(before.rows[0].n).toBe(2)

    const done = await admin.post(`${page}/programmes`, { programmes: [], confirm: 'yes', reason: 'Moving to another role' }, { tokenFrom: page })
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Programmes changed')
    const bookings = await app.pg.query<{ id: string; coach_id: string; status: string }>(`SELECT id, coach_id, status FROM bookings WHERE id = ANY($1) ORDER BY starts_at`, [[canMove, cannotMove]])
    expect(bookings.rows.map((row) => [row.status, row.coach_id])).toEqual([
      ['booked', staying.id],
      ['cancelled', leaving.id],
    ])
    const after = await app.pg.query(`SELECT count(*)::int AS n FROM programme_coaches WHERE coach_id = $1`, [leaving.id])
    expect(after.rows[0].n).toBe(0)

    // The moved conversation: its candidate, the old coach (a cancellation) and the new (a request); the cancelled one: its candidate and the old coach.
    const received = (await t.smtp.waitFor(5)).map(mailSeen)
    await waitForIdleQueue(app)
    expect(t.smtp.received).toHaveLength(5)
    const coachEmail = async (id: string) =>
      ((await app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [id])).rows[0].email as string).toLowerCase()
    const references = await app.pg.query<{ id: string; reference: string; email: string }>('SELECT id, reference, lower(candidate_email) AS email FROM bookings WHERE id = ANY($1)', [[canMove, cannotMove]])
    const coaches = new Map([
      [await coachEmail(leaving.id), 'leaving'],
      [await coachEmail(staying.id), 'staying'],
    ])
    // The fixture's candidates may share an address: each email is told apart by the booking reference it names.
    const candidateOf = (m: ReturnType<typeof mailSeen>) => {
      const booking = references.rows.find((row) => row.email === m.to && m.text.includes(row.reference))
      return booking ? (booking.id === canMove ? 'moved candidate' : 'cancelled candidate') : m.to
    }
    const who = { get: (to: string, m: ReturnType<typeof mailSeen>) => coaches.get(to) ?? candidateOf(m) }
    expect(received.map((m) => [who.get(m.to, m), m.subject, m.method, m.sequence]).sort()).toEqual([
      ['cancelled candidate', 'Your career conversation is cancelled', 'CANCEL', 1],
      ['leaving', 'Career conversation cancelled', 'CANCEL', 1],
      ['leaving', 'Career conversation moved to another coach', 'CANCEL', 1],
      ['moved candidate', 'Your career conversation has a new coach', 'REQUEST', 1],
      ['staying', 'New career conversation booked', 'REQUEST', 1],
    ])
  })

  it('changes programmes at once when nothing is booked on those it leaves', async () => {
    const programme = await createProgramme(app.pg.pool, { slug: 'leave-empty' })
    const coach = await createCoach(app.pg.pool, programme, { name: 'Free Coach' })
    const page = `/admin/staff/${coach.staffUserId}`
    const changed = await admin.post(`${page}/programmes`, { programmes: [] }, { tokenFrom: page })
    expect(changed.statusCode).toBe(303)
    expect((await app.pg.query(`SELECT 1 FROM programme_coaches WHERE coach_id = $1`, [coach.id])).rowCount).toBe(0)
  })
})
