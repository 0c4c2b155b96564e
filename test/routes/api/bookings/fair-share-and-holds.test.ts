import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseCrontab, type JobHelpers } from 'graphile-worker'
import { buildTestApp, type TestApp } from '../../../helper.js'
import { createTaskList } from '../../../../src/jobs/index.js'
import { PURGE_SLOT_HOLDS_CRONTAB } from '../../../../src/jobs/purge-slot-holds.js'
import {
  bookingBody,
  buildTestAppWithCoach,
  createCoach,
  createProgramme,
  insertBookingRow,
  listSlotStarts,
  postBooking,
  type CoachFixture,
  type ProgrammeFixture,
} from '../../../support/booking-fixtures.js'

const MONDAY = '2026-03-02T08:00:00.000Z'

describe('choosing the coach', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await buildTestApp()
  })
  beforeEach(() => {
    t.clock.set(MONDAY)
  })
  afterAll(async () => {
    await t.app.close()
  })

  /** A programme with Amina and Ben, Amina's id sorting first (the last tie-break). */
  async function twoCoaches(): Promise<{ programme: ProgrammeFixture; amina: CoachFixture; ben: CoachFixture }> {
    const programme = await createProgramme(t.app.pg.pool)
    const suffix = programme.id.slice(-12)
    const amina = await createCoach(t.app.pg.pool, programme, { name: 'Amina Okafor', id: `00000000-0000-4000-8000-${suffix.slice(0, 11)}a` })
    const ben = await createCoach(t.app.pg.pool, programme, { name: 'Ben Hughes', id: `00000000-0000-4000-8000-${suffix.slice(0, 11)}b` })
    return { programme, amina, ben }
  }

  async function coachOf(programme: ProgrammeFixture, start: string): Promise<string> {
    const response = await postBooking(t.app, bookingBody(programme, start))
    expect(response.statusCode, response.body).toBe(201)
    return response.json().booking.coachFirstName
  }

  it('gives the booking to the coach with the fewest conversations that week (cancelled ones not counted)', async () => {
    const { programme, amina, ben } = await twoCoaches()
    // Week of Monday 9 March: Amina has two conversations; Ben one, and one cancelled.
    const insert = (coachId: string, day: string, status?: string) =>
      insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId, start: `${day}T09:00:00Z`, end: `${day}T09:45:00Z`, status })
    await insert(amina.id, '2026-03-09')
    await insert(amina.id, '2026-03-10')
    await insert(ben.id, '2026-03-11')
    await insert(ben.id, '2026-03-12', 'cancelled')
    // another week does not count
    await insert(ben.id, '2026-03-16')
    await insert(ben.id, '2026-03-17')
    expect(await coachOf(programme, '2026-03-13T09:00:00.000Z')).toBe('Ben') // 2 against 1
    t.clock.advance(60_000)
    // 2 against 2: ties in turn, and Ben was given one by the service more recently than Amina (never)
    expect(await coachOf(programme, '2026-03-13T10:30:00.000Z')).toBe('Amina')
  })

  it('takes ties in turn: the coach given a booking least recently first', async () => {
    const { programme } = await twoCoaches()
    expect(await coachOf(programme, '2026-03-16T09:00:00.000Z')).toBe('Amina') // 0–0, neither ever given one: by id
    t.clock.advance(60_000)
    expect(await coachOf(programme, '2026-03-16T10:30:00.000Z')).toBe('Ben') // 1–0
    t.clock.advance(60_000)
    expect(await coachOf(programme, '2026-03-17T09:00:00.000Z')).toBe('Amina') // 1–1, Amina's was longer ago
    t.clock.advance(60_000)
    expect(await coachOf(programme, '2026-03-17T10:30:00.000Z')).toBe('Ben') // 2–1
  })

  it('counts a booking made elsewhere (another instance, or by hand) once its notice has been heard', async () => {
    const { programme, ben } = await twoCoaches()
    expect(await coachOf(programme, '2026-03-09T09:00:00.000Z')).toBe('Amina') // 0–0: by id; both loads now kept
    t.clock.advance(60_000)
    const heardBefore = t.app.availability.coachVersion(ben.id)
    for (const day of ['2026-03-10', '2026-03-11']) {
      await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: ben.id, start: `${day}T09:00:00Z`, end: `${day}T09:45:00Z` })
    }
    await expect.poll(() => t.app.availability.coachVersion(ben.id)).not.toBe(heardBefore)
    // Ben's kept load (none that week) is read again: 1 against 2.
    expect(await coachOf(programme, '2026-03-12T09:00:00.000Z')).toBe('Amina')
  })

  it('books the other coach when the fair choice is not free then', async () => {
    const { programme, ben } = await twoCoaches()
    // Amina is the fair choice (fewer this week), but has the day off on Monday 23 March.
    await insertBookingRow(t.app.pg.pool, { programmeId: programme.id, coachId: ben.id, start: '2026-03-24T09:00:00Z', end: '2026-03-24T09:45:00Z' })
    const { rows } = await t.app.pg.query(`SELECT id FROM coaches WHERE id <> $1 AND id IN (SELECT coach_id FROM programme_coaches WHERE programme_id = $2)`, [ben.id, programme.id])
    await t.app.pg.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, '2026-03-23', 'day_off')`, [rows[0].id])
    expect(await coachOf(programme, '2026-03-23T09:00:00.000Z')).toBe('Ben')
    expect(await coachOf(programme, '2026-03-24T09:45:00.000Z')).toBe('Amina')
  })
})

describe('holding a slot', () => {
  let t: TestApp
  let programme: ProgrammeFixture

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach({ name: 'Chloe Davies' }))
  })
  beforeEach(() => {
    t.clock.set(MONDAY)
  })
  afterAll(async () => {
    await t.app.close()
  })

  const hold = (start: string, holdKey?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/slots/holds', payload: { programme: programme.slug, start, ...(holdKey ? { holdKey } : {}) } })

  it('hides a held slot from others for 10 minutes, but not from its holder', async () => {
    const start = '2026-03-03T09:00:00.000Z'
    const response = await hold(start)
    expect(response.statusCode, response.body).toBe(201)
    const held = response.json()
    expect(held).toEqual({
      holdKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      start,
      end: '2026-03-03T09:45:00.000Z',
      expiresAt: '2026-03-02T08:10:00.000Z',
    })
    expect(await listSlotStarts(t.app, programme, '2026-03-03', '2026-03-03')).not.toContain(start)
    expect(await listSlotStarts(t.app, programme, '2026-03-03', '2026-03-03', { holdKey: held.holdKey })).toContain(start)

    // someone else can neither hold nor book it
    expect((await hold(start)).statusCode).toBe(409)
    expect((await postBooking(t.app, bookingBody(programme, start))).statusCode).toBe(409)

    // after 10 minutes it is free again
    t.clock.advance(10 * 60_000)
    expect(await listSlotStarts(t.app, programme, '2026-03-03', '2026-03-03')).toContain(start)
  })

  it('releases the first hold when the holder picks another time, and the hold when they book', async () => {
    const first = (await hold('2026-03-04T09:00:00.000Z')).json()
    const second = await hold('2026-03-04T10:30:00.000Z', first.holdKey)
    expect(second.statusCode).toBe(201)
    expect(second.json().holdKey).toBe(first.holdKey)
    const starts = await listSlotStarts(t.app, programme, '2026-03-04', '2026-03-04')
    expect(starts).toContain('2026-03-04T09:00:00.000Z')
    expect(starts).not.toContain('2026-03-04T10:30:00.000Z')

    const booked = await postBooking(t.app, bookingBody(programme, '2026-03-04T10:30:00.000Z', { holdKey: first.holdKey }))
    expect(booked.statusCode, booked.body).toBe(201)
    const { rows } = await t.app.pg.query(`SELECT count(*)::int AS n FROM slot_holds WHERE starts_at::date = '2026-03-04'`)
    expect(rows[0].n).toBe(0)
  })

  it('counts a hold towards the buffer and the daily maximum of the coach', async () => {
    await t.app.pg.query('UPDATE coaches SET buffer_minutes = 15, daily_maximum = 2 WHERE id IN (SELECT coach_id FROM programme_coaches WHERE programme_id = $1)', [programme.id])
    const a = (await hold('2026-03-05T09:00:00.000Z')).json()
    // 9:45 is within 9am's buffer
    expect(await listSlotStarts(t.app, programme, '2026-03-05', '2026-03-05')).not.toContain('2026-03-05T09:45:00.000Z')
    expect((await hold('2026-03-05T13:30:00.000Z')).statusCode).toBe(201)
    // two held: the day is full for everyone else, but the holder still sees theirs
    expect(await listSlotStarts(t.app, programme, '2026-03-05', '2026-03-05')).toEqual([])
    expect(await listSlotStarts(t.app, programme, '2026-03-05', '2026-03-05', { holdKey: a.holdKey })).toContain('2026-03-05T09:00:00.000Z')
    await t.app.pg.query('UPDATE coaches SET buffer_minutes = 0, daily_maximum = 24 WHERE id IN (SELECT coach_id FROM programme_coaches WHERE programme_id = $1)', [programme.id])
  })

  it('has its expired holds removed by an hourly job, and only those', async () => {
    const expired = (await hold('2026-03-09T09:00:00.000Z')).json()
    t.clock.advance(11 * 60_000)
    const live = (await hold('2026-03-09T10:30:00.000Z')).json()
    const purge = createTaskList(t.app)['purge-slot-holds']!
    await purge({}, {} as JobHelpers) // the task uses neither
    const { rows } = await t.app.pg.query(`SELECT starts_at FROM slot_holds WHERE starts_at::date = '2026-03-09'`)
    expect(rows.map((row) => row.starts_at.toISOString())).toEqual([live.start])
    expect(expired.start).toBe('2026-03-09T09:00:00.000Z')
    const [item] = parseCrontab(PURGE_SLOT_HOLDS_CRONTAB)
    expect(item).toMatchObject({ task: 'purge-slot-holds' })
    expect(PURGE_SLOT_HOLDS_CRONTAB).toMatch(/^20 \* \* \* \* /) // every hour
  })

  it('answers a malformed hold key with 400', async () => {
    const response = await hold('2026-03-06T09:00:00.000Z', 'short')
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([{ field: 'body.holdKey', message: 'This hold is not valid' }])
    const listing = await t.app.inject(`/api/v1/slots?programme=${programme.slug}&from=2026-03-06&to=2026-03-06&holdKey=short`)
    expect(listing.statusCode).toBe(400)
    expect(listing.json().fields).toEqual([{ field: 'querystring.holdKey', message: 'This hold is not valid' }])
  })
})
