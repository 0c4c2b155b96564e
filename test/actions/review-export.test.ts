import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { listen } from '../support/browser.js'
import { buildTestApp, TestClock } from '../helper.js'
import { createStaff, startSession } from '../support/staff.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { EXPORT_COLUMNS, EXPORT_PAGE_SIZE } from '../../src/domain/actions/review-export.js'
import {
  COACH_ONLY_COMMENT,
  insertReviewAction,
  isOverdue,
  matching,
  REVIEW_NOW,
  SECRET_NOTE,
  seedReview,
  sortedBy,
  type ExpectedFilters,
  type ReviewSeed,
  type SeedAction,
  type SeedBooking,
} from './review-seed.js'

/**
 * GET /api/v1/admin/actions/export: the review as CSV. Every row checked
 * against the answer worked out here from the seeded rows (more than two
 * pages of the export's own, so it is walked by keyset), parsed back with a
 * CSV library and opened in LibreOffice; cells that a spreadsheet would run
 * as formulas made safe; each export audited with its filters and row count.
 */

const run = promisify(execFile)

let app: FastifyInstance
let seeded: ReviewSeed
let actions: SeedAction[]
let admin: string
let adminId: string
let coach: string
let tricky: SeedBooking
let work: string

/** Text a spreadsheet would take for a formula, or that needs quoting, or that is not ASCII. */
const TRICKY_SUMMARIES = ['=1+1', '+44 7700 900123', '-5 days', '@SUM(A1:A2)', '\tStarts with a tab', 'Two lines,\nwith "quotes"', 'Ünïcödé café — naïve 😀']
const HOSTILE_COMMENT = '=HYPERLINK("http://evil.example","Click")'

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool, { bookings: 40, seed: 99 })
  const adminStaff = await createStaff(app, { role: 'admin' })
  adminId = adminStaff.id
  admin = await startSession(app, adminId)
  coach = await startSession(app, (await createStaff(app, { role: 'coach' })).id)

  // A candidate whose name needs quoting and is not ASCII, with actions a spreadsheet could misread.
  const base = seeded.bookings[3]!
  const reference = generateBookingReference()
  const candidateName = 'Zoë "Jo" Łukasz, Jr'
  const { rows } = await app.pg.query<{ id: string }>(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone,
                           status, starts_at, ends_at, consent_notice_version, consent_acknowledged_at, created_at)
     VALUES ($1, $2, $3, $4, 'zoe@example.org', 'video', 'Europe/London', 'completed', '2026-02-02T10:00:00Z', '2026-02-02T10:45:00Z', 'test', now(), now())
     RETURNING id`,
    [reference, base.programme.id, base.coach.id, candidateName],
  )
  tricky = { ...base, id: rows[0]!.id, reference, candidateName, candidateEmail: 'zoe@example.org' }
  const extra: SeedAction[] = []
  for (const [i, summary] of TRICKY_SUMMARIES.entries()) {
    extra.push(
      await insertReviewAction(app.pg.pool, tricky, {
        summary,
        owner: 'candidate',
        category: 'other',
        status: 'in_progress',
        dueOn: `2026-05-${String(10 + i).padStart(2, '0')}`,
        createdAt: new Date('2026-04-01T09:00:00Z'),
        statusChangedAt: new Date('2026-04-02T09:00:00Z'),
        comments: [['candidate', new Date('2026-04-03T09:00:00Z'), HOSTILE_COMMENT]],
      }),
    )
  }

  // Enough more actions (without history, in one statement) for the export to take several pages.
  const { rows: bulk } = await app.pg.query<{ id: string; bookingId: string; summary: string; owner: string; category: string; status: string; dueOn: string; createdAt: Date }>(
    `WITH b AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM bookings WHERE id = ANY ($1::uuid[]))
     INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, updated_at)
     SELECT b.id, 100 + g, 'Bulk action ' || g,
            (ARRAY['candidate', 'coach', 'programme_team'])[1 + g % 3]::action_owner,
            DATE '2026-05-01' + (g % 61),
            (ARRAY['training_or_course', 'job_application', 'other'])[1 + g % 3]::action_category,
            (ARRAY['not_started', 'in_progress', 'done', 'no_longer_relevant'])[1 + g % 4]::action_status,
            TIMESTAMPTZ '2026-03-01T10:00:00Z' + make_interval(hours => g), TIMESTAMPTZ '2026-03-01T10:00:00Z' + make_interval(hours => g),
            TIMESTAMPTZ '2026-03-01T10:00:00Z' + make_interval(hours => g)
       FROM generate_series(1, 1100) g JOIN b ON b.n = g % $2
     RETURNING id, booking_id AS "bookingId", summary, owner, category, status, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", created_at AS "createdAt"`,
    [seeded.bookings.map((b) => b.id), seeded.bookings.length],
  )
  const bookings = new Map(seeded.bookings.map((b) => [b.id, b]))
  const bulkActions = bulk.map((row): SeedAction => {
    const booking = bookings.get(row.bookingId)!
    return {
      id: row.id,
      bookingId: row.bookingId,
      summary: row.summary,
      dueOn: row.dueOn,
      createdAt: row.createdAt,
      owner: row.owner as SeedAction['owner'],
      category: row.category as SeedAction['category'],
      status: row.status as SeedAction['status'],
      statusChangedAt: row.createdAt,
      candidateName: booking.candidateName,
      candidateEmail: booking.candidateEmail,
      reference: booking.reference,
      coachName: booking.coach.name,
      coachStaffUserId: booking.coach.staffUserId,
      coachId: booking.coach.id,
      programmeId: booking.programme.id,
      programmeSlug: booking.programme.slug,
      programmeName: booking.programme.name,
      latestCandidateComment: null,
    }
  })
  actions = [...seeded.actions, ...extra, ...bulkActions]
  work = await mkdtemp(path.join(tmpdir(), 'review-export-'))
}, 60_000)

