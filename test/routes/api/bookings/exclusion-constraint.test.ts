import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../helper.js'
import { createCoach, createProgramme, insertBookingRow, type CoachFixture, type ProgrammeFixture } from '../../../support/booking-fixtures.js'

/** The guarantee itself, with no service in the way: plain SQL inserts. */
describe('the no-double-booking constraint', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let coach: CoachFixture
  let otherCoach: CoachFixture

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app.pg.pool)
    coach = await createCoach(t.app.pg.pool, programme)
    otherCoach = await createCoach(t.app.pg.pool, programme)
  })
  afterAll(async () => {
    await t.app.close()
  })

  const insert = (coachId: string, start: string, end: string, status?: string) =>
    insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId, start, end, status })

  it('refuses a live booking that overlaps another live booking of the same coach (SQLSTATE 23P01)', async () => {
    await insert(coach.id, '2026-04-01T09:00:00Z', '2026-04-01T09:45:00Z')
    await expect(insert(coach.id, '2026-04-01T09:30:00Z', '2026-04-01T10:15:00Z')).rejects.toMatchObject({
      code: '23P01',
      constraint: 'bookings_no_double_booking',
    })
    await expect(insert(coach.id, '2026-04-01T08:59:00Z', '2026-04-01T09:01:00Z')).rejects.toMatchObject({ code: '23P01' })
  })

  it('allows back-to-back bookings, another coach at the same time, and cancelled bookings anywhere', async () => {
    await insert(coach.id, '2026-04-01T09:45:00Z', '2026-04-01T10:30:00Z')
    await insert(otherCoach.id, '2026-04-01T09:00:00Z', '2026-04-01T09:45:00Z')
    await insert(coach.id, '2026-04-01T09:00:00Z', '2026-04-01T09:45:00Z', 'cancelled')
  })

  it('lets a cancelled booking free its time, and refuses to bring it back over a new one', async () => {
    const first = await insert(coach.id, '2026-04-02T09:00:00Z', '2026-04-02T09:45:00Z')
    await t.app.pg.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate' WHERE id = $1`,
      [first],
    )
    await insert(coach.id, '2026-04-02T09:00:00Z', '2026-04-02T09:45:00Z')
    await expect(
      t.app.pg.query(
        `UPDATE bookings SET status = 'booked', cancelled_at = NULL, cancelled_by = NULL WHERE id = $1`,
        [first],
      ),
    ).rejects.toMatchObject({ code: '23P01' })
  })

  it('refuses overlapping holds of one coach', async () => {
    const hold = (key: string, start: string, end: string) =>
      t.app.pg.query(
        `INSERT INTO slot_holds (programme_id, coach_id, holder_key_hash, starts_at, ends_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + interval '10 minutes')`,
        [programme.id, coach.id, key, start, end],
      )
    await hold('a'.repeat(64), '2026-04-03T09:00:00Z', '2026-04-03T09:45:00Z')
    await expect(hold('b'.repeat(64), '2026-04-03T09:15:00Z', '2026-04-03T10:00:00Z')).rejects.toMatchObject({ code: '23P01' })
  })

  it('keeps references unique and well formed, and phone calls with a phone number', async () => {
    /** A booking with this reference and contact method (and no phone number), straight into the table. */
    const insertWith = (reference: string, contactMethod: string) =>
      t.app.pg.query(
        `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method,
                               candidate_time_zone, starts_at, ends_at, consent_notice_version, consent_acknowledged_at)
         VALUES ($1, $2, $3, 'A', 'a@example.com', $4, 'Europe/London', '2026-05-01T09:00Z', '2026-05-01T09:45Z', 'v', now())`,
        [reference, programme.id, otherCoach.id, contactMethod],
      )
    const { rows } = await t.app.pg.query(`SELECT reference FROM bookings LIMIT 1`)
    await expect(insertWith(rows[0].reference, 'video')).rejects.toMatchObject({ code: '23505' })
    await expect(insertWith('CC-OOOOOO', 'video')).rejects.toMatchObject({ code: '23514' })
    await expect(insertWith('CC-222222', 'phone')).rejects.toMatchObject({ code: '23514', constraint: 'bookings_phone_for_phone_calls' })
  })
})
