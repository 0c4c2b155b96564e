import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { afterEachStatement } from '../support/statements.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { encodeReviewCursor, REVIEW_SORTS } from '../../src/domain/actions/review.js'
import {
  COACH_ONLY_COMMENT,
  insertReviewAction,
  isOverdue,
  matching,
  randomActionFields,
  randomFrom,
  REVIEW_NOW,
  REVIEW_TODAY,
  SECRET_NOTE,
  seedReview,
  sortedBy,
  type ExpectedFilters,
  type ReviewSeed,
  type SeedAction,
} from './review-seed.js'

/**
 * GET /api/v1/admin/actions (the follow-up review): every
 * filter and sort checked against the answer worked out in the test from the
 * seeded rows, keyset pages walked to the end (also while actions are being
 * added), and 400 for each bad input.
 */

let app: FastifyInstance
let clock: TestClock
let seeded: ReviewSeed
let admin: string
let coach: string

beforeAll(async () => {
  ;({ app, clock } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool)
  ;({ admin, coach } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

interface Row {
  id: string
  bookingId: string
  summary: string
  owner: string
  category: string
  status: string
  dueOn: string
  overdue: boolean
  statusSince: string
  candidate: { name: string }
  coach: { name: string }
  programme: { slug: string; name: string }
  bookingReference: string
  latestCandidateComment: string | null
}

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value))
  return search.toString()
}

const list = (params: Record<string, string | number | boolean | undefined> = {}, cookie: string | null = admin) =>
  app.inject({ url: `/api/v1/admin/actions?${query(params)}`, headers: cookie ? { cookie } : {} })

/** Every page, following nextCursor to the end; the ids in the order given. */
async function walk(params: Record<string, string | number | boolean | undefined>, between?: (page: number) => Promise<unknown>) {
  const ids: string[] = []
  let cursor = params.cursor as string | undefined
  for (let page = 0; page < 500; page++) {
    const [response] = await Promise.all([list({ ...params, cursor }), between?.(page)])
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json() as { actions: Row[]; nextCursor: string | null; previousCursor: string | null }
    expect(body.actions.length).toBeLessThanOrEqual(Number(params.limit ?? 50))
    ids.push(...body.actions.map((a) => a.id))
    if (body.nextCursor === null) return ids
    cursor = body.nextCursor
  }
  throw new Error('the walk did not end')
}

const idsOf = (actions: readonly SeedAction[]) => actions.map((a) => a.id)

