import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, type TestApp } from '../helper.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { pageTitle } from '../support/visitor.js'

/**
 * /admin/audit: admins search the audit log by who, what, which record and
 * when; 50 entries a page, newest first; each search is itself audited.
 */
describe('searching the audit log', () => {
  let t: TestApp
  let app: FastifyInstance
  let admin: TestStaff
  let coach: TestStaff

  async function record(occurredAt: string, actor: string, action: string, subject?: [string, string], result = 'success') {
    await app.pg.query(
      `INSERT INTO audit_events (occurred_at, actor, action, subject_type, subject_id, result, ip, details) VALUES ($1, $2, $3, $4, $5, $6, '10.0.0.1', '{"via":"test"}')`,
      [occurredAt, actor, action, subject?.[0] ?? null, subject?.[1] ?? null, result],
    )
  }

  beforeAll(async () => {
    t = await buildTestApp()
    app = t.app
    admin = await createStaff(app, { role: 'admin', name: 'Ada Admin' })
    coach = await createStaff(app, { role: 'coach', name: 'Cal Coach' })
    // 60 reads of one booking's notes by the coach in February 2026, one a day at 9am, plus a few others.
    for (let i = 0; i < 60; i++) {
      const day = new Date(Date.UTC(2026, 0, 1, 9) + i * 86_400_000).toISOString()
      await record(day, `staff:${coach.id}`, 'notes.read', ['booking', '11111111-1111-4111-8111-111111111111'])
    }
    await record('2026-02-10T12:00:00Z', 'candidate:11111111-1111-4111-8111-111111111111', 'actions.status_changed', ['booking', '11111111-1111-4111-8111-111111111111'])
    await record('2026-02-11T12:00:00Z', 'anonymous', 'staff.sign_in', undefined, 'failure')
    await record('2026-02-12T12:00:00Z', 'system', 'data.retention')
  })
  afterAll(async () => {
    await app?.close()
  })

  const get = async (query: string, staff: TestStaff = admin) =>
    app.inject({ url: `/admin/audit${query}`, headers: { cookie: await startSession(app, staff.id) } })

  const rowsOf = (html: string) => (html.match(/<tr class="nhsuk-table__row" role="row">/g) ?? []).length - 1

  it('lists the newest first, 50 a page, with the staff member’s name', async () => {
    const response = await get('')
    expect(response.statusCode).toBe(200)
    const html = response.body.replace(/\s+/g, ' ')
    expect(pageTitle(html)).toBe('Audit log – Career conversations – NHS')
    expect(html).toMatch(/Showing 1 to 50 of 6\d entries, newest first/)
    expect(rowsOf(html)).toBe(50)
    expect(html).toContain('Cal Coach<br><a href="/admin/audit?actor=staff%3A')
    expect(html).toContain('href="/admin/audit?page=2"')
  })

  it('filters by who, what, record and dates (UK days, both ends included)', async () => {
    const byCoach = (await get(`?actor=staff:${coach.id}&action=notes.read&subjectType=booking&subjectId=11111111-1111-4111-8111-111111111111`)).body
    expect(byCoach.replace(/\s+/g, ' ')).toContain('Showing 1 to 50 of 60 entries')
    const page2 = (await get(`?actor=staff:${coach.id}&action=notes.read&page=2`)).body.replace(/\s+/g, ' ')
    expect(page2).toContain('Showing 51 to 60 of 60 entries')
    expect(page2).toContain(`href="/admin/audit?actor=staff%3A${coach.id}&amp;action=notes.read"`) // back to page 1

    const february = (await get('?action=notes.read&from-day=1&from-month=2&from-year=2026&to-day=3&to-month=2&to-year=2026')).body
    expect(february.replace(/\s+/g, ' ')).toContain('Showing 1 to 3 of 3 entries')
    expect(february).toContain('Tuesday 3 February 2026, 9am')
    expect(february).not.toContain('Wednesday 4 February 2026')

    const candidate = (await get('?actor=candidate:11111111-1111-4111-8111-111111111111')).body
    expect(candidate.replace(/\s+/g, ' ')).toContain('Showing 1 to 1 of 1 entries')
    expect(candidate).toContain('actions.status_changed')

    const none = (await get('?action=nothing.like_this')).body
    expect(none).toContain('No entries match this search.')
  })

  it('explains filters it cannot use', async () => {
    const response = await get('?actor=jo@example.com&action=Not Valid&from-day=31&from-month=2&from-year=2026')
    expect(response.statusCode).toBe(400)
    const html = response.body
    expect(pageTitle(html)).toBe('Error: Audit log – Career conversations – NHS')
    expect(html).toMatch(/<a href="#actor">\s*Enter who as staff:&lt;id&gt;, candidate:&lt;booking id&gt;, system or anonymous\s*<\/a>/)
    expect(html).toMatch(/<a href="#action">\s*Enter an action in lower case, like staff.sign_in\s*<\/a>/)
    expect(html).toMatch(/<a href="#from-day">\s*The date from must be a real date\s*<\/a>/)
    const partial = await get('?from-day=5&from-year=2026&to-day=1&to-month=2&to-year=26')
    expect(partial.statusCode).toBe(400)
    expect(partial.body).toContain('The date from must include a month')
    expect(partial.body).toContain('The date to must include a year with 4 numbers, like 2026')
    const backwards = await get('?from-day=5&from-month=2&from-year=2026&to-day=1&to-month=2&to-year=2026')
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('The date to must be the same as or after the date from')
  })

  it('records each search, with its filters and no personal data', async () => {
    const before = (await app.pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit.search'`)).rows[0].n as number
    await get(`?action=data.retention`)
    const { rows } = await app.pg.query(`SELECT actor, result, details FROM audit_events WHERE action = 'audit.search' ORDER BY id DESC LIMIT 1`)
    expect((await app.pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit.search'`)).rows[0].n).toBe(before + 1)
    expect(rows[0]).toMatchObject({ actor: `staff:${admin.id}`, result: 'success', details: { action: 'data.retention', actor: null, page: 1, results: 1 } })
    // And a search finds the searches.
    expect((await get('?action=audit.search')).body).toContain('audit.search')
  })

  it('is for admins only', async () => {
    expect((await app.inject({ url: '/admin/audit' })).statusCode).toBe(302)
    expect((await get('', coach)).statusCode).toBe(403)
  })
})
