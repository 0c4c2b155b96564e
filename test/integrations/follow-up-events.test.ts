import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp } from '../helper.js'
import { asCandidate, asStaff, callInProgress, draftNotesWithAction, signedIn } from '../notes/notes-fixtures.js'

/**
 * Follow-up events in the feed: an action agreed, its status
 * changed (by the coach or the candidate), the notes completed; with ids,
 * status and dates only, never the action's wording or the notes.
 */
describe('follow-up events', () => {
  let app: FastifyInstance
  const clock = new TestClock()

  beforeAll(async () => {
    ;({ app } = await buildTestApp({ clock }))
  })
  afterAll(async () => {
    await app?.close()
  })

  it('tells of an action agreed, the notes completed, and each status change, in order', async () => {
    const { coach, conversation } = await callInProgress({ app, clock })
    const admin = await signedIn(app, 'admin')
    const start = (await asStaff(app, admin.cookie, 'GET', '/api/v1/events?limit=500')).json().nextCursor as string

    const actionId = await draftNotesWithAction(app, coach, conversation.id, { action: { summary: 'Book the maths course at the college', owner: 'candidate' } })
    const done = await asStaff(app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/complete`, { version: 1 })
    expect(done.statusCode, done.body).toBe(200)
    const changed = await asCandidate(app, conversation.token, 'POST', `/api/v1/bookings/${conversation.id}/actions/${actionId}/status`, { status: 'in_progress' })
    expect(changed.statusCode, changed.body).toBe(200)

    const feed = await asStaff(app, admin.cookie, 'GET', `/api/v1/events?after=${start}`)
    const events = feed.json().events as { type: string; data: Record<string, unknown> }[]
    expect(events.map((event) => event.type)).toEqual(['action.created', 'conversation.completed', 'action.status_changed'])
    expect(events[0]!.data).toEqual({
      actionId,
      bookingId: conversation.id,
      owner: 'candidate',
      category: expect.any(String),
      dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      status: 'not_started',
      previousStatus: null,
      changedBy: 'coach',
    })
    expect(events[1]!.data).toMatchObject({ bookingId: conversation.id, actionCount: 1 })
    expect(events[2]!.data).toMatchObject({ actionId, status: 'in_progress', previousStatus: 'not_started', changedBy: 'candidate' })
    expect(JSON.stringify(events)).not.toMatch(/maths course|nursing/i)
  })
})
