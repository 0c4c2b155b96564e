/**
 * The world the fuzz suites attack, and the values they attack it with.
 *
 * A real app on a database of its own with a programme, a coach, a booking
 * (and its manage link), an invitation and a signed-in admin and coach; junk
 * values built with fast-check; and a checksum of every table, so a test can
 * tell that a refused request changed nothing.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, listSlotStarts, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { createStaff, formSession, startSession } from '../support/staff.js'

/**
 * Tables that record attempts themselves, so a refused request may rightly
 * write to them: the audit log, sessions (last seen), sign-in failures and
 * pending sign-ins, the limit counters, email codes (wrong guesses are
 * counted). Every other table must be exactly as it was after a refusal.
 */
const RECORDS_OF_ATTEMPTS = new Set([
  'audit_events',
  'staff_sessions',
  'staff_sign_in_failures',
  'staff_pending_sign_ins',
  'limit_counters',
  'email_codes',
  '_prisma_migrations',
])

export interface FuzzWorld extends TestApp {
  admin: { cookie: string; csrf: string; id: string }
  coach: { cookie: string; csrf: string; id: string; coachId: string }
  anonymous: { cookie: string; csrf: string }
  manageToken: string
  programmeSlug: string
  /** Real ids by what they are, so generated paths reach past "not found" sometimes. */
  ids: Record<string, string[]>
  /** A digest of every watched table's rows, by table. */
  checksum(): Promise<Map<string, string>>
}

