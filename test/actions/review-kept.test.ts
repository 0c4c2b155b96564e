import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { createStaff, startSession } from '../support/staff.js'
import { insertReviewAction, REVIEW_NOW, seedReview, type ReviewSeed } from './review-seed.js'
import { summariseActionReview } from '../../src/domain/actions/review-service.js'

/**
 * The follow-up review's pages kept with the reports
 * (src/domain/actions/review-service.ts, src/domain/reports/report-cache.ts):
 * read once while nothing they show changes, for every admin, and read again
 * as soon as something does, or the day turns.
 */

let app: FastifyInstance
let clock: TestClock
let seeded: ReviewSeed
let admins: string[]
let adminIds: string[]

interface Row {
  id: string
  summary: string
  status: string
  overdue: boolean
}

beforeAll(async () => {
  ;({ app, clock } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool, { bookings: 8, seed: 5 })
  adminIds = [(await createStaff(app, { role: 'admin' })).id, (await createStaff(app, { role: 'admin' })).id]
  admins = await Promise.all(adminIds.map((id) => startSession(app, id)))
  // Notes complete for every booking, so the programme team may change the status of their actions.
  for (const booking of seeded.bookings) {
    await app.pg.query(
      `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, status, created_at, updated_at, completed_at)
       VALUES ($1, 'four-stage', 1, '{}', 1, 'complete', now(), now(), now())
       ON CONFLICT (booking_id) DO UPDATE SET status = 'complete', completed_at = now()`,
      [booking.id],
    )
  }
})

afterAll(async () => {
  await app?.close()
})

/** Every action of the review, on one page. */
async function review(cookie: string): Promise<Row[]> {
  const response = await app.inject({ url: '/api/v1/admin/actions?limit=200&sort=dueOn', headers: { cookie } })
  expect(response.statusCode, response.body).toBe(200)
  const body = response.json() as { actions: Row[]; nextCursor: string | null }
  expect(body.nextCursor).toBeNull()
  return body.actions
}

const rowOf = (rows: Row[], id: string) => rows.find((row) => row.id === id)

/** Kept once the listener is live (it connects as the app starts). */
async function keptReview(cookie: string): Promise<Row[]> {
  await expect.poll(async () => (await review(cookie)).length > 0 && app.reports.holdsAny()).toBe(true)
  return review(cookie)
}

/**
 * A change the running services are not told of: the triggers that send the
 * notices do not fire in this transaction. Only a kept page can hide it.
 */
async function changeUnheard(sql: string, values: unknown[]): Promise<void> {
  const client = await app.pg.pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SET LOCAL session_replication_role = replica')
    await client.query(sql, values)
    await client.query('COMMIT')
  } finally {
    client.release()
  }
}

describe('the follow-up review kept ready', () => {
  it('keeps a page while nothing changes, the same for every admin, and reads it again after the first change it hears of', async () => {
    const before = await keptReview(admins[0]!)
    const action = before[0]!
    await changeUnheard(`UPDATE actions SET summary = 'Changed without a notice' WHERE id = $1`, [action.id])
    // Another admin, the same query: the kept page.
    expect(rowOf(await review(admins[1]!), action.id)!.summary).toBe(action.summary)
    // Anything a page reads changing (a coach's account here) drops every kept page.
    await app.pg.query(`UPDATE staff_users SET name = name || ' ' WHERE id = (SELECT staff_user_id FROM coaches LIMIT 1)`)
    await expect.poll(async () => rowOf(await review(admins[1]!), action.id)!.summary).toBe('Changed without a notice')
  })

  it('shows an admin their own change on the next page at once, not when its notice arrives', async () => {
    const before = await keptReview(admins[0]!)
    const action = before.find((row) => row.status !== 'done')!
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/actions/bulk-status',
      payload: { actionIds: [action.id], status: 'done', comment: 'Done, said at the review' },
      headers: { cookie: admins[0]! },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().results).toEqual([{ actionId: action.id, changed: true }])
    expect(rowOf(await review(admins[0]!), action.id)!.status).toBe('done')
  })

  it('keeps the summary of the actions a query matches the same way', async () => {
    const summary = async () => (await summariseActionReview(app.deps, { owner: 'candidate' })).summary
    await expect.poll(async () => (await summary()).totals.total > 0 && app.reports.holdsAny()).toBe(true)
    const before = await summary()
    const { rows } = await app.pg.query<{ id: string }>(`SELECT id FROM actions WHERE owner = 'candidate' AND status <> 'done' LIMIT 1`)
    await changeUnheard(`UPDATE actions SET status = 'done' WHERE id = $1`, [rows[0]!.id])
    expect((await summary()).totals.done).toBe(before.totals.done)
    await app.pg.query(`UPDATE programmes SET name = name WHERE id = (SELECT id FROM programmes LIMIT 1)`)
    await expect.poll(async () => (await summary()).totals.done).toBe(before.totals.done + 1)
  })

  it('every table a page of the review reads tells the running services when it changes', async () => {
    const sources = await Promise.all(['src/repositories/action-review.ts', 'src/repositories/reports.ts'].map((file) => readFile(file, 'utf8')))
    const { rows: tables } = await app.pg.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
    const read = tables.map((t) => t.name).filter((name) => sources.some((source) => new RegExp(`\\b${name}\\b`).test(source)))
    for (const table of ['actions', 'action_status_changes', 'bookings', 'programmes', 'coaches', 'staff_users']) expect(read).toContain(table)
    const { rows: triggered } = await app.pg.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'report_data_changed'`,
    )
    expect(read.filter((name) => !triggered.some((t) => t.name === name))).toEqual([])
  })

  it('reads a page again when the day turns, within the minute a page is kept: "overdue" is measured against the day', async () => {
    // 23:59:30 in London (British Summer Time) on 1 June.
    clock.set('2026-06-01T22:59:30.000Z')
    // Signed in again: the sessions above have been idle since noon.
    admins = await Promise.all(adminIds.map((id) => startSession(app, id)))
    const due = await insertReviewAction(app.pg.pool, seeded.bookings[0]!, {
      summary: 'Send the application by the end of today',
      owner: 'candidate',
      category: 'job_application',
      status: 'not_started',
      dueOn: '2026-06-01',
      createdAt: new Date('2026-05-20T10:00:00.000Z'),
      statusChangedAt: new Date('2026-05-20T10:00:00.000Z'),
    })
    await expect.poll(async () => rowOf(await keptReview(admins[0]!), due.id)?.overdue).toBe(false)
    clock.advance(45_000)
    expect(rowOf(await review(admins[1]!), due.id)!.overdue).toBe(true)
  })
})
