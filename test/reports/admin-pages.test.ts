import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { pageText } from '../support/visitor.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { NOW, PRIVATE_NOTE, seedProgrammeHistory, type Seeded } from './seed.js'

let app: FastifyInstance
let seeded: Seeded
let admin: string
let coach: string

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(NOW)) }))
  seeded = await seedProgrammeHistory(app.pg.pool)
  ;({ admin, coach } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

const page = (url: string, cookie = admin) => app.inject({ url, headers: { cookie } })
/** The text of a table (by id) with tags and extra spaces removed. */
const tableText = (html: string, id: string) => {
  const match = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html)
  return pageText(match?.[0] ?? '').trim()
}

describe('/admin/actions', () => {
  it('is for admins only', async () => {
    expect((await page('/admin/actions', coach)).statusCode).toBe(403)
    expect((await app.inject({ url: '/admin/actions' })).statusCode).toBe(302)
    expect((await page('/admin/actions/summary', coach)).statusCode).toBe(403)
    expect((await app.inject({ url: '/admin/actions/summary' })).statusCode).toBe(302)
  })

  it('summarises and lists a programme’s actions, overdue first, without the notes', async () => {
    // The counts are on a page of their own (a page of the list never counts every action).
    const summary = await page(`/admin/actions/summary?programme=${seeded.programme.id}`)
    expect(summary.statusCode).toBe(200)
    // Overdue: A4 (in progress, due 1 March) and A7 (not started, due 15 May); today is 1 June 2026.
    expect(tableText(summary.body, 'summary')).toContain('All 2 1 1 4 1 7')
    expect(tableText(summary.body, 'by-coach')).toContain('Alice Report-Coach 1 0 1 4 1 6')
    expect(tableText(summary.body, 'by-coach')).toContain('Bob Report-Coach 1 1 0 0 0 1')
    expect(tableText(summary.body, 'by-category')).toContain('Training or course 0 0 0 2 0 2')
    expect(summary.body).not.toContain(PRIVATE_NOTE)

    const response = await page(`/admin/actions?programme=${seeded.programme.id}`)
    expect(response.statusCode).toBe(200)
    const html = response.body
    expect(html).toContain(`href="/admin/actions/summary?programme=${seeded.programme.id}"`)
    expect(html).toContain('Sunday 1 March 2026')
    expect(html).toContain(seeded.references.b1)
    expect(html).toContain('Programme team')
    expect(html).not.toContain('Other programme action')
    expect(html).not.toContain(PRIVATE_NOTE)
    const first = html.indexOf('Find a level 3 qualification')
    const done = html.indexOf('Enrol on the care certificate course')
    expect(first).toBeGreaterThan(-1)
    expect(first).toBeLessThan(done)
  })

  it('filters by coach, category, status and overdue', async () => {
    const overdue = (await page(`/admin/actions/summary?overdue=yes`)).body
    expect(tableText(overdue, 'summary')).toContain('All 2 1 1 0 0 2')
    const bob = (await page(`/admin/actions?coach=${seeded.bob.id}`)).body
    expect(bob).toContain('Shadow a nurse for a day')
    expect(bob).not.toContain('Enrol on the care certificate course')
    const training = (await page('/admin/actions/summary?category=training_or_course&status=done')).body
    expect(tableText(training, 'summary')).toContain('All 0 0 0 2 0 2')
    expect((await page('/admin/actions?page=2')).statusCode).toBe(200)
  })

  it('shows a bad filter in the error summary', async () => {
    const response = await page('/admin/actions?status=finished&coach=nobody')
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('Choose a status from the list')
    expect(response.body).toContain('Choose a coach from the list')
  })
})

describe('/admin/reports', () => {
  it('is for admins only', async () => {
    expect((await page('/admin/reports', coach)).statusCode).toBe(403)
  })

  it('shows the figures for a chosen period', async () => {
    const response = await page(
      `/admin/reports?programme=${seeded.programme.id}&from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026`,
    )
    expect(response.statusCode).toBe(200)
    const text = pageText(response.body)
    expect(text).toContain('Thursday 1 January 2026 to Tuesday 31 March 2026')
    expect(text).toContain('Invitations sent 4')
    expect(text).toContain('Conversations held 4')
    expect(text).toContain('Cancelled by the candidate 1')
    expect(text).toContain('Median 21 days')
    expect(text).toContain('Mean 33.3 days')
    expect(text).toContain('Actions per conversation held (mean) 1.5')
    expect(tableText(response.body, 'completed')).toContain('4 weeks 33.3% 2 of 6 4')
    expect(tableText(response.body, 'completed')).toContain('12 weeks 75% 3 of 4 3')
    expect(text).toContain('Started training or a course 2')
    expect(text).toContain('Started a new role or more hours 0')
  })

  it('opens on the programme with the most recent activity, over the last 3 months', async () => {
    // A programme last in the list by name, with the latest change to a booking of all.
    const { rows } = await app.pg.query<{ id: string }>(
      `INSERT INTO programmes (slug, name, conversation_model_key) VALUES ('zz-latest', 'Zz latest activity', 'four-stage') RETURNING id`,
    )
    await app.pg.query(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone, status,
                             starts_at, ends_at, consent_notice_version, consent_acknowledged_at, created_at, updated_at)
       VALUES ($3, $1, $2, 'Latest Candidate', 'latest@example.org', 'video', 'Europe/London', 'booked',
               '2026-05-20T09:00:00Z', '2026-05-20T09:45:00Z', 'test', now(), now(), now() + interval '1 day')`,
      [rows[0]!.id, seeded.alice.id, generateBookingReference()],
    )
    const response = await page('/admin/reports')
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('Zz latest activity: Monday 2 March 2026 to Monday 1 June 2026')
    expect(response.body).toMatch(new RegExp(`<option value="${rows[0]!.id}" selected`))
  })

  it('shows bad dates in the error summary', async () => {
    const response = await page(
      `/admin/reports?programme=${seeded.programme.id}&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026`,
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/<a href="#from-day">\s*The start date must be a real date\s*<\/a>/)
    const partial = await page(`/admin/reports?programme=${seeded.programme.id}&from-day=1&from-month=2&from-year=2026&to-month=3&to-year=2026`)
    expect(partial.statusCode).toBe(400)
    expect(partial.body).toMatch(/<a href="#to-day">\s*The end date must include a day\s*<\/a>/)
  })
})
