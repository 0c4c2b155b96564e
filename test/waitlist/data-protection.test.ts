import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { runRetention } from '../../src/domain/data-protection/retention.js'
import { exportSubjectData, subjectAccessJson, subjectAccessView } from '../../src/domain/data-protection/subject-access.js'
import { joinBody, postJoin } from './support.js'

/** Retention and subject access of waitlist places (erasure: test/data-protection/erasure, whose seeded people join a waitlist). */
describe('waitlist records and data protection', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(async () => {
    await t.app.close()
  })
  const deps = () => ({ pool: t.app.pg.pool, clock: t.clock, audit: t.app.audit, secret: t.app.config.SESSION_SECRET })

  it('keeps an ended place for the programme\'s retention, then deletes it; a waiting place stays', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme)
    const ended = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Old Leaver', email: 'old@example.com' }, accessibilityNeeds: 'Large print' }))
    const waiting = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Still Waiting', email: 'still@example.com' } }))
    expect([ended.statusCode, waiting.statusCode]).toEqual([201, 201])
    await t.app.inject({ method: 'DELETE', url: `/api/v1/waitlist/${ended.json().entry.id}`, headers: { authorization: `Bearer ${(ended.json().manageUrl as string).split('/').pop()}` } })

    const records = await exportSubjectData(deps(), 'old@example.com', 'json', { actor: 'system' })
    const exported = subjectAccessJson(records, t.clock.now())
    expect(exported.waitlist).toMatchObject([{ candidateName: 'Old Leaver', accessibilityNeeds: 'Large print', status: 'left', offers: [] }])
    expect(subjectAccessView(records, t.clock.now()).waitlist).toMatchObject([
      { name: 'Old Leaver', email: 'old@example.com', accessibilityNeeds: 'Large print', status: 'left' },
    ])

    t.clock.advance(23 * 31 * 86_400_000)
    expect((await runRetention(deps())).waitlistEntries).toBe(0)
    t.clock.advance(2 * 31 * 86_400_000)
    expect((await runRetention(deps())).waitlistEntries).toBe(1)
    const { rows } = await t.app.pg.query('SELECT candidate_email FROM waitlist_entries WHERE programme_id = $1', [programme.id])
    expect(rows).toEqual([{ candidate_email: 'still@example.com' }])
  })
})
