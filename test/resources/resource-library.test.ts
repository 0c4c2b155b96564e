import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { createStaff, pageBrowser, startSession } from '../support/staff.js'
import { checkResourceInput, RESOURCE_MESSAGES } from '../../src/domain/resources/resource-library.js'
import { insertProgramme } from '../support/programmes.js'

describe('the resource library page', () => {
  let t: TestApp
  let adminCookie: string
  let programmeId: string

  beforeAll(async () => {
    t = await buildTestApp()
    programmeId = (await insertProgramme(t.app.pg.pool, { slug: 'library', name: 'Library programme' })).id
    adminCookie = await startSession(t.app, (await createStaff(t.app, { role: 'admin' })).id)
  })
  afterAll(async () => {
    await t.app.close()
  })

  const post = (url: string, form: Record<string, string>) => pageBrowser(t.app, { cookie: adminCookie }).post(url, form, { tokenFrom: '/admin/resources' })

  it('checks each field', () => {
    const ids = new Set(['p1'])
    expect(checkResourceInput({ programme: 'nope', title: ' ', url: 'javascript:alert(1)' }, ids)).toEqual({
      ok: false,
      errors: [
        { field: 'programme', message: RESOURCE_MESSAGES.programme },
        { field: 'title', message: RESOURCE_MESSAGES.title },
        { field: 'url', message: RESOURCE_MESSAGES.url },
      ],
    })
    expect(checkResourceInput({ programme: 'p1', title: 'NHS Jobs', url: 'http://www.jobs.nhs.uk/' }, ids).ok).toBe(false)
    expect(checkResourceInput({ programme: 'p1', title: ' NHS Jobs ', url: 'https://www.jobs.nhs.uk/', description: '' }, ids)).toEqual({
      ok: true,
      value: { programmeId: 'p1', title: 'NHS Jobs', url: 'https://www.jobs.nhs.uk/', description: null },
    })
  })

  it('adds a resource that coaches can then signpost, and removes it from new actions', async () => {
    const refused = await post('/admin/resources', { programme: programmeId, title: '', url: 'not a link' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('There is a problem')
    expect(refused.body).toContain(RESOURCE_MESSAGES.title)

    const added = await post('/admin/resources', { programme: programmeId, title: 'NHS Jobs', url: 'https://www.jobs.nhs.uk/', description: 'Vacancies' })
    expect(added.statusCode).toBe(303)
    expect(added.headers.location).toBe('/admin/resources?done=added')
    const page = await t.app.inject({ url: '/admin/resources?done=added', headers: { cookie: adminCookie } })
    expect(page.body).toContain('The resource has been added')
    expect(page.body).toContain('href="https://www.jobs.nhs.uk/"')
    const { rows } = await t.app.pg.query('SELECT id, active FROM programme_resources WHERE programme_id = $1', [programmeId])
    expect(rows).toEqual([{ id: expect.any(String), active: true }])

    const removed = await post(`/admin/resources/${rows[0].id}/remove`, {})
    expect(removed.headers.location).toBe('/admin/resources?done=removed')
    const after = await t.app.pg.query('SELECT active FROM programme_resources WHERE id = $1', [rows[0].id])
    expect(after.rows).toEqual([{ active: false }])
    expect((await post(`/admin/resources/${rows[0].id}/remove`, {})).statusCode).toBe(404)

    const audit = await t.app.pg.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [rows[0].id])
    expect(audit.rows.map((row) => row.action)).toEqual(['resource.add', 'resource.remove'])
  })

  it('is for admins only', async () => {
    const coachCookie = await startSession(t.app, (await createStaff(t.app, { role: 'coach' })).id)
    expect((await t.app.inject({ url: '/admin/resources', headers: { cookie: coachCookie } })).statusCode).toBe(403)
    expect((await t.app.inject({ url: '/admin/resources' })).statusCode).toBe(302)
  })
})