afterAll(async () => {
  await app?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

const exportUrl = (params: Record<string, string> = {}) => `/api/v1/admin/actions/export?${new URLSearchParams(params).toString()}`

/** The file as the test expects it: the header, then a row per action, as written before any formula escaping. */
function expectedRows(expected: readonly SeedAction[]): string[][] {
  return expected.map((a) => [
    a.id,
    a.summary,
    a.category,
    a.owner,
    a.status,
    a.dueOn,
    String(isOverdue(a)),
    a.statusChangedAt.toISOString(),
    a.candidateName,
    a.reference,
    a.coachName,
    a.programmeSlug,
    a.latestCandidateComment ?? '',
  ])
}

/** What a spreadsheet must read: a cell that would start a formula has an apostrophe before it. */
const safe = (rows: string[][]) => rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)))

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][]

async function exportAudits() {
  const { rows } = await app.pg.query<{ actor: string; result: string; details: Record<string, unknown>; requestId: string }>(
    `SELECT actor, result, details, request_id AS "requestId" FROM audit_events WHERE action = 'actions.exported' ORDER BY id`,
  )
  return rows
}

describe('GET /api/v1/admin/actions/export', () => {
  it('streams every action as CSV with a BOM and one header row, page by page, and audits it', async () => {
    expect(actions.length).toBeGreaterThan(2 * EXPORT_PAGE_SIZE)
    // Count the page statements the export runs: each one short, each at most a page.
    const pool = app.pg.pool
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
    const pages: string[] = []
    pool.query = ((text: unknown, values?: unknown[]) => {
      // The page's statement is a named one (a query config), others plain text.
      const config = typeof text === 'object' && text !== null ? (text as { text: string; values?: unknown[] }) : { text: String(text), values }
      if (config.text.includes('LEFT JOIN LATERAL')) pages.push(config.text)
      return query(text, values)
    }) as typeof pool.query
    let response
    try {
      response = await app.inject({ url: exportUrl(), headers: { cookie: admin } })
    } finally {
      pool.query = query as typeof pool.query
    }
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe('attachment; filename="follow-up-actions-2026-06-01.csv"')
    const bytes = response.rawPayload
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual([...EXPORT_COLUMNS])
    expect(rows).toEqual(safe(expectedRows(sortedBy(actions, 'overdue'))))
    expect(pages).toHaveLength(Math.floor(actions.length / EXPORT_PAGE_SIZE) + 1)
    // The page's size is written into its statement (action-review.ts says why).
    expect(pages.every((text) => new RegExp(`LIMIT ${EXPORT_PAGE_SIZE}\\b`).test(text))).toBe(true)
    expect(text).not.toContain(SECRET_NOTE)
    expect(text).not.toContain(COACH_ONLY_COMMENT)

    const audits = await exportAudits()
    expect(audits.at(-1)).toEqual({
      actor: `staff:${adminId}`,
      result: 'success',
      details: { sort: 'overdue', rows: actions.length, complete: true },
      requestId: response.headers['x-request-id'],
    })
  })

  it.each<[string, ExpectedFilters & { sort?: string }]>([
    ['a programme, by candidate Z to A', { sort: '-candidate' }],
    ['overdue only, by coach', { overdue: true, sort: 'coach' }],
    ['a status and due dates, latest change first', { status: 'in_progress', dueFrom: '2026-05-10', dueTo: '2026-06-15', sort: '-statusSince' }],
    ['a search, an owner and a category', { q: 'ŁUKASZ', owner: 'candidate', category: 'other' }],
  ])('takes the review’s filters and sort: %s', async (_name, { sort, ...filters }) => {
    if (_name.startsWith('a programme')) filters.programme = seeded.programmes[1]!.slug
    const params: Record<string, string> = Object.fromEntries(Object.entries({ ...filters, sort }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
    const response = await app.inject({ url: exportUrl(params), headers: { cookie: admin } })
    expect(response.statusCode, response.body).toBe(200)
    const [, ...rows] = parseCsv(response.body)
    const expected = sortedBy(matching(actions, filters), sort ?? 'overdue')
    expect(expected.length).toBeGreaterThan(0)
    expect(rows).toEqual(safe(expectedRows(expected)))
    const audit = (await exportAudits()).at(-1)!
    expect(audit.details.rows).toBe(expected.length)
    // The filters, but never what was searched for (a name or an email address).
    if (filters.q) expect(audit.details).toMatchObject({ searched: true })
    expect(JSON.stringify(audit.details)).not.toMatch(/ukasz/i)
    if (filters.programme) expect(audit.details.programmeId).toBe(seeded.programmes[1]!.id)
    if (filters.status) expect(audit.details).toMatchObject({ status: filters.status, dueFrom: filters.dueFrom, dueTo: filters.dueTo })
  })

  it('streams the same CSV compressed to a client that asks, and audits it as complete', async () => {
    const plain = await app.inject({ url: exportUrl({ sort: 'coach' }), headers: { cookie: admin } })
    const packed = await app.inject({ url: exportUrl({ sort: 'coach' }), headers: { cookie: admin, 'accept-encoding': 'gzip' } })
    expect(packed.statusCode).toBe(200)
    expect(packed.headers['content-encoding']).toBe('gzip')
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2)
    expect(gunzipSync(packed.rawPayload).equals(plain.rawPayload)).toBe(true)
    expect((await exportAudits()).at(-1)).toMatchObject({ result: 'success', details: { rows: actions.length, complete: true } })
  })

  it('makes cells that would start a formula safe, and keeps quotes, commas, new lines and accents', async () => {
    const response = await app.inject({ url: exportUrl({ q: 'zoe@example' }), headers: { cookie: admin } })
    const [, ...rows] = parseCsv(response.body)
    expect(rows).toHaveLength(TRICKY_SUMMARIES.length)
    const summaries = rows.map((row) => row[1])
    expect(summaries).toEqual(["'=1+1", "'+44 7700 900123", "'-5 days", "'@SUM(A1:A2)", "'\tStarts with a tab", 'Two lines,\nwith "quotes"', 'Ünïcödé café — naïve 😀'])
    expect(rows.every((row) => row[8] === 'Zoë "Jo" Łukasz, Jr' && row[12] === `'${HOSTILE_COMMENT}`)).toBe(true)
    // In the file itself: quoted as RFC 4180 says.
    expect(response.body).toContain('"Zoë ""Jo"" Łukasz, Jr"')
  })

  it('opens in LibreOffice with every row, column and character as written, and no formula run', async () => {
    const response = await app.inject({ url: exportUrl({ programme: tricky.programme.slug }), headers: { cookie: admin } })
    const source = path.join(work, 'actions.csv')
    await writeFile(source, response.rawPayload)
    // A control: the same kind of cell left as it is, which LibreOffice does run as a formula.
    const control = path.join(work, 'control.csv')
    await writeFile(control, '\uFEFFA,B\r\nplain,"=1+1"\r\n')
    const out = path.join(work, 'out')
    // Read as UTF-8 CSV, as LibreOffice's import dialog offers for a file with a BOM; written back out as CSV from the spreadsheet it made.
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(work, 'profile')}`,
        '--headless',
        '--infilter=CSV:44,34,76,1',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        out,
        source,
        control,
      ],
      { timeout: 60_000 },
    )
    expect(parseCsv(await readFile(path.join(out, 'control.csv'), 'utf8'))).toEqual([['A', 'B'], ['plain', '2']])
    const read = parseCsv(await readFile(path.join(out, 'actions.csv'), 'utf8'))
    const expected = sortedBy(matching(actions, { programme: tricky.programme.slug }), 'overdue')
    expect(read).toHaveLength(expected.length + 1)
    expect(read[0]).toEqual([...EXPORT_COLUMNS])
    // The text columns exactly as the file has them (dates and true/false LibreOffice reads as its own types):
    // ids, summaries, names, references, coaches, programmes, comments; formula-like cells still text, apostrophe and all.
    const text = (rows: string[][]) => rows.map((row) => [row[0], row[1], row[8], row[9], row[10], row[11], row[12]])
    expect(text(read.slice(1))).toEqual(text(safe(expectedRows(expected))))
    expect(read.flat()).toContain("'=1+1")
    expect(read.flat()).toContain(`'${HOSTILE_COMMENT}`)
    expect(read.flat()).not.toContain('2')
    expect(read.flat()).not.toContain('Click')
  }, 90_000)

  it('audits an export the client stops reading as not complete', async () => {
    const baseUrl = await listen(app)
    const before = (await exportAudits()).length
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${baseUrl}${exportUrl({ sort: 'dueOn' })}`, { headers: { cookie: admin } }, (res) => {
        expect(res.statusCode).toBe(200)
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)))
      req.end()
    })
    // The stream ends on the server after the client has gone: wait for its audit entry.
    await expect.poll(async () => (await exportAudits()).length, { timeout: 10_000, interval: 20 }).toBe(before + 1)
    const audit = (await exportAudits()).at(-1)!
    // However far it got before the client went (loopback buffers may have taken it all), it is in the log once, saying so.
    expect(audit.details.rows).toBeLessThanOrEqual(actions.length)
    expect(audit.details.complete).toBe(audit.result === 'success')
    expect(audit.details.complete).toBe(audit.details.rows === actions.length)
  })

  it('refuses bad filters with a 400 naming them, before sending anything, and is for admins only', async () => {
    const bad = await app.inject({ url: exportUrl({ status: 'finished', dueFrom: '2026-13-01' }), headers: { cookie: admin } })
    expect(bad.statusCode).toBe(400)
    expect((bad.json().fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['querystring.dueFrom', 'querystring.status'])
    const unknown = await app.inject({ url: exportUrl({ programme: 'no-such-programme' }), headers: { cookie: admin } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields).toEqual([{ field: 'querystring.programme', message: expect.any(String) }])
    expect((await app.inject({ url: exportUrl() })).statusCode).toBe(401)
    expect((await app.inject({ url: exportUrl(), headers: { cookie: coach } })).statusCode).toBe(403)
  })
})
