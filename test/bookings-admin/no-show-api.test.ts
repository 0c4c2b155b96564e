import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp } from '../helper.js'
import { asStaff, callInProgress } from '../notes/notes-fixtures.js'

/** "Did not attend" through the API takes the same reasons as the coach's page, and says which was recorded. */
describe('POST /api/v1/bookings/:id/outcome with a reason', () => {
  let app: FastifyInstance
  const clock = new TestClock()
  beforeAll(async () => {
    ;({ app } = await buildTestApp({ clock }))
  })
  afterAll(async () => {
    await app?.close()
  })

  it('records why they did not attend, refuses a reason it does not know, and keeps none for other outcomes', async () => {
    const { coach, conversation } = await callInProgress({ app, clock })
    const url = `/api/v1/bookings/${conversation.id}/outcome`
    const unknown = await asStaff(app, coach.cookie, 'POST', url, { outcome: 'no_show', noShowReason: 'the weather' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields.map((problem: { field: string }) => problem.field)).toEqual(['noShowReason'])
    const recorded = await asStaff(app, coach.cookie, 'POST', url, { outcome: 'no_show', noShowReason: 'work' })
    expect(recorded.statusCode, recorded.body).toBe(200)
    expect(recorded.json()).toMatchObject({ outcome: 'no_show', noShowReason: 'work' })
    const notes = await asStaff(app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)
    expect(notes.json().outcome).toMatchObject({ outcome: 'no_show', noShowReason: 'work' })
    const held = await asStaff(app, coach.cookie, 'POST', url, { outcome: 'held', noShowReason: 'work' })
    expect(held.json()).toMatchObject({ outcome: 'held', noShowReason: null })
  })
})
