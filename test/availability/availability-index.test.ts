import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgrammeSlots, type SlotQuery } from '../../src/domain/slots/index.js'
import { loadCoachSchedules } from '../../src/repositories/coaches.js'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import {
  LONDON,
  asCandidate,
  bookingBody,
  createCoach,
  createProgramme,
  insertBookingRow,
  postBooking,
  tokenOf,
  type CoachFixture,
  type ProgrammeFixture,
} from '../support/booking-fixtures.js'

/**
 * The availability index answers exactly what reading every row would,
 * after every kind of change, whoever makes it: this service (its answer
 * waits for its own notices), SQL from outside (the notice arrives a moment
 * later: polled), or another instance on the same database.
 */
const DAY = 86_400_000
const MINUTE = 60_000

describe('the availability index', () => {
  let t: TestApp
  let other: TestApp
  let programme: ProgrammeFixture
  let anna: CoachFixture
  let bilal: CoachFixture
  const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'))

  beforeAll(async () => {
    t = await buildTestApp({ clock })
    // A second instance on the same database, with its own index and listener.
    other = await buildTestApp({ clock, databaseUrl: t.databaseUrl })
    programme = await createProgramme(t.app.pg.pool, { horizonDays: 21 })
    anna = await createCoach(t.app.pg.pool, programme, { name: 'Anna', bufferMinutes: 15, dailyMaximum: 4 })
    bilal = await createCoach(t.app.pg.pool, programme, { name: 'Bilal', hours: [{ start: 13 * 60, end: 17 * 60 }] })
  })
  afterAll(async () => {
    await other?.app.close()
    await t?.app.close()
  })

  function query(): SlotQuery {
    const today = clock.now().toISOString().slice(0, 10)
    const last = new Date(clock.now().getTime() + 25 * DAY).toISOString().slice(0, 10)
    return { from: today, to: last, timeZone: LONDON }
  }

  /** What reading every row says now (no index). */
  async function fromRows(): Promise<string[]> {
    const { rows } = await t.app.pg.query<{ duration: number; notice: number; horizon: number }>(
      `SELECT duration_minutes AS duration, minimum_notice_minutes AS notice, horizon_days AS horizon FROM programmes WHERE id = $1`,
      [programme.id],
    )
    const settings = rows[0]!
    const q = query()
    const schedules = await loadCoachSchedules(t.app.pg.pool, {
      programmeId: programme.id,
      from: new Date(`${q.from}T00:00:00Z`),
      to: new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 3 * DAY),
      now: clock.now(),
    })
    const rules = { durationMinutes: settings.duration, minimumNoticeMinutes: settings.notice, horizonDays: settings.horizon }
    return buildProgrammeSlots(schedules, { now: clock.now(), query: q, rules }).map((slot) => slot.start)
  }

  async function fromApi(app: TestApp['app']): Promise<string[]> {
    const response = await app.inject({ url: `/api/v1/slots?${new URLSearchParams({ programme: programme.slug, ...query() })}` })
    expect(response.statusCode).toBe(200)
    return (response.json() as { slots: { start: string }[] }).slots.map((slot) => slot.start)
  }

  /** Both instances agree with the rows: at once for the one that made the change when `atOnce`, else once the notice arrives. */
  async function expectInStep({ atOnce = false }: { atOnce?: boolean } = {}): Promise<void> {
    const expected = await fromRows()
    if (atOnce) expect(await fromApi(t.app)).toEqual(expected)
    await expect.poll(() => fromApi(t.app)).toEqual(expected)
    await expect.poll(() => fromApi(other.app)).toEqual(expected)
  }

  it('starts in step, and serves a second question from memory', async () => {
    await expect.poll(() => t.app.availability.isLive() && other.app.availability.isLive()).toBe(true)
    const first = await fromApi(t.app)
    expect(first.length).toBeGreaterThan(20)
    await expectInStep()
    // The setup's own notices may still be on their way and would make the index read again. A request that
    // may change something waits until its instance has heard every change committed before it
    // (src/plugins/app/availability.ts), so after this one the index has taken in all of them.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/no-such-path' })).statusCode).toBe(404)
    expect(await fromApi(t.app)).toEqual(first)
    // Nothing is read from the database for a question it has answered before.
    const pool = t.app.pg.pool
    const query = pool.query.bind(pool)
    const connect = pool.connect.bind(pool)
    let reads = 0
    pool.query = ((...args: Parameters<typeof query>) => {
      reads++
      return query(...args)
    }) as typeof pool.query
    pool.connect = ((...args: Parameters<typeof connect>) => {
      reads++
      return connect(...args)
    }) as typeof pool.connect
    try {
      expect(await fromApi(t.app)).toEqual(first)
      expect(await fromApi(t.app)).toEqual(first)
    } finally {
      pool.query = query
      pool.connect = connect
    }
    expect(reads).toBe(0)
  })

  it('follows bookings made, moved and cancelled through the service, at once for the instance that made them', async () => {
    const [start, later] = (await fromApi(t.app)).filter((s) => s.endsWith('T10:30:00.000Z'))
    const booked = await postBooking(t.app, bookingBody(programme, start!))
    expect(booked.statusCode).toBe(201)
    await expectInStep({ atOnce: true })
    const token = tokenOf(booked.json().manageUrl)
    const id = booked.json().booking.id
    const moved = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/reschedule`, headers: asCandidate(token), payload: { start: later } })
    expect(moved.statusCode).toBe(200)
    await expectInStep({ atOnce: true })
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${id}/cancel`, headers: asCandidate(token), payload: {} })
    expect(cancelled.statusCode).toBe(200)
    await expectInStep({ atOnce: true })
  })

  it('follows holds, and frees a held time when the hold runs out', async () => {
    // Only Bilal works at 4pm: held, the time is gone for everyone else.
    const start = (await fromApi(t.app)).find((s) => s.endsWith('T16:00:00.000Z'))!
    const hold = await t.app.inject({ method: 'POST', url: '/api/v1/slots/holds', payload: { programme: programme.slug, start } })
    expect(hold.statusCode).toBe(201)
    await expectInStep({ atOnce: true })
    expect(await fromApi(t.app)).not.toContain(start)
    clock.advance(11 * MINUTE) // holds last 10 minutes
    await expectInStep()
  })

  it('follows changes written from outside the service: bookings, time off, days off, extra hours, weekly hours', async () => {
    const day = new Date(clock.now().getTime() + 3 * DAY).toISOString().slice(0, 10)
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: anna.id, start: `${day}T09:00:00Z`, end: `${day}T09:45:00Z` })
    await expectInStep()
    await t.app.pg.query(`INSERT INTO coach_time_off (coach_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [
      bilal.id,
      `${day}T00:00:00Z`,
      `${day}T23:59:00Z`,
    ])
    await expectInStep()
    const nextDay = new Date(clock.now().getTime() + 4 * DAY).toISOString().slice(0, 10)
    await t.app.pg.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, $2, 'day_off')`, [anna.id, nextDay])
    await expectInStep()
    const saturday = nextSaturday()
    await t.app.pg.query(
      `INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, $2, 'extra_hours', 600, 720)`,
      [bilal.id, saturday],
    )
    await expectInStep()
    await t.app.pg.query(`DELETE FROM availability_windows WHERE coach_id = $1 AND weekday = 3`, [anna.id])
    await expectInStep()
  })

  it("follows a coach's settings, account and membership, and the programme's rules", async () => {
    await t.app.pg.query(`UPDATE coaches SET buffer_minutes = 60, daily_maximum = 2 WHERE id = $1`, [anna.id])
    await expectInStep()
    await t.app.pg.query(`UPDATE coaches SET time_zone = 'America/New_York' WHERE id = $1`, [bilal.id])
    await expectInStep()
    await t.app.pg.query(`UPDATE staff_users SET active = false WHERE id = $1`, [anna.staffUserId])
    await expectInStep()
    await t.app.pg.query(`UPDATE staff_users SET active = true WHERE id = $1`, [anna.staffUserId])
    await expectInStep()
    await t.app.pg.query(`DELETE FROM programme_coaches WHERE coach_id = $1`, [bilal.id])
    await expectInStep()
    await t.app.pg.query(`INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)`, [programme.id, bilal.id])
    await expectInStep()
    await t.app.pg.query(`UPDATE programmes SET minimum_notice_minutes = 2880, horizon_days = 14 WHERE id = $1`, [programme.id])
    await expectInStep()
  })

  it('keeps up as the days move on past what it had worked out', async () => {
    clock.advance(9 * DAY)
    await expectInStep()
    clock.advance(12 * DAY)
    await expectInStep()
  })

  it('answers from the database while its listener is cut off, and picks up again when it reconnects', async () => {
    await t.app.pg.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'career-conversations-listener' AND pid <> pg_backend_pid()`,
    )
    await expect.poll(() => t.app.availability.isLive() && other.app.availability.isLive(), { timeout: 10_000 }).toBe(true)
    const day = new Date(clock.now().getTime() + 5 * DAY).toISOString().slice(0, 10)
    await t.app.pg.query(`INSERT INTO coach_time_off (coach_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [
      anna.id,
      `${day}T00:00:00Z`,
      `${day}T23:59:00Z`,
    ])
    await expectInStep()
  })

  it('reads the rows at every question while it cannot trust its memory', async () => {
    t.app.availability.goOffline()
    try {
      const day = new Date(clock.now().getTime() + 6 * DAY).toISOString().slice(0, 10)
      await t.app.pg.query(`INSERT INTO coach_time_off (coach_id, starts_at, ends_at) VALUES ($1, $2, $3)`, [
        bilal.id,
        `${day}T00:00:00Z`,
        `${day}T23:59:00Z`,
      ])
      // No waiting for a notice: the answer is read from the rows.
      expect(await fromApi(t.app)).toEqual(await fromRows())
    } finally {
      t.app.availability.goLive()
    }
    await expectInStep()
  })

  function nextSaturday(): string {
    let day = clock.now().getTime() + 2 * DAY
    while (new Date(day).getUTCDay() !== 6) day += DAY
    return new Date(day).toISOString().slice(0, 10)
  }
})
