import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { createCoach, createProgramme, insertBookingRow } from '../support/booking-fixtures.js'
import { startSession } from '../support/staff.js'

/** The coach's dashboard marks a conversation their availability no longer covers. */
describe("the coach's dashboard and clashes", () => {
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ app } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  it('marks the conversation on a day off, and only that one', async () => {
    const programme = await createProgramme(app.pg.pool)
    const coach = await createCoach(app.pg.pool, programme, { name: 'Clash Coach' })
    await insertBookingRow(app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-04T10:00:00.000Z', end: '2026-03-04T10:45:00.000Z' })
    await insertBookingRow(app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-05T10:00:00.000Z', end: '2026-03-05T10:45:00.000Z' })
    const cookie = await startSession(app, coach.staffUserId)
    const before = await app.inject({ url: '/coach', headers: { cookie } })
    expect(before.statusCode).toBe(200)
    expect(before.body).not.toContain('Clashes with your availability')

    await app.pg.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, '2026-03-04', 'day_off')`, [coach.id])
    const after = await app.inject({ url: '/coach', headers: { cookie } })
    const cards = after.body.split('class="nhsuk-card app-conversation"').slice(1)
    expect(cards).toHaveLength(2)
    const flagged = cards.map((card) => card.includes('Clashes with your availability'))
    // Wednesday 4 March is the day off; Thursday 5 March is not.
    expect(flagged).toEqual([true, false])
    expect(cards[0]).toContain('Wednesday 4 March')
  })
})
