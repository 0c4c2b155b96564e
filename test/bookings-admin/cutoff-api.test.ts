import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { createCoach, createProgramme, type ProgrammeFixture } from '../support/booking-fixtures.js'

/** The cancellation cut-off through the API: set with PATCH, shown with the programme, audited. */
describe('the cancellation cut-off in the API', () => {
  let app: FastifyInstance
  let admin: string
  let programme: ProgrammeFixture
  beforeAll(async () => {
    ;({ app } = await buildTestApp())
    ;({ admin } = await adminAndCoachSessions(app))
    programme = await createProgramme(app.pg.pool)
    await createCoach(app.pg.pool, programme)
  })
  afterAll(async () => {
    await app?.close()
  })

  const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/admin/programmes/${programme.slug}`, headers: { cookie: admin }, payload })

  it('is set with PATCH, shown in the programmes list, and audited by name', async () => {
    const listed = async () => (await app.inject('/api/v1/programmes')).json().programmes.find((p: { slug: string }) => p.slug === programme.slug)
    expect((await listed()).cancellationCutoffHours).toBe(0)
    const changed = await patch({ cancellationCutoffHours: 48 })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().programme.cancellationCutoffHours).toBe(48)
    expect((await listed()).cancellationCutoffHours).toBe(48)
    const { rows } = await app.pg.query(`SELECT details FROM audit_events WHERE action = 'programme.access_changed' AND subject_id = $1`, [programme.id])
    expect(rows).toEqual([{ details: { settings: ['cancellationCutoffHours'] } }])
    // The same value again changes nothing and audits nothing.
    expect((await patch({ cancellationCutoffHours: 48 })).statusCode).toBe(200)
    expect((await app.pg.query(`SELECT 1 FROM audit_events WHERE action = 'programme.access_changed' AND subject_id = $1`, [programme.id])).rowCount).toBe(1)
  })

  it('refuses hours beyond two weeks, or not whole', async () => {
    for (const cancellationCutoffHours of [337, -1, 1.5]) {
      const refused = await patch({ cancellationCutoffHours })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().fields[0].field).toBe('body.cancellationCutoffHours')
    }
  })
})
