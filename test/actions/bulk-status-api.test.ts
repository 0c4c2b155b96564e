import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { createStaff, startSession } from '../support/staff.js'
import { BULK_STATUS_LIMIT } from '../../src/domain/actions/bulk-status.js'
import { REVIEW_NOW, seedReview, type ReviewSeed, type SeedAction } from './review-seed.js'

/**
 * POST /api/v1/admin/actions/bulk-status: the programme team sets many
 * actions' status at once with a comment. Each action is answered on its own
 * (changed, or why not), each change is in the action's history as the
 * programme team's (naming the admin) and has its own audit entry.
 */

let app: FastifyInstance
let seeded: ReviewSeed
let admin: string
let adminId: string
let coach: string
/** Bookings whose notes are still a draft: their actions are changed on the notes form. */
let draftBookings: Set<string>

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool, { bookings: 24, seed: 7 })
  const adminStaff = await createStaff(app, { role: 'admin' })
  adminId = adminStaff.id
  admin = await startSession(app, adminStaff.id)
  coach = await startSession(app, (await createStaff(app, { role: 'coach' })).id)
  // Notes complete for every booking but the first two (the first already has draft notes).
  draftBookings = new Set([seeded.bookings[0]!.id, seeded.bookings[1]!.id])
  for (const booking of seeded.bookings.slice(2)) {
    await app.pg.query(
      `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, status, created_at, updated_at, completed_at)
       VALUES ($1, 'four-stage', 1, '{}', 1, 'complete', now(), now(), now())`,
      [booking.id],
    )
  }
})

afterAll(async () => {
  await app?.close()
})

const bulk = (payload: unknown, cookie: string | null = admin) =>
  app.inject({ method: 'POST', url: '/api/v1/admin/actions/bulk-status', payload: payload as object, headers: cookie ? { cookie } : {} })

async function statusOf(id: string) {
  const { rows } = await app.pg.query<{ status: string; changedAt: Date }>(
    'SELECT status, status_changed_at AS "changedAt" FROM actions WHERE id = $1',
    [id],
  )
  return rows[0]
}

const auditEntries = async (requestId: string) =>
  (
    await app.pg.query<{ actor: string; action: string; subjectId: string; details: Record<string, unknown> }>(
      `SELECT actor, action, subject_id AS "subjectId", details FROM audit_events WHERE request_id = $1 ORDER BY id`,
      [requestId],
    )
  ).rows

