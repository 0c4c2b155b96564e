import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../helper.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../../../support/booking-fixtures.js'
import { startSession } from '../../../support/staff.js'
import { waitingJobs } from '../../../support/jobs.js'

describe('giving a booking to another coach', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-02T08:00:00.000Z')
  })
  afterAll(async () => {
    await t.app.close()
  })

  async function setUp() {
    const programme = await createProgramme(t.app.pg.pool)
    const first = await createCoach(t.app.pg.pool, programme, { name: 'Ada First' })
    const second = await createCoach(t.app.pg.pool, programme, { name: 'Bea Second' })
    const created = await postBooking(t.app, bookingBody(programme, '2026-03-04T09:45:00.000Z'))
    expect(created.statusCode).toBe(201)
    const booking = created.json().booking
    const [owner, other] = booking.coachFirstName === 'Ada' ? [first, second] : [second, first]
    return { programme, booking, token: tokenOf(created.json().manageUrl), owner, other }
  }

  const reassign = (id: string, headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/reassign`, headers, payload })

  it('moves it to another free coach at the same time, keeps the history, and tells everyone', async () => {
    const { booking, owner, other } = await setUp()
    // Within the minimum notice: reassigning is most needed at short notice.
    t.clock.set('2026-03-04T08:00:00.000Z')
    const cookie = await startSession(t.app, owner.staffUserId)
    const response = await reassign(booking.id, { cookie }, { reason: 'Coach unwell' })
    t.clock.set('2026-03-02T08:00:00.000Z')
    expect(response.statusCode).toBe(200)
    expect(response.json().booking).toMatchObject({ id: booking.id, reference: booking.reference, start: booking.start })
    expect(response.json().booking.coachFirstName).toBe(other.name.split(' ')[0])
    const events = await t.app.pg.query(
      `SELECT kind, reason, previous_coach_id, coach_id FROM booking_events WHERE booking_id = $1 ORDER BY occurred_at, sequence`,
      [booking.id],
    )
    expect(events.rows.at(-1)).toEqual({ kind: 'reassigned', reason: 'Coach unwell', previous_coach_id: owner.id, coach_id: other.id })
    const emails = (await waitingJobs(t.app, 'send-email')).map((job) => job.payload.email)
    expect(emails).toEqual(expect.arrayContaining(['booking-coach-changed', 'coach-notice', 'previous-coach-notice']))
  })

  it('needs a reason, refuses the same coach and a coach who is not free, and is for staff only', async () => {
    const { booking, token, owner, other, programme } = await setUp()
    const cookie = await startSession(t.app, owner.staffUserId)
    const noReason = await reassign(booking.id, { cookie }, { reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().fields).toEqual([{ field: 'body.reason', message: 'Enter why the conversation is moving to another coach' }])
    const same = await reassign(booking.id, { cookie }, { reason: 'x', coachId: owner.id })
    expect(same.json().fields[0].field).toBe('body.coachId')
    // The other coach gets a booking at that time, so nobody else is free.
    const second = await postBooking(t.app, bookingBody(programme, '2026-03-04T09:45:00.000Z', { candidate: { name: 'B', email: 'b@example.com' } }))
    expect(second.statusCode).toBe(201)
    const busy = await reassign(booking.id, { cookie }, { reason: 'x', coachId: other.id })
    expect(busy.statusCode).toBe(400)
    const nobody = await reassign(booking.id, { cookie }, { reason: 'x' })
    expect(nobody.statusCode).toBe(409)
    expect(nobody.json().error).toBe('slot_unavailable')
    const asCandidateItself = await reassign(booking.id, asCandidate(token), { reason: 'x' })
    expect(asCandidateItself.statusCode).toBe(403)
    const otherCoach = await reassign(booking.id, { cookie: await startSession(t.app, other.staffUserId) }, { reason: 'x' })
    expect(otherCoach.statusCode).toBe(404)
  })
})
