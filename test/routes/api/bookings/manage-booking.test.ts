import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../helper.js'
import { jobsWithPayloads } from '../../../support/jobs.js'
import {
  asCandidate,
  bookingBody,
  createCoach,
  createProgramme,
  insertBookingRow,
  listSlotStarts,
  postBooking,
  tokenOf,
  type CoachFixture,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'

const MONDAY = '2026-03-02T08:00:00.000Z'
const DAY = 24 * 60 * 60 * 1000

describe('seeing, moving and cancelling a booking with its manage link', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let amina: CoachFixture
  let ben: CoachFixture

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app.pg.pool)
    // Amina's id sorts first: she gets the first booking when both are free and neither has any.
    amina = await createCoach(t.app.pg.pool, programme, { name: 'Amina Okafor', id: '00000000-0000-4000-8000-00000000000a' })
    ben = await createCoach(t.app.pg.pool, programme, { name: 'Ben Hughes', id: '00000000-0000-4000-8000-00000000000b' })
  })
  beforeEach(() => {
    t.clock.set(MONDAY)
  })
  afterAll(async () => {
    await t.app.close()
  })

  async function book(start: string, overrides: Record<string, unknown> = {}) {
    const response = await postBooking(t.app, bookingBody(programme, start, overrides))
    expect(response.statusCode, response.body).toBe(201)
    const { booking, manageUrl } = response.json()
    return { booking, token: tokenOf(manageUrl) as string }
  }

  const getBooking = (id: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/bookings/${id}`, headers })
  const reschedule = (id: string, body: object, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/reschedule`, payload: body, headers })
  const cancel = (id: string, body: object, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/cancel`, payload: body, headers })

  /** Id of the newest email job for the booking (job ids only grow). */
  async function emailJobs(bookingId: string): Promise<number> {
    const ids = (await jobsWithPayloads(t.app, 'send-email')).filter((job) => job.payload.bookingId === bookingId).map((job) => Number(job.id))
    return Math.max(0, ...ids)
  }

  async function history(id: string) {
    const { rows } = await t.app.pg.query(
      `SELECT kind, actor, sequence, previous_starts_at, starts_at, previous_coach_id, coach_id, reason
         FROM booking_events WHERE booking_id = $1 ORDER BY occurred_at, sequence`,
      [id],
    )
    return rows
  }

  it('opens the booking to its manage link', async () => {
    const { booking, token } = await book('2026-03-03T09:00:00.000Z')
    const response = await getBooking(booking.id, asCandidate(token))
    expect(response.statusCode).toBe(200)
    expect(response.json().booking).toEqual(booking)
  })

  it('answers every link that does not open this booking with the same 404, and no link with 401', async () => {
    const { booking, token } = await book('2026-03-03T09:45:00.000Z')
    const other = await book('2026-03-03T10:30:00.000Z')

    const answers = await Promise.all([
      getBooking(booking.id, asCandidate(randomBytes(32).toString('base64url'))), // wrong
      getBooking(booking.id, asCandidate('not-a-token')), // malformed
      getBooking(booking.id, asCandidate(other.token)), // another booking's
      getBooking('00000000-0000-4000-8000-000000000000', asCandidate(token)), // no such booking
      cancel(booking.id, {}, asCandidate(other.token)),
      reschedule(booking.id, { start: '2026-03-04T09:00:00.000Z' }, asCandidate(other.token)),
    ])
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404)
      expect(answer.json()).toEqual({
        error: 'not_found',
        message: 'We cannot find a booking for this link. It may have expired.',
        requestId: expect.any(String),
      })
    }
    const none = await getBooking(booking.id, {})
    expect(none.statusCode).toBe(401)
    expect(none.json().error).toBe('unauthorized')
    // nothing changed
    expect((await getBooking(booking.id, asCandidate(token))).json().booking.status).toBe('booked')
  })

  it('lets a link expire 14 days after the conversation ends', async () => {
    const { booking, token } = await book('2026-03-03T11:15:00.000Z')
    t.clock.set(new Date(Date.parse('2026-03-03T12:00:00.000Z') + 14 * DAY - 1000))
    expect((await getBooking(booking.id, asCandidate(token))).statusCode).toBe(200)
    t.clock.set(new Date(Date.parse('2026-03-03T12:00:00.000Z') + 14 * DAY))
    expect((await getBooking(booking.id, asCandidate(token))).statusCode).toBe(404)
  })

  it('moves a booking to the same coach when free: same id and reference, sequence + 1, history kept', async () => {
    const { booking, token } = await book('2026-03-04T09:00:00.000Z')
    const coachBefore = booking.coachFirstName
    t.clock.advance(60_000)
    const response = await reschedule(booking.id, { start: '2026-03-05T13:30:00.000Z', reason: 'Clash with a shift' }, asCandidate(token))
    expect(response.statusCode, response.body).toBe(200)
    const moved = response.json().booking
    expect(moved).toMatchObject({
      id: booking.id,
      reference: booking.reference,
      start: '2026-03-05T13:30:00.000Z',
      end: '2026-03-05T14:15:00.000Z',
      status: 'booked',
      coachFirstName: coachBefore,
    })
    const { rows } = await t.app.pg.query('SELECT sequence FROM bookings WHERE id = $1', [booking.id])
    expect(rows[0].sequence).toBe(1)
    const events = await history(booking.id)
    expect(events).toHaveLength(2)
    expect(events[1]).toMatchObject({
      kind: 'rescheduled',
      actor: 'candidate',
      sequence: 1,
      previous_starts_at: new Date('2026-03-04T09:00:00.000Z'),
      starts_at: new Date('2026-03-05T13:30:00.000Z'),
      reason: 'Clash with a shift',
    })
    expect(events[1].previous_coach_id).toBe(events[1].coach_id)
    // the old time is free again, the new one taken (both coaches: still offered once if the other is free)
    expect(await listSlotStarts(t.app, programme, '2026-03-04', '2026-03-04')).toContain('2026-03-04T09:00:00.000Z')
    // the link still works, for longer
    const expiry = await t.app.pg.query('SELECT min(expires_at) AS at FROM booking_manage_tokens WHERE booking_id = $1', [booking.id])
    expect(expiry.rows[0].at).toEqual(new Date(Date.parse('2026-03-05T14:15:00.000Z') + 14 * DAY))
  })

  it('moves a booking to another coach when its coach is not free then', async () => {
    const { booking, token } = await book('2026-03-06T09:00:00.000Z')
    const { rows } = await t.app.pg.query('SELECT coach_id FROM bookings WHERE id = $1', [booking.id])
    const first = rows[0].coach_id as string
    const other = first === amina.id ? ben : amina
    // the coach is busy at the new time
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: first, start: '2026-03-06T13:30:00.000Z', end: '2026-03-06T14:15:00.000Z' })

    const response = await reschedule(booking.id, { start: '2026-03-06T13:30:00.000Z' }, asCandidate(token))
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().booking).toMatchObject({
      id: booking.id,
      reference: booking.reference,
      start: '2026-03-06T13:30:00.000Z',
      coachFirstName: other.name.split(' ')[0],
    })
    const events = await history(booking.id)
    expect(events.at(-1)).toMatchObject({ kind: 'rescheduled', previous_coach_id: first, coach_id: other.id })
  })

  it('refuses to move to a time nobody is free, or to the same time, and leaves the booking as it was', async () => {
    const { booking, token } = await book('2026-03-09T09:00:00.000Z')
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: amina.id, start: '2026-03-09T13:30:00.000Z', end: '2026-03-09T14:15:00.000Z' })
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: ben.id, start: '2026-03-09T13:30:00.000Z', end: '2026-03-09T14:15:00.000Z' })
    const taken = await reschedule(booking.id, { start: '2026-03-09T13:30:00.000Z' }, asCandidate(token))
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error).toBe('slot_unavailable')
    const same = await reschedule(booking.id, { start: '2026-03-09T09:00:00.000Z' }, asCandidate(token))
    expect(same.statusCode).toBe(400)
    expect(same.json().fields).toEqual([{ field: 'body.start', message: expect.any(String) }])
    const bad = await reschedule(booking.id, { start: 'soon' }, asCandidate(token))
    expect(bad.statusCode).toBe(400)
    const unchanged = (await getBooking(booking.id, asCandidate(token))).json().booking
    expect(unchanged).toMatchObject({ start: '2026-03-09T09:00:00.000Z', status: 'booked' })
    expect(await history(booking.id)).toHaveLength(1)
  })

  it('cancels with an optional reason, frees the time, and refuses to change a cancelled booking', async () => {
    const { booking, token } = await book('2026-03-10T09:00:00.000Z')
    const emailsBefore = await emailJobs(booking.id)
    t.clock.advance(5 * 60_000)
    const response = await cancel(booking.id, { reason: 'Found a new role' }, asCandidate(token))
    expect(response.statusCode).toBe(200)
    expect(response.json().booking).toMatchObject({
      id: booking.id,
      status: 'cancelled',
      cancelledAt: '2026-03-02T08:05:00.000Z',
      cancelledBy: 'candidate',
      cancellationReason: 'Found a new role',
    })
    const events = await history(booking.id)
    expect(events.at(-1)).toMatchObject({ kind: 'cancelled', actor: 'candidate', sequence: 1, reason: 'Found a new role' })
    // the emails about it were enqueued with the change (what they say is the emails' business)
    expect(await emailJobs(booking.id)).toBeGreaterThan(emailsBefore)

    // the link still shows it; changing it again is a clear 409
    expect((await getBooking(booking.id, asCandidate(token))).json().booking.status).toBe('cancelled')
    const again = await cancel(booking.id, {}, asCandidate(token))
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toBe('booking_cancelled')
    const move = await reschedule(booking.id, { start: '2026-03-11T09:00:00.000Z' }, asCandidate(token))
    expect(move.statusCode).toBe(409)
    expect(move.json().error).toBe('booking_cancelled')

    // someone else can book the time now
    expect((await postBooking(t.app, bookingBody(programme, '2026-03-10T09:00:00.000Z'))).statusCode).toBe(201)
  })

  it('cancels without a reason too, even without a body', async () => {
    const { booking, token } = await book('2026-03-10T09:45:00.000Z')
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: asCandidate(token) })
    expect(response.statusCode).toBe(200)
    expect(response.json().booking).toMatchObject({ status: 'cancelled', cancellationReason: null })
  })

  it('refuses to move or cancel a conversation that has started or is over: 409 booking_past', async () => {
    const { booking, token } = await book('2026-03-11T09:00:00.000Z')
    t.clock.set('2026-03-11T09:00:00.000Z')
    const move = await reschedule(booking.id, { start: '2026-03-16T09:00:00.000Z' }, asCandidate(token))
    expect(move.statusCode).toBe(409)
    expect(move.json().error).toBe('booking_past')
    const gone = await cancel(booking.id, {}, asCandidate(token))
    expect(gone.statusCode).toBe(409)
    expect(gone.json().error).toBe('booking_past')
    // but it can still be seen
    expect((await getBooking(booking.id, asCandidate(token))).statusCode).toBe(200)
  })

  it('validates the bodies: unknown fields, over-long reasons, a bad id', async () => {
    const { booking, token } = await book('2026-03-11T09:45:00.000Z')
    const extra = await cancel(booking.id, { reason: 'x', by: 'admin' }, asCandidate(token))
    expect(extra.statusCode).toBe(400)
    expect(extra.json().fields).toEqual([{ field: 'body.by', message: 'is not allowed' }])
    const long = await cancel(booking.id, { reason: 'x'.repeat(1001) }, asCandidate(token))
    expect(long.statusCode).toBe(400)
    const badId = await getBooking('not-a-uuid', asCandidate(token))
    expect(badId.statusCode).toBe(400)
  })
})