describe('GET /api/v1/admin/actions', () => {
  it('has a dataset that exercises every filter and sort', () => {
    const actions = seeded.actions
    expect(actions.length).toBeGreaterThan(200)
    expect(actions.filter((a) => isOverdue(a)).length).toBeGreaterThan(20)
    expect(new Set(actions.map((a) => a.dueOn)).size).toBeLessThan(15) // many share a due date
    expect(actions.some((a) => a.latestCandidateComment !== null)).toBe(true)
    expect(new Set(actions.map((a) => a.candidateName)).size).toBeLessThan(seeded.bookings.length) // candidates share names
  })

  it('answers the first page of 50, overdue first, each row as the contract says', async () => {
    const response = await list()
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    const expected = sortedBy(seeded.actions, 'overdue').slice(0, 50)
    expect(body.actions.map((a: Row) => a.id)).toEqual(idsOf(expected))
    expect(body.previousCursor).toBeNull()
    expect(typeof body.nextCursor).toBe('string')
    const first = expected[0]!
    expect(body.actions[0]).toEqual({
      id: first.id,
      bookingId: first.bookingId,
      summary: first.summary,
      owner: first.owner,
      category: first.category,
      status: first.status,
      dueOn: first.dueOn,
      overdue: true,
      statusSince: first.statusChangedAt.toISOString(),
      candidate: { name: first.candidateName },
      coach: { name: first.coachName },
      programme: { slug: first.programmeSlug, name: first.programmeName },
      bookingReference: first.reference,
      latestCandidateComment: first.latestCandidateComment,
    })
  })

  it("shows each action's latest comment from its candidate, never a coach's, and nothing of the notes", async () => {
    const ids = new Map(seeded.actions.map((a) => [a.id, a]))
    const body = (await list({ limit: 200, sort: 'dueOn' })).body
    for (const row of JSON.parse(body).actions as Row[]) {
      expect(row.latestCandidateComment).toBe(ids.get(row.id)!.latestCandidateComment)
    }
    const all = await walk({ limit: 200 })
    expect(all).toHaveLength(seeded.actions.length)
    expect(body).not.toContain(COACH_ONLY_COMMENT)
    expect(body).not.toContain(SECRET_NOTE)
  })

  it.each(REVIEW_SORTS)('walks sort=%s to the end, in order, each action once', async (sort) => {
    const ids = await walk({ sort, limit: 17 })
    expect(ids).toEqual(idsOf(sortedBy(seeded.actions, sort)))
  })

  it('takes the programme by id or slug', async () => {
    const [programme] = seeded.programmes
    const expected = idsOf(sortedBy(matching(seeded.actions, { programme: programme!.id }), 'dueOn'))
    expect(await walk({ programme: programme!.id, sort: 'dueOn', limit: 200 })).toEqual(expected)
    expect(await walk({ programme: programme!.slug, sort: 'dueOn', limit: 200 })).toEqual(expected)
  })

  const filterCases = (): [string, ExpectedFilters][] => [
    ['coach', { coach: seeded.coaches[2]!.id }],
    ['owner', { owner: 'programme_team' }],
    ['category', { category: 'qualification' }],
    ['status', { status: 'in_progress' }],
    ['overdue', { overdue: true }],
    ['not overdue', { overdue: false }],
    ['due between', { dueFrom: '2026-05-02', dueTo: '2026-06-01' }],
    ['due from', { dueFrom: '2026-06-02' }],
    ['agreed between', { agreedFrom: '2026-03-01', agreedTo: '2026-04-15' }],
    ['agreed to', { agreedTo: '2026-02-20' }],
    ['search by name, any case', { q: 'HANNAH' }],
    ['search by last name', { q: 'rossi' }],
    ['search by email', { q: '.smith.1' }],
    ['search by booking reference', { q: seeded.bookings[7]!.reference.slice(0, 7).toLowerCase() }],
    ['search for nobody', { q: 'zz%_\\' }],
    ['everything at once', { programme: seeded.programmes[0]!.slug, owner: 'candidate', overdue: false, dueFrom: '2026-04-01', q: 'ann' }],
    ['coach and search', { coach: seeded.coaches[0]!.id, q: 'Patel' }],
  ]

  it.each([['dueOn'], ['-status'], ['coach'], ['-candidate'], ['statusSince'], ['overdue'], ['-overdue']])(
    'applies every filter, sorted by %s',
    async (sort) => {
      for (const [name, filters] of filterCases()) {
        const expected = idsOf(sortedBy(matching(seeded.actions, filters), sort))
        const ids = await walk({ ...filters, sort, limit: 40 })
        expect(ids, `${name}: ${JSON.stringify(filters)}`).toEqual(expected)
      }
    },
  )

  it("leaves out a coach's booking that goes to another coach between picking their bookings and reading the page", async () => {
    const [from, to] = [seeded.coaches[1]!, seeded.coaches[2]!]
    const moving = matching(seeded.actions, { coach: from.id })[0]!
    let moved = false
    const stop = afterEachStatement(app.pg.pool, async (sql) => {
      // Just after the coach's bookings are picked, before the page is read (from another connection).
      if (!moved && sql.includes('FROM bookings b WHERE b.coach_id = $1')) {
        moved = true
        await app.pg.query('UPDATE bookings SET coach_id = $2 WHERE id = $1', [moving.bookingId, to.id])
      }
    })
    try {
      const response = await list({ coach: from.id, limit: 200 })
      expect(moved).toBe(true)
      const ids = (response.json() as { actions: Row[] }).actions.map((a) => a.id)
      const stillTheirs = seeded.actions.filter((a) => a.coachId === from.id && a.bookingId !== moving.bookingId)
      expect(ids).toEqual(idsOf(sortedBy(stillTheirs, 'overdue')))
      expect(ids).not.toContain(moving.id)
    } finally {
      stop()
      await app.pg.query('UPDATE bookings SET coach_id = $2 WHERE id = $1', [moving.bookingId, from.id])
    }
  })

  it('counts an action agreed at midnight UK time on that date', async () => {
    const atMidnight = seeded.actions.find((a) => a.createdAt.toISOString().endsWith('T23:00:00.000Z') || a.createdAt.toISOString().endsWith('T00:00:00.000Z'))
    expect(atMidnight).toBeDefined()
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(atMidnight!.createdAt)
    const ids = await walk({ agreedFrom: date, agreedTo: date, limit: 200 })
    expect(ids).toContain(atMidnight!.id)
    expect(ids).toEqual(idsOf(sortedBy(matching(seeded.actions, { agreedFrom: date, agreedTo: date }), 'overdue')))
  })

  it('goes back a page with previousCursor, and forward again with nextCursor', async () => {
    const expected = idsOf(sortedBy(seeded.actions, 'candidate'))
    const first = (await list({ sort: 'candidate', limit: 20 })).json()
    const second = (await list({ sort: 'candidate', limit: 20, cursor: first.nextCursor })).json()
    const third = (await list({ sort: 'candidate', limit: 20, cursor: second.nextCursor })).json()
    expect(third.actions.map((a: Row) => a.id)).toEqual(expected.slice(40, 60))
    const back = (await list({ sort: 'candidate', limit: 20, cursor: third.previousCursor })).json()
    expect(back.actions.map((a: Row) => a.id)).toEqual(expected.slice(20, 40))
    const backAgain = (await list({ sort: 'candidate', limit: 20, cursor: back.previousCursor })).json()
    expect(backAgain.actions.map((a: Row) => a.id)).toEqual(expected.slice(0, 20))
    expect(backAgain.previousCursor).toBeNull()
    const forward = (await list({ sort: 'candidate', limit: 20, cursor: back.nextCursor })).json()
    expect(forward.actions.map((a: Row) => a.id)).toEqual(expected.slice(40, 60))
  })

  it('keeps "overdue" to the day the walk began, across midnight', async () => {
    const first = (await list({ overdue: true, limit: 5, sort: 'dueOn' })).json()
    clock.set('2026-06-02T12:00:00.000Z')
    try {
      // A day on, the session of the day before has lapsed: a fresh one.
      ;({ admin, coach } = await adminAndCoachSessions(app))
      const rest = await walk({ overdue: true, limit: 200, sort: 'dueOn', cursor: first.nextCursor })
      expect([...first.actions.map((a: Row) => a.id), ...rest]).toEqual(idsOf(sortedBy(matching(seeded.actions, { overdue: true }), 'dueOn')))
      // A new walk measures "overdue" against the new day: actions due on 1 June are overdue now.
      const fresh = await walk({ overdue: true, limit: 200, sort: 'dueOn' })
      expect(fresh).toEqual(idsOf(sortedBy(matching(seeded.actions, { overdue: true }).concat(
        seeded.actions.filter((a) => a.dueOn === REVIEW_TODAY && (a.status === 'not_started' || a.status === 'in_progress'))), 'dueOn')))
    } finally {
      clock.set(REVIEW_NOW)
      ;({ admin, coach } = await adminAndCoachSessions(app))
    }
  })

  it.each([
    ['sort', { sort: 'dueDate' }],
    ['sort', { sort: 'summary' }],
    ['status', { status: 'finished' }],
    ['owner', { owner: 'everyone' }],
    ['category', { category: 'sport' }],
    ['overdue', { overdue: 'maybe' }],
    ['limit', { limit: 0 }],
    ['limit', { limit: 201 }],
    ['limit', { limit: 'ten' }],
    ['dueFrom', { dueFrom: '2026-02-30' }],
    ['dueTo', { dueTo: 'soon' }],
    ['agreedFrom', { agreedFrom: '1/3/2026' }],
    ['dueTo', { dueFrom: '2026-03-01', dueTo: '2026-02-01' }],
    ['agreedTo', { agreedFrom: '2026-03-01', agreedTo: '2026-02-01' }],
    ['q', { q: 'x'.repeat(101) }],
    ['q', { q: 'CV' }],
    ['coach', { coach: 'not-a-coach' }],
    ['coach', { coach: '00000000-0000-4000-8000-000000000000' }],
    ['programme', { programme: 'no-such-programme' }],
    ['cursor', { cursor: 'not a cursor!' }],
    ['cursor', { cursor: 'bm90LWpzb24' }],
    ['cursor', { cursor: Buffer.from(JSON.stringify({ v: 1, s: 'dueOn', t: REVIEW_TODAY, k: ["2026-01-01'; DROP TABLE actions; --", 'x'] })).toString('base64url') }],
    ['cursor', { cursor: encodeReviewCursor({ sort: 'coach', today: REVIEW_TODAY, key: ['Zoe Evans', '00000000-0000-4000-8000-000000000000', '2026-01-01', '00000000-0000-4000-8000-000000000000'], direction: 'after' }) }],
  ] as [string, Record<string, string | number>][])('refuses a bad %s with 400, the field and the reason: %j', async (field, params) => {
    const response = await list(params)
    expect(response.statusCode, response.body).toBe(400)
    const body = response.json()
    expect(body.error).toBe('validation_failed')
    expect(body.requestId).toEqual(expect.any(String))
    const problem = (body.fields as { field: string; message: string }[]).find((f) => f.field === `querystring.${field}`)
    expect(problem, JSON.stringify(body.fields)).toBeDefined()
    expect(problem!.message.length).toBeGreaterThan(5)
  })

  it('says a cursor from another sort belongs to it', async () => {
    const { nextCursor } = (await list({ sort: 'coach', limit: 5 })).json()
    const response = await list({ sort: '-coach', cursor: nextCursor })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([
      { field: 'querystring.cursor', message: 'This cursor belongs to another sort order: start again from the first page with this sort' },
    ])
  })

  it('is for admins only: 401 signed out, 403 for a coach', async () => {
    expect((await list({}, null)).statusCode).toBe(401)
    expect((await list({}, coach)).statusCode).toBe(403)
    expect((await list({}, admin)).statusCode).toBe(200)
  })

  it('is in the OpenAPI document with its operationId, security, query and answers', async () => {
    const document = (await app.inject({ url: '/docs/json' })).json()
    const operation = document.paths['/api/v1/admin/actions'].get
    expect(operation.operationId).toBe('listAdminActions')
    expect(operation.security).toEqual([{ session: [] }, { apiToken: ['actions:read'] }])
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403'])
    const parameters = (operation.parameters as { name: string }[]).map((p) => p.name).sort()
    expect(parameters).toEqual(
      ['agreedFrom', 'agreedTo', 'category', 'coach', 'cursor', 'dueFrom', 'dueTo', 'limit', 'overdue', 'owner', 'programme', 'q', 'sort', 'status'].sort(),
    )
    expect(document.paths['/api/v1/reports/programme'].get.operationId).toBe('getProgrammeReport')
  })
})

