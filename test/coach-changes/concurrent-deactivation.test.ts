/**
 * Bookings arriving while a coach is being deactivated: each one
 * either commits before the deactivation takes the coach's row (and is then
 * moved or cancelled by it) or waits and sees the coach inactive. None may be
 * left booked with the inactive coach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, postBooking } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'

const A = '00000000-0000-4000-8000-0000000000a1'
const B = '00000000-0000-4000-8000-0000000000b1'

/** The slot starts of one day, 9am to 4:30pm London (UTC in March before the clocks change), 45 minutes apart. */
function startsOn(day: string): string[] {
  return Array.from({ length: 10 }, (_, i) => new Date(Date.parse(`${day}T09:00:00.000Z`) + i * 45 * 60_000).toISOString())
}

describe('bookings arriving during a deactivation', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-02T08:00:00.000Z')
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('leaves none booked with the inactive coach: those before are moved or cancelled, those after go to the other coach or are refused', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: 'Ada Leaving', id: A })
    const bea = await createCoach(pool, programme, { name: 'Bea Staying', id: B })
    const admin = await createStaff(t.app, { role: 'admin' })
    const cookie = await startSession(t.app, admin.id)

    let n = 0
    const bookAt = (start: string) =>
      postBooking(t.app, bookingBody(programme, start, { candidate: { name: 'Racing Candidate', email: `racer${n++}@example.com` } }))
    // Wave one: every Wednesday slot twice (room for both coaches), all at once.
    const first = [...startsOn('2026-03-04'), ...startsOn('2026-03-04')].map(bookAt)
    // As soon as one has landed with Ada, deactivate her while the rest are still arriving, and send wave two with it.
    for (;;) {
      const { rows } = await t.app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM bookings WHERE coach_id = $1', [ada.id])
      if (rows[0]!.n > 0) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    const deactivation = t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/coaches/${ada.id}/deactivate`,
      headers: { cookie },
      payload: { reason: 'Leaving at short notice' },
    })
    const second = [...startsOn('2026-03-05'), ...startsOn('2026-03-05')].map(bookAt)
    const responses = await Promise.all([...first, ...second])
    const done = await deactivation
    expect(done.statusCode, done.body).toBe(200)

    for (const response of responses) expect([201, 409], response.body).toContain(response.statusCode)
    const made = responses.filter((r) => r.statusCode === 201).map((r) => r.json().booking.id as string)

    // Nothing is left booked with Ada.
    const left = await t.app.pg.query(`SELECT id FROM bookings WHERE coach_id = $1 AND status = 'booked'`, [ada.id])
    expect(left.rows).toEqual([])

    // Every booking ever placed with Ada was placed before the deactivation and is in its answer; each is now with Bea or cancelled.
    const withAda = await t.app.pg.query<{ booking_id: string }>(
      `SELECT booking_id FROM booking_events WHERE kind = 'booked' AND coach_id = $1 ORDER BY booking_id`,
      [ada.id],
    )
    expect(withAda.rows.length).toBeGreaterThan(0)
    const affected = done.json().affected as { bookingId: string; outcome: string; newCoach?: { id: string } }[]
    expect(affected.map((a) => a.bookingId).sort()).toEqual(withAda.rows.map((r) => r.booking_id))
    const final = await t.app.pg.query<{ id: string; status: string; coach_id: string }>(
      'SELECT id, status, coach_id FROM bookings WHERE id = ANY($1::uuid[])',
      [made],
    )
    const byId = new Map(final.rows.map((row) => [row.id, row]))
    for (const a of affected) {
      const row = byId.get(a.bookingId)!
      if (a.outcome === 'moved') expect(row).toMatchObject({ status: 'booked', coach_id: bea.id })
      else expect(row).toMatchObject({ status: 'cancelled', coach_id: ada.id })
      expect(a.newCoach?.id ?? null).toBe(a.outcome === 'moved' ? bea.id : null)
    }
    // Every booking that was not Ada's is Bea's.
    for (const id of made) if (!affected.some((a) => a.bookingId === id)) expect(byId.get(id)).toMatchObject({ status: 'booked', coach_id: bea.id })
  })
})
