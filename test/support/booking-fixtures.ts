/**
 * Programmes, coaches and bookings for booking tests, written straight to the
 * test's own database, plus small helpers for the booking API.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { seedDemoData } from '../../src/demo/seed-demo-data.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { buildTestApp, type TestApp } from '../helper.js'

export const LONDON = 'Europe/London'
export const NEW_YORK = 'America/New_York'
export const WEEKDAYS = [1, 2, 3, 4, 5]
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]

export interface ProgrammeFixture {
  id: string
  slug: string
}

export async function createProgramme(
  pool: pg.Pool,
  settings: { slug?: string; durationMinutes?: number; minimumNoticeMinutes?: number; horizonDays?: number; liveBookingsPerEmail?: number } = {},
): Promise<ProgrammeFixture> {
  const slug = settings.slug ?? `programme-${randomBytes(4).toString('hex')}`
  // Tests book again and again with a few addresses: one live booking per address is tested on its own.
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO programmes (slug, name, conversation_model_key, duration_minutes, minimum_notice_minutes, horizon_days, live_bookings_per_email)
     VALUES ($1, $2, 'four-stage', $3, $4, $5, $6) RETURNING id`,
    [slug, `Programme ${slug}`, settings.durationMinutes ?? 45, settings.minimumNoticeMinutes ?? 1440, settings.horizonDays ?? 56, settings.liveBookingsPerEmail ?? 50],
  )
  return { id: rows[0]!.id, slug }
}

export interface CoachFixture {
  id: string
  staffUserId: string
  name: string
}

export interface CoachOptions {
  name?: string
  timeZone?: string
  weekdays?: number[]
  hours?: { start: number; end: number }[]
  bufferMinutes?: number
  dailyMaximum?: number
  /** Make the coach id sort before or after others (fair-share ties fall back to the id). */
  id?: string
}

/** A coach on the programme, working `hours` (minutes after local midnight) on `weekdays`. */
export async function createCoach(pool: pg.Pool, programme: ProgrammeFixture, options: CoachOptions = {}): Promise<CoachFixture> {
  const name = options.name ?? `Coach ${randomBytes(3).toString('hex')}`
  const email = `${randomBytes(6).toString('hex')}@coaches.example`
  const staff = await pool.query<{ id: string }>(
    `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, 'coach', 'not-a-real-hash') RETURNING id`,
    [email, name],
  )
  const staffUserId = staff.rows[0]!.id
  const coach = await pool.query<{ id: string }>(
    `INSERT INTO coaches (id, staff_user_id, time_zone, buffer_minutes, daily_maximum)
     VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5) RETURNING id`,
    [options.id ?? null, staffUserId, options.timeZone ?? LONDON, options.bufferMinutes ?? 0, options.dailyMaximum ?? 24],
  )
  const id = coach.rows[0]!.id
  await pool.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, id])
  for (const weekday of options.weekdays ?? WEEKDAYS) {
    for (const hours of options.hours ?? [{ start: 9 * 60, end: 17 * 60 }]) {
      await pool.query(
        'INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)',
        [id, weekday, hours.start, hours.end],
      )
    }
  }
  return { id, staffUserId, name }
}

/** The real app on a database of its own (buildTestApp), with a programme and one coach on it: close it in afterAll. */
export async function buildTestAppWithCoach(coach: CoachOptions = {}): Promise<{ t: TestApp; programme: ProgrammeFixture; coach: CoachFixture }> {
  const t = await buildTestApp()
  const programme = await createProgramme(t.app.pg.pool)
  return { t, programme, coach: await createCoach(t.app.pg.pool, programme, coach) }
}

/** A live (or other) booking written directly, bypassing the service. */
export async function insertBookingRow(
  db: Pick<pg.ClientBase, 'query'>,
  row: { programmeId: string; coachId: string; start: string; end: string; status?: string },
): Promise<string> {
  const cancelled = row.status === 'cancelled'
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method,
                           candidate_time_zone, status, starts_at, ends_at, cancelled_at, cancelled_by,
                           consent_notice_version, consent_acknowledged_at)
     VALUES ($1, $2, $3, 'Direct Insert', 'direct@example.com', 'video', 'Europe/London', $4, $5, $6,
             CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN 'admin'::booking_actor END, 'test', now())
     RETURNING id`,
    [generateBookingReference(), row.programmeId, row.coachId, row.status ?? 'booked', row.start, row.end, cancelled],
  )
  return rows[0]!.id
}

export function bookingBody(programme: ProgrammeFixture, start: string, overrides: Record<string, unknown> = {}) {
  return {
    programme: programme.slug,
    start,
    timeZone: LONDON,
    candidate: { name: 'Sam Taylor', email: 'Sam.Taylor@Example.com' },
    contactMethod: 'video',
    consent: true,
    ...overrides,
  }
}

export function postBooking(
  app: FastifyInstance,
  body: object,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/bookings', payload: body, headers })
}

/** The token at the end of a manage link. */
export function tokenOf(manageUrl: string): string {
  return manageUrl.split('/').pop()!
}

export function asCandidate(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}

export async function listSlotStarts(
  app: FastifyInstance,
  programme: ProgrammeFixture,
  from: string,
  to: string,
  extra: Record<string, string> = {},
): Promise<string[]> {
  const query = new URLSearchParams({ programme: programme.slug, from, to, timeZone: LONDON, ...extra })
  const response = await app.inject(`/api/v1/slots?${query}`)
  if (response.statusCode !== 200) throw new Error(`slots: ${response.statusCode} ${response.body}`)
  return (response.json() as { slots: { start: string }[] }).slots.map((s) => s.start)
}

/** Waits until some backend of this database is waiting for a lock (a request has reached the race). */
export async function waitForLockWait(pool: pg.Pool, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )
    if (rows[0]!.n > 0) return
    if (performance.now() > deadline) throw new Error('no request waited for a lock')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export function countBy<T>(items: readonly T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[String(key(item))] = (counts[String(key(item))] ?? 0) + 1
  return counts
}

/**
 * The demo data, for tests that book again and again with one address: the
 * demo programme allows that many live bookings per address (one is the
 * default, tested in test/security/who-may-book.test.ts).
 */
export async function seedDemoDataForRepeatBookings(options: { databaseUrl: string; password?: string }): Promise<void> {
  await seedDemoData(options)
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 })
  try {
    await pool.query(`UPDATE programmes SET live_bookings_per_email = 50`)
  } finally {
    await pool.end()
  }
}