export async function buildFuzzWorld(): Promise<FuzzWorld> {
  const t = await buildTestApp({ clock: new TestClock(new Date('2026-03-02T08:00:00.000Z')) })
  const pool = t.app.pg.pool
  const programme = await createProgramme(pool, { minimumNoticeMinutes: 60 })
  const coachFixture = await createCoach(pool, programme)
  const [start] = await listSlotStarts(t.app, programme, '2026-03-04', '2026-03-05')
  const booked = await postBooking(t.app, bookingBody(programme, start!))
  if (booked.statusCode !== 201) throw new Error(`booking: ${booked.statusCode} ${booked.body}`)
  const manageToken = tokenOf(booked.json().manageUrl as string)

  const adminStaff = await createStaff(t.app, { role: 'admin' })
  const coachStaff = await createStaff(t.app, { role: 'coach' })
  const adminCookie = await startSession(t.app, adminStaff.id)
  const coachCookie = await startSession(t.app, coachStaff.id)
  const adminForm = await formSession(t.app, adminCookie)
  const coachForm = await formSession(t.app, coachCookie)
  const anonymousForm = await formSession(t.app)

  // The booking's coach signs in too, so coach routes reach a conversation of their own.
  await pool.query(`DELETE FROM coaches WHERE id = $1`, [coachStaff.coachId])
  await pool.query(`UPDATE coaches SET staff_user_id = $1 WHERE id = $2`, [coachStaff.id, coachFixture.id])

  const invited = await t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/invitations',
    headers: { cookie: adminCookie },
    payload: { programme: programme.slug, email: 'invited@example.com', name: 'Invited Person' },
  })
  if (invited.statusCode !== 201) throw new Error(`invitation: ${invited.statusCode} ${invited.body}`)

  const ids: Record<string, string[]> = {}
  for (const table of ['programmes', 'coaches', 'bookings', 'invitations', 'staff_users', 'email_deliveries', 'programme_resources', 'actions', 'coach_time_off', 'coach_date_overrides']) {
    const { rows } = await pool.query<{ id: string }>(`SELECT id::text FROM ${table} LIMIT 5`).catch(() => ({ rows: [] as { id: string }[] }))
    ids[table] = rows.map((row) => row.id)
  }

  // The queue through graphile-worker's public view: it has no payload column, but a job added or
  // replaced by key changes its id, revision or updated_at, which the view shows.
  const { rows: tables } = await pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE (table_type = 'BASE TABLE' AND table_schema = 'public') OR (table_schema = 'graphile_worker' AND table_name = 'jobs')
      ORDER BY 1, 2`,
  )
  const watched = tables.filter((table) => !RECORDS_OF_ATTEMPTS.has(table.name))
  const checksumSql = watched
    .map((table) => `SELECT '${table.name}' AS name, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS sum FROM "${table.schema}"."${table.name}" t`)
    .join(' UNION ALL ')

  return {
    ...t,
    admin: { cookie: adminForm.cookie, csrf: adminForm.csrfToken, id: adminStaff.id },
    coach: { cookie: coachForm.cookie, csrf: coachForm.csrfToken, id: coachStaff.id, coachId: coachFixture.id },
    anonymous: { cookie: anonymousForm.cookie, csrf: anonymousForm.csrfToken },
    manageToken,
    programmeSlug: programme.slug,
    ids,
    async checksum() {
      // Named, so PostgreSQL plans its sixty-odd scans once per connection rather than at every check (1 ms each time).
      const { rows } = await pool.query<{ name: string; sum: string }>({ name: 'fuzz-checksum', text: checksumSql })
      return new Map(rows.map((row) => [row.name, row.sum]))
    },
  }
}

// ---- values ----------------------------------------------------------------

const MEGABYTE = 'x'.repeat(1024 * 1024)

/** Text PostgreSQL cannot store, or that a careless program mishandles. */
export const nastyStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'name\u0000@example.com',
  'a\u0001b\u001fc\u007f',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDFFF',
  '😀 ünïcödé עברית 中文',
  '\u202Eevil',
  "' OR 1=1 --",
  "'; DROP TABLE bookings; --",
  '"><script>alert(1)</script>',
  '{{ 7*7 }}',
  '../../etc/passwd',
  '%00',
  'null',
  'true',
  '-1',
  '1e309',
  '99999999999999999999999',
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '275760-09-13T00:00:00Z',
  'Europe/Nowhere',
  'Etc/GMT+99',
  'UTC\u0000',
  randomUUID(),
  '00000000-0000-0000-0000-000000000000',
  'a'.repeat(5000),
]

export const nastyNumbers: number[] = [0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 2 ** 63, -(2 ** 63), 1e20, -1e20, 1.5, 1e308, -0.0001, Number.MAX_SAFE_INTEGER]

/** Any junk a client could send where one value goes. */
export function junkValue(depth = 2): fc.Arbitrary<unknown> {
  const leaves: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...nastyStrings),
    fc.constantFrom(...nastyNumbers),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constant(MEGABYTE),
  ]
  if (depth <= 0) return fc.oneof(...leaves)
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 6 },
    { arbitrary: fc.array(junkValue(depth - 1), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), junkValue(depth - 1), { maxKeys: 4 }), weight: 1 },
  )
}

/** Junk that fits in a query string, a path segment, a header or a form field: text. */
export function junkText(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...nastyStrings), weight: 10 },
    { arbitrary: fc.constantFrom(...nastyNumbers).map(String), weight: 8 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 4 },
    { arbitrary: fc.constant(MEGABYTE), weight: 1 },
  )
}

/** A surrogate without its other half: UTF-8 cannot carry it, so encodeURIComponent refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u

/**
 * Percent-encodes as a browser would; a lone surrogate (which UTF-8 cannot carry) as the three bytes some clients send
 * anyway. The text is encoded a run at a time between lone surrogates, not a character at a time: a 1 MB value
 * encoded character by character cost the fuzz files about 19 s of CPU a run.
 */
export function encodeLoosely(text: string): string {
  return text.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80')
}

/** A path segment: a real id sometimes, junk otherwise (encoded as a browser would). */
export function pathValue(real: string[]): fc.Arbitrary<string> {
  const junk = junkText().map((text) => encodeLoosely(text.slice(0, 2000)))
  return real.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 2 }, { arbitrary: junk, weight: 3 }) : junk
}

/** A random address for each request, so per-address limits do not turn the whole run into 429s. */
export const remoteAddress = fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(
  ([a, b, c]) => `10.${a}.${b}.${c}`,
)

// ---- checks ----------------------------------------------------------------

export interface Exchange {
  label: string
  response: LightMyRequestResponse
}

/**
 * The two promises every generated request must keep: no 5xx, and a refused
 * request (4xx) leaves every table as it was. An accepted one moves the
 * baseline on.
 */
export class Referee {
  private baseline = new Map<string, string>()
  readonly statuses = new Map<number, number>()
  constructor(private readonly world: FuzzWorld) {}

  async start(): Promise<void> {
    this.baseline = await this.world.checksum()
  }

  async judge({ label, response }: Exchange): Promise<void> {
    this.statuses.set(response.statusCode, (this.statuses.get(response.statusCode) ?? 0) + 1)
    // /readyz answers 503 by contract when a check fails (here: no worker runs in this process).
    const readinessAnswer = label.startsWith('GET /readyz') && response.statusCode === 503 && response.json().status === 'not_ready'
    if (response.statusCode >= 500 && !readinessAnswer) {
      throw new Error(`${label} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
    }
    const now = await this.world.checksum()
    const changed = [...now].filter(([table, sum]) => this.baseline.get(table) !== sum).map(([table]) => table)
    if (response.statusCode >= 400 && changed.length > 0) {
      throw new Error(`${label} was refused (${response.statusCode}) but changed the database: ${changed.join(', ')}`)
    }
    this.baseline = now
  }
}

export function describeRequest(method: string, url: string, payload: unknown): string {
  const shown = typeof payload === 'string' ? payload : JSON.stringify(payload)
  return `${method} ${url.slice(0, 300)} ${shown === undefined ? '' : shown.slice(0, 300)}`
}



export type { FastifyInstance }