describe('POST /api/v1/admin/actions/bulk-status', () => {
  it('changes each action it can, says why not for the rest, and records the programme team and the admin', async () => {
    const open = (a: SeedAction) => !draftBookings.has(a.bookingId) && a.status !== 'done'
    const toChange = seeded.actions.filter(open).slice(0, 6)
    const alreadyDone = seeded.actions.find((a) => !draftBookings.has(a.bookingId) && a.status === 'done')!
    const inDraft = seeded.actions.find((a) => draftBookings.has(a.bookingId))!
    const missing = randomUUID()
    expect(toChange).toHaveLength(6)
    const ids = [toChange[0]!.id, alreadyDone.id, inDraft.id, missing, ...toChange.slice(1).map((a) => a.id), toChange[0]!.id.toUpperCase()]

    const response = await bulk({ actionIds: ids, status: 'done', comment: 'Closed at the programme review' })
    expect(response.statusCode, response.body).toBe(200)
    // One answer per action, in the order given, the repeated one once.
    expect(response.json().results).toEqual([
      { actionId: toChange[0]!.id, changed: true },
      { actionId: alreadyDone.id, changed: false, reason: 'already_in_status' },
      { actionId: inDraft.id, changed: false, reason: 'notes_not_complete' },
      { actionId: missing, changed: false, reason: 'not_found' },
      ...toChange.slice(1).map((a) => ({ actionId: a.id, changed: true })),
    ])

    for (const action of toChange) {
      const now = await statusOf(action.id)
      expect(now).toEqual({ status: 'done', changedAt: new Date(REVIEW_NOW) })
      const { rows: history } = await app.pg.query(
        `SELECT from_status AS "from", to_status AS "to", actor, actor_staff_user_id AS "by", comment FROM action_status_changes
          WHERE action_id = $1 AND changed_at = $2`,
        [action.id, REVIEW_NOW],
      )
      expect(history).toEqual([{ from: action.status, to: 'done', actor: 'admin', by: adminId, comment: 'Closed at the programme review' }])
    }
    // Unchanged: the one already done, and the one whose notes are a draft.
    expect((await statusOf(alreadyDone.id))!.changedAt).toEqual(alreadyDone.statusChangedAt)
    expect((await statusOf(inDraft.id))!.status).toBe(inDraft.status)

    // One audit entry per action changed, by this admin, naming the action (never the comment).
    const entries = await auditEntries(response.headers['x-request-id'] as string)
    expect(entries).toHaveLength(toChange.length)
    expect(entries.map((e) => e.details.actionId).sort()).toEqual(toChange.map((a) => a.id).sort())
    for (const entry of entries) {
      const action = toChange.find((a) => a.id === entry.details.actionId)!
      expect(entry).toEqual({
        actor: `staff:${adminId}`,
        action: 'actions.status_changed',
        subjectId: action.bookingId,
        details: { actionId: action.id, from: action.status, to: 'done', via: 'bulk' },
      })
    }

    // The review shows the new status, changed just now.
    const review = await app.inject({ url: `/api/v1/admin/actions?status=done&limit=200`, headers: { cookie: admin } })
    expect(review.json().nextCursor).toBeNull()
    const changedNow = (review.json().actions as { id: string; statusSince: string }[]).filter((a) => a.statusSince === REVIEW_NOW)
    expect(changedNow.map((a) => a.id).sort()).toEqual(toChange.map((a) => a.id).sort())
  })

  it('lets two bulk changes over the same actions meet without a deadlock: each action changes once', async () => {
    const actions = seeded.actions.filter((a) => !draftBookings.has(a.bookingId) && a.status === 'not_started').slice(0, 8)
    expect(actions.length).toBeGreaterThan(3)
    const forwards = actions.map((a) => a.id)
    const [one, two] = await Promise.all([
      bulk({ actionIds: forwards, status: 'in_progress', comment: 'First' }),
      bulk({ actionIds: [...forwards].reverse(), status: 'in_progress', comment: 'Second' }),
    ])
    expect(one.statusCode).toBe(200)
    expect(two.statusCode).toBe(200)
    const results = [...one.json().results, ...two.json().results] as { actionId: string; changed: boolean; reason?: string }[]
    for (const action of actions) {
      const answers = results.filter((r) => r.actionId === action.id)
      expect(answers.filter((r) => r.changed)).toHaveLength(1)
      expect(answers.filter((r) => r.reason === 'already_in_status')).toHaveLength(1)
    }
    const { rows } = await app.pg.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM action_status_changes WHERE action_id = ANY ($1::uuid[]) AND to_status = 'in_progress' AND actor = 'admin'`,
      [forwards],
    )
    expect(rows[0]!.count).toBe(actions.length)
  })

  it('refuses what is not a bulk change, naming the field', async () => {
    const id = seeded.actions[5]!.id
    const fieldsOf = async (payload: unknown) => {
      const response = await bulk(payload)
      expect(response.statusCode, response.body).toBe(400)
      return (response.json().fields as { field: string }[]).map((f) => f.field)
    }
    expect(await fieldsOf({ actionIds: [], status: 'done', comment: 'x' })).toContain('body.actionIds')
    expect(await fieldsOf({ actionIds: ['not-an-id'], status: 'done', comment: 'x' })).toContain('body.actionIds.0')
    const tooMany = Array.from({ length: BULK_STATUS_LIMIT + 1 }, () => randomUUID())
    expect(await fieldsOf({ actionIds: tooMany, status: 'done', comment: 'x' })).toContain('body.actionIds')
    expect(await fieldsOf({ actionIds: [id], status: 'finished', comment: 'x' })).toContain('body.status')
    expect(await fieldsOf({ actionIds: [id], status: 'done' })).toContain('body.comment')
    expect(await fieldsOf({ actionIds: [id], status: 'done', comment: '   ' })).toEqual(['body.comment'])
    expect(await fieldsOf({ actionIds: [id], status: 'done', comment: 'x'.repeat(501) })).toContain('body.comment')
  })

  it('is for admins only', async () => {
    const payload = { actionIds: [seeded.actions[0]!.id], status: 'done', comment: 'x' }
    expect((await bulk(payload, null)).statusCode).toBe(401)
    expect((await bulk(payload, coach)).statusCode).toBe(403)
  })
})

describe('the OpenAPI document', () => {
  it('describes the review’s routes, their filters and sorts, the bulk change and the exports, each with its answers', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; schema?: { enum?: string[] } }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }>>
    }
    const filters = ['programme', 'coach', 'owner', 'category', 'status', 'overdue', 'dueFrom', 'dueTo', 'agreedFrom', 'agreedTo', 'q', 'sort']
    const list = doc.paths['/api/v1/admin/actions']!.get!
    expect(list.parameters!.map((p) => p.name)).toEqual([...filters, 'cursor', 'limit'])
    expect(list.parameters!.find((p) => p.name === 'sort')!.schema!.enum).toEqual(
      ['overdue', 'dueOn', 'status', 'coach', 'candidate', 'statusSince'].flatMap((s) => [s, `-${s}`]),
    )
    const exported = doc.paths['/api/v1/admin/actions/export']!.get!
    expect(exported.operationId).toBe('exportAdminActions')
    expect(exported.parameters!.map((p) => p.name)).toEqual(filters)
    expect(Object.keys(exported.responses['200']!.content!)).toEqual(['text/csv'])
    const bulkOperation = doc.paths['/api/v1/admin/actions/bulk-status']!.post!
    expect(bulkOperation.operationId).toBe('bulkChangeAdminActionStatus')
    expect(JSON.stringify(bulkOperation.requestBody)).toContain('actionIds')
    expect(JSON.stringify(bulkOperation.responses['200'])).toContain('already_in_status')
    const report = doc.paths['/api/v1/reports/programme/export']!.get!
    expect(report.operationId).toBe('exportProgrammeReport')
    expect(Object.keys(report.responses['200']!.content!)).toEqual(['text/csv'])
    for (const operation of [list, exported, bulkOperation, report]) expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403'])
  })
})
