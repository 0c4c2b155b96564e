import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, testConfig, type TestApp } from '../../../helper.js'
import type pg from 'pg'
import { createTestDatabase } from '../../../support/database.js'
import { jobsWithPayloads } from '../../../support/jobs.js'
import { lockCoachDays } from '../../../../src/repositories/coaches.js'
import {
  bookingBody,
  countBy,
  createCoach,
  createProgramme,
  insertBookingRow,
  postBooking,
  waitForLockWait,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'

/**
 * No double booking, ever: the exclusion constraint is the guarantee, and the
 * service turns its refusal into 409 slot_unavailable (or tries the next coach).
 */
describe('booking one slot from many requests at once', () => {
  let t: TestApp
  beforeAll(async () => {
    // Errors are logged: a 500 here names its cause in the test output.
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({ databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }) })
  })
  afterAll(async () => {
    await t.app.close()
  })

  async function liveBookings(programmeId: string): Promise<{ coach_id: string }[]> {
    const { rows } = await t.app.pg.query(`SELECT coach_id FROM bookings WHERE programme_id = $1 AND status = 'booked'`, [programmeId])
    return rows
  }

  /** 50 different candidates asking for the slot at `start` at the same moment. */
  const fiftyAtOnce = (programme: ProgrammeFixture, start: string) =>
    Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postBooking(t.app, bookingBody(programme, start, { candidate: { name: `Candidate ${i}`, email: `c${i}@example.com` } })),
      ),
    )

  /**
   * Asks for a booking at `start` while another transaction has written a
   * booking (`row`), and done `alsoInOther` if given, but not committed;
   * commits it once the request waits on it, and gives the request's answer.
   */
  async function bookWhileAnotherCommits(
    programme: ProgrammeFixture,
    start: string,
    row: { coachId: string; start: string; end: string },
    alsoInOther?: (other: pg.PoolClient) => Promise<unknown>,
  ) {
    const other = await t.app.pg.connect()
    try {
      await other.query('BEGIN')
      await insertBookingRow(other, { programmeId: programme.id, ...row })
      await alsoInOther?.(other)
      const pending = postBooking(t.app, bookingBody(programme, start))
      await waitForLockWait(t.app.pg.pool)
      await other.query('COMMIT')
      return await pending
    } finally {
      other.release()
    }
  }

  it('50 requests for one slot with one coach: exactly one 201 and 49 409', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    const responses = await fiftyAtOnce(programme, '2026-03-03T09:00:00.000Z')
    expect(countBy(responses, (r) => r.statusCode)).toEqual({ 201: 1, 409: 49 })
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error).toBe('slot_unavailable')
    }
    expect(await liveBookings(programme.id)).toHaveLength(1)
    // A booking and its emails commit together: the 49 refused requests left no email behind.
    const booked = responses.find((r) => r.statusCode === 201)!.json().booking.id
    const emailsFor = new Set((await jobsWithPayloads(t.app, 'send-email')).map((job) => job.payload.bookingId))
    expect([...emailsFor]).toEqual([booked])
  })

  it('50 requests for one slot with three coaches free: exactly three 201s, one per coach', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    for (let i = 0; i < 3; i++) await createCoach(t.app.pg.pool, programme)
    const responses = await fiftyAtOnce(programme, '2026-03-03T10:30:00.000Z')
    expect(countBy(responses, (r) => r.statusCode)).toEqual({ 201: 3, 409: 47 })
    const booked = await liveBookings(programme.id)
    expect(new Set(booked.map((b) => b.coach_id)).size).toBe(3)
  })

  it('when the application check passes but another booking commits first, the constraint refuses it: 409', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const coach = await createCoach(t.app.pg.pool, programme)
    const start = '2026-03-04T09:00:00.000Z'
    // Another transaction holds an uncommitted booking for the slot: the request's own check cannot see it,
    // so it goes on to insert, and waits on the exclusion constraint until the other commits.
    const response = await bookWhileAnotherCommits(programme, start, { coachId: coach.id, start, end: '2026-03-04T09:45:00.000Z' })
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toBe('slot_unavailable')
    expect(await liveBookings(programme.id)).toHaveLength(1)
  })

  it('with a second coach, the request refused by the constraint goes to the other coach', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const first = await createCoach(t.app.pg.pool, programme, { id: '00000000-0000-4000-8000-000000000001' })
    const second = await createCoach(t.app.pg.pool, programme, { id: '00000000-0000-4000-8000-000000000002' })
    const start = '2026-03-04T09:45:00.000Z'
    // the first coach in fair-share order (tied, so by id) is taken in a transaction not yet committed
    const response = await bookWhileAnotherCommits(programme, start, { coachId: first.id, start, end: '2026-03-04T10:30:00.000Z' })
    expect(response.statusCode).toBe(201)
    const { rows } = await t.app.pg.query('SELECT coach_id FROM bookings WHERE id = $1', [response.json().booking.id])
    expect(rows[0].coach_id).toBe(second.id)
  })

  it('keeps the buffer under a race too: a booking within the buffer of one committing meanwhile is refused', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const coach = await createCoach(t.app.pg.pool, programme, { bufferMinutes: 15 })
    // A booking at 9am and one at 9:45 don't overlap (the constraint allows both), but with a
    // 15-minute buffer the coach cannot have both.
    // Another booking being made the way the service does: the coach's days locked, then inserted.
    const response = await bookWhileAnotherCommits(
      programme,
      '2026-03-05T09:00:00.000Z',
      { coachId: coach.id, start: '2026-03-05T09:45:00.000Z', end: '2026-03-05T10:30:00.000Z' },
      (other) => lockCoachDays(other, coach.id, new Date('2026-03-05T09:45:00.000Z'), new Date('2026-03-05T10:30:00.000Z')),
    )
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toBe('slot_unavailable')
    const { rows } = await t.app.pg.query(`SELECT starts_at FROM bookings WHERE coach_id = $1`, [coach.id])
    expect(rows).toHaveLength(1)
  })

  it('replays one answer to the same Idempotency-Key sent many times at once', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    const body = bookingBody(programme, '2026-03-03T11:15:00.000Z')
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postBooking(t.app, body, { 'idempotency-key': 'same-key-at-once' })),
    )
    expect(countBy(responses, (r) => r.statusCode)).toEqual({ 201: 10 })
    expect(new Set(responses.map((r) => r.json().booking.id)).size).toBe(1)
    expect(new Set(responses.map((r) => r.json().manageUrl)).size).toBe(10)
    expect(await liveBookings(programme.id)).toHaveLength(1)
  })

  it('200 requests for the same 5 times with 3 coaches: one 201 per coach and time, every other answer 409, no overlap, emails only for bookings', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    for (let i = 0; i < 3; i++) await createCoach(t.app.pg.pool, programme, { bufferMinutes: 15, dailyMaximum: 6 })
    const starts = ['09:00', '10:30', '12:00', '13:30', '15:00'].map((time) => `2026-03-10T${time}:00.000Z`)
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postBooking(t.app, bookingBody(programme, starts[i % 5]!, { candidate: { name: `Candidate ${i}`, email: `burst${i}@example.com` } })),
      ),
    )
    expect(countBy(responses, (r) => r.statusCode)).toEqual({ 201: 15, 409: 185 })
    for (const refused of responses.filter((r) => r.statusCode === 409)) expect(refused.json().error).toBe('slot_unavailable')
    const { rows: overlaps } = await t.app.pg.query(
      `SELECT count(*)::int AS n FROM bookings a JOIN bookings b
          ON a.coach_id = b.coach_id AND a.id < b.id AND a.status = 'booked' AND b.status = 'booked'
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.programme_id = $1`,
      [programme.id],
    )
    expect(overlaps[0].n).toBe(0)
    const booked = responses.filter((r) => r.statusCode === 201).map((r) => r.json().booking.id as string)
    const { rows: ofProgramme } = await t.app.pg.query<{ id: string }>(`SELECT id::text FROM bookings WHERE programme_id = $1`, [programme.id])
    const programmeBookings = new Set(ofProgramme.map((row) => row.id))
    const emailsFor = new Set(
      (await jobsWithPayloads(t.app, 'send-email')).map((job) => job.payload.bookingId as string).filter((id) => programmeBookings.has(id)),
    )
    expect([...emailsFor].sort()).toEqual([...booked].sort())
  })

  it("locks a coach's day, not the coach: a booking on another day goes ahead while one on the same day waits", async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const coach = await createCoach(t.app.pg.pool, programme)
    const other = await t.app.pg.connect()
    try {
      await other.query('BEGIN')
      // Another booking of the coach on 11 March, placed but not committed.
      expect(await lockCoachDays(other, coach.id, new Date('2026-03-11T09:00:00.000Z'), new Date('2026-03-11T09:45:00.000Z'))).toBe('locked')
      const anotherDay = await postBooking(t.app, bookingBody(programme, '2026-03-12T09:00:00.000Z'))
      expect(anotherDay.statusCode).toBe(201)
      const sameDay = postBooking(t.app, bookingBody(programme, '2026-03-11T13:30:00.000Z', { candidate: { name: 'Ola', email: 'ola@example.com' } }))
      await waitForLockWait(t.app.pg.pool)
      await other.query('COMMIT')
      expect((await sameDay).statusCode).toBe(201)
    } finally {
      other.release()
    }
  })
})