describe('keyset pages while actions are added', () => {
  it.each([['dueOn'], ['-coach'], ['candidate'], ['-statusSince'], ['overdue']])(
    'walks sort=%s to the end, missing and repeating nothing, while actions are added between and during the pages',
    async (sort) => {
      const before = matching(seeded.actions, {})
      const random = randomFrom(sort.length * 7919)
      const added: SeedAction[] = []
      // Before each page is read, and while it is read, add actions anywhere in the order.
      const addSome = async () => {
        for (let i = 0; i < 3; i++) {
          const booking = random.pick(seeded.bookings)
          added.push(await insertReviewAction(app.pg.pool, booking, randomActionFields(random, 10_000 + added.length)))
        }
      }
      const ids = await walk({ sort, limit: 25 }, addSome)
      expect(new Set(ids).size).toBe(ids.length) // nothing twice
      const seen = new Set(ids)
      expect(before.filter((a) => !seen.has(a.id)).map((a) => a.id)).toEqual([]) // nothing that was there all along missed
      const known = new Map([...seeded.actions, ...added].map((a) => [a.id, a]))
      expect(ids.every((id) => known.has(id))).toBe(true)
      // And in order, the added ones among them.
      expect(ids).toEqual(idsOf(sortedBy(ids.map((id) => known.get(id)!), sort)))
      expect(added.length).toBeGreaterThan(20)
      seeded.actions.push(...added)
    },
  )
})

