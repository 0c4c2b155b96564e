import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../helper.js'
import {
  asCandidate,
  bookingBody,
  createCoach,
  createProgramme,
  postBooking,
  tokenOf,
  type CoachFixture,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'
import { setUpTwoFactor, signIn as signInWithCode, testPasswordHash } from '../../../support/staff.js'

const PASSWORD = 'a long and unguessable test password'

/** Staff reach a booking with their session cookie: its coach, and any admin. */
describe('staff access to bookings', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let coach: CoachFixture
  let otherCoach: CoachFixture
  let adminEmail: string

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app.pg.pool)
    coach = await createCoach(t.app.pg.pool, programme, { name: 'Amina Okafor' })
    // not on this programme's rota, so never given its bookings
    const elsewhere = await createProgramme(t.app.pg.pool)
    otherCoach = await createCoach(t.app.pg.pool, elsewhere, { name: 'Ben Hughes' })
    const passwordHash = await testPasswordHash(PASSWORD)
    await t.app.pg.query('UPDATE staff_users SET password_hash = $1 WHERE id = ANY($2::uuid[])', [
      passwordHash,
      [coach.staffUserId, otherCoach.staffUserId],
    ])
    adminEmail = 'admin@staff.example'
    const admin = await t.app.pg.query(
      `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, 'Priya Shah', 'admin', $2) RETURNING id`,
      [adminEmail, passwordHash],
    )
    await setUpTwoFactor(t.app, admin.rows[0].id) // admins must sign in with two-factor
  })
  afterAll(async () => {
    await t.app.close()
  })

  async function signIn(staffUserId: string | null, email?: string): Promise<Record<string, string>> {
    const address =
      email ?? (await t.app.pg.query('SELECT email FROM staff_users WHERE id = $1', [staffUserId])).rows[0].email
    return { cookie: await signInWithCode(t.app, address, PASSWORD) }
  }

  async function book(start: string) {
    const response = await postBooking(t.app, bookingBody(programme, start))
    expect(response.statusCode, response.body).toBe(201)
    return { booking: response.json().booking, token: tokenOf(response.json().manageUrl) }
  }

  it('opens a booking to its coach and to an admin, not to another coach', async () => {
    const { booking } = await book('2026-03-03T09:00:00.000Z')
    const asCoach = await signIn(coach.staffUserId)
    const asOtherCoach = await signIn(otherCoach.staffUserId)
    const asAdmin = await signIn(null, adminEmail)

    expect((await t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asCoach })).statusCode).toBe(200)
    expect((await t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asAdmin })).statusCode).toBe(200)
    const refused = await t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asOtherCoach })
    expect(refused.statusCode).toBe(404)
    expect(refused.json().error).toBe('not_found')
  })

  it('lets the coach cancel with a reason (needed from staff), recorded as the coach', async () => {
    const { booking, token } = await book('2026-03-03T09:45:00.000Z')
    const asCoach = await signIn(coach.staffUserId)
    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, payload: {}, headers: asCoach })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().fields).toEqual([{ field: 'body.reason', message: 'Enter why the conversation is cancelled' }])

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.id}/cancel`,
      payload: { reason: 'Coach unwell' },
      headers: asCoach,
    })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect(cancelled.json().booking).toMatchObject({ status: 'cancelled', cancelledBy: 'coach', cancellationReason: 'Coach unwell' })
    const { rows } = await t.app.pg.query(
      `SELECT actor, actor_staff_user_id FROM booking_events WHERE booking_id = $1 AND kind = 'cancelled'`,
      [booking.id],
    )
    expect(rows).toEqual([{ actor: 'coach', actor_staff_user_id: coach.staffUserId }])
    // the candidate sees it through their link
    const seen = await t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asCandidate(token) })
    expect(seen.json().booking.cancelledBy).toBe('coach')
  })

  it('lets an admin move a booking, recorded as the admin', async () => {
    const { booking } = await book('2026-03-04T09:00:00.000Z')
    const asAdmin = await signIn(null, adminEmail)
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booking.id}/reschedule`,
      payload: { start: '2026-03-04T13:30:00.000Z', reason: 'Asked by phone' },
      headers: asAdmin,
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().booking).toMatchObject({ id: booking.id, reference: booking.reference, start: '2026-03-04T13:30:00.000Z' })
    const { rows } = await t.app.pg.query(
      `SELECT actor, reason FROM booking_events WHERE booking_id = $1 AND kind = 'rescheduled'`,
      [booking.id],
    )
    expect(rows).toEqual([{ actor: 'admin', reason: 'Asked by phone' }])
  })

  it('answers a wrong manage link with 404 even with a session (the link is what was asked about)', async () => {
    const { booking } = await book('2026-03-04T09:45:00.000Z')
    const asAdmin = await signIn(null, adminEmail)
    const response = await t.app.inject({
      url: `/api/v1/bookings/${booking.id}`,
      headers: { ...asAdmin, ...asCandidate('x'.repeat(43)) },
    })
    expect(response.statusCode).toBe(404)
  })
})
