import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createCoach, createProgramme, insertBookingRow } from '../support/booking-fixtures.js'
import { createStaff, signedInBrowser, type PageBrowser } from '../support/staff.js'

/**
 * Taking a coach off programmes on their staff page (issue 13): with
 * conversations booked there, the admin first sees what will happen to each,
 * then it happens: moved to a free coach, or cancelled where nobody is.
 */
describe('taking a coach off programmes', () => {
  let app: FastifyInstance
  let admin: PageBrowser

  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    admin = await signedInBrowser(app, (await createStaff(app, { role: 'admin' })).id)
  })
  afterAll(async () => {
    await app?.close()
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