describe('GET /api/v1/admin/actions, searching for a name hundreds of bookings share', () => {
  let broad: FastifyInstance
  let broadSeed: ReviewSeed
  let broadAdmin: string

  beforeAll(async () => {
    ;({ app: broad } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
    broadSeed = await seedReview(broad.pg.pool)
    ;({ admin: broadAdmin } = await adminAndCoachSessions(broad))
    // 320 more Hannahs, long past, with no actions: the search picks too many bookings to go through them.
    const { programmes, coaches } = broadSeed
    await broad.pg.query(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone,
                             status, starts_at, ends_at, consent_notice_version, consent_acknowledged_at, created_at)
       SELECT 'CC-H' || translate(lpad(n::text, 5, '0'), '0123456789', '23456789AB'), $1, $2, 'Hannah Many ' || n, 'hannah.many.' || n || '@example.org', 'video', 'Europe/London',
              'completed', timestamptz '2025-01-06T09:00:00Z' + n * interval '1 hour', timestamptz '2025-01-06T09:45:00Z' + n * interval '1 hour',
              'test', now(), now()
         FROM generate_series(1, 320) AS n`,
      [programmes[0]!.id, coaches[0]!.id],
    )
  })
  afterAll(async () => {
    await broad?.close()
  })

  it('finds the same actions, and runs the search once for the whole walk rather than at every page', async () => {
    let searches = 0
    const stop = afterEachStatement(broad.pg.pool, (sql) => {
      if (sql.includes('review_search_bookings')) searches++
    })
    const ids: string[] = []
    let pages = 0
    try {
      let cursor: string | null | undefined
      do {
        const response = await broad.inject({ url: `/api/v1/admin/actions?${query({ q: 'hannah', limit: 5, cursor: cursor ?? undefined })}`, headers: { cookie: broadAdmin } })
        expect(response.statusCode, response.body).toBe(200)
        const body = response.json() as { actions: Row[]; nextCursor: string | null }
        ids.push(...body.actions.map((a) => a.id))
        cursor = body.nextCursor
        pages++
      } while (cursor)
    } finally {
      stop()
    }
    expect(ids).toEqual(idsOf(sortedBy(matching(broadSeed.actions, { q: 'hannah' }), 'overdue')))
    expect(pages).toBeGreaterThan(2)
    expect(searches).toBe(1)
  })
})
