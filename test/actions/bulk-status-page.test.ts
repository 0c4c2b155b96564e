import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { createStaff, signedInBrowser, type PageBrowser } from '../support/staff.js'
import { errorSummary, pageText, pageTitle } from '../support/visitor.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { matching, REVIEW_NOW, SECRET_NOTE, seedReview, type ReviewSeed, type SeedBooking } from './review-seed.js'

/**
 * /admin/actions without JavaScript: tick actions (or take every action that
 * matches, up to the limit the page states), choose a status and a comment,
 * check them on a confirmation page, then change them; the "Download CSV"
 * link; and a candidate's page from any row (their bookings, actions and
 * each booking's timeline, never the notes).
 */

let app: FastifyInstance
let seeded: ReviewSeed
let browser: PageBrowser
let adminName: string
/** A candidate with many actions (more than one bulk change may take), and a second booking made with the same address. */
let many: SeedBooking
let secondBooking: string

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool, { bookings: 30, seed: 3 })
  const admin = await createStaff(app, { role: 'admin' })
  adminName = admin.name
  browser = await signedInBrowser(app, admin.id)
  // Every conversation's notes are complete (so its actions can change), but the first one's: a draft.
  await app.pg.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, status, created_at, updated_at, completed_at, completed_by_id)
     SELECT b.id, 'four-stage', 1, $2, 1, 'complete', '2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', $3
       FROM bookings b WHERE b.id <> $1`,
    [seeded.bookings[0]!.id, JSON.stringify({ private: SECRET_NOTE }), admin.id],
  )
  many = seeded.bookings[5]!
  await app.pg.query(
    `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, updated_at)
     SELECT $1, 100 + g, 'Many ' || g, 'programme_team', DATE '2026-07-01', 'other', 'not_started', now(), now(), now()
       FROM generate_series(1, 505) g`,
    [many.id],
  )
  // The same candidate booked again later: their page shows both bookings, with this one's history.
  const { rows } = await app.pg.query<{ id: string }>(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone,
                           status, starts_at, ends_at, cancelled_at, cancelled_by, cancellation_reason, consent_notice_version, consent_acknowledged_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'video', 'Europe/London', 'cancelled', '2026-07-06T09:00:00Z', '2026-07-06T09:45:00Z',
             '2026-05-22T08:00:00Z', 'candidate', 'Started a new job', 'test', now(), '2026-05-20T10:00:00Z')
     RETURNING id`,
    [generateBookingReference(), many.programme.id, many.coach.id, many.candidateName, many.candidateEmail],
  )
  secondBooking = rows[0]!.id
  await app.pg.query(
    `INSERT INTO booking_events (booking_id, kind, actor, occurred_at, starts_at, ends_at, coach_id, reason, sequence) VALUES
       ($1, 'booked', 'candidate', '2026-05-20T10:00:00Z', '2026-07-06T09:00:00Z', '2026-07-06T09:45:00Z', $2, NULL, 0),
       ($1, 'cancelled', 'candidate', '2026-05-22T08:00:00Z', '2026-07-06T09:00:00Z', '2026-07-06T09:45:00Z', $2, 'Started a new job', 1)`,
    [secondBooking, many.coach.id],
  )
  await app.pg.query(
    `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, status, attempts, job_payload, created_at, updated_at, sent_at, failed_at)
     VALUES ('t1', 'booking-confirmation', $1, $2, 'Your career conversation is booked', 'm1', 'sent', 1, '{}', '2026-05-20T10:00:01Z', '2026-05-20T10:00:02Z', '2026-05-20T10:00:02Z', NULL),
            ('t2', 'booking-cancelled', $1, $2, 'Your career conversation is cancelled', 'm2', 'failed', 9, '{}', '2026-05-22T08:00:01Z', '2026-05-23T08:00:00Z', NULL, '2026-05-23T08:00:00Z')`,
    [secondBooking, many.candidateEmail],
  )
})

afterAll(async () => {
  await app?.close()
})

/** The hidden fields of the form posting to `action`, as a person's browser would send them. */
function formFields(html: string, action: string): Record<string, string[]> {
  const form = new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? ''
  const fields: Record<string, string[]> = {}
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (match[1] === '_csrf') continue
    const value = match[2]!.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"')
    ;(fields[match[1]!] ??= []).push(value)
  }
  return fields
}

describe('changing the status of many actions on /admin/actions', () => {
  it('offers a checkbox per action, the limit, a link to each candidate and a Download CSV link with the filters', async () => {
    const response = await browser.get(`/admin/actions?programme=${seeded.programmes[0]!.slug}&sort=-dueOn`)
    expect(response.statusCode).toBe(200)
    const shown = [...response.body.matchAll(/name="actionIds" type="checkbox" value="([^"]+)"/g)].map((m) => m[1])
    expect(shown).toHaveLength(50)
    expect(response.body).toContain('At most 500 at a time')
    expect(response.body).toContain(`href="/api/v1/admin/actions/export?programme=${seeded.programmes[0]!.slug}&amp;sort=-dueOn"`)
    const first = seeded.actions.find((a) => a.id === shown[0])!
    expect(response.body).toContain(`href="/admin/actions/candidates/${first.bookingId}"`)
    // The bulk form carries the filters, so "every action that matches" means what is on the page.
    expect(formFields(response.body, '/admin/actions/bulk-status')).toEqual({ programme: [seeded.programmes[0]!.slug], sort: ['-dueOn'] })
  })

  it('asks for what is missing, in the error summary, keeping what was ticked', async () => {
    const ticked = seeded.actions[3]!.id
    const response = await browser.post('/admin/actions/bulk-status', { actionIds: ticked, comment: '' })
    expect(response.statusCode).toBe(400)
    expect(errorSummary(response.body)).toEqual([
      '#bulk-scope Choose which actions to change',
      '#bulk-status Choose the new status',
      '#bulk-comment Enter a comment saying why the status is changing',
    ])
    expect(pageTitle(response.body)).toMatch(/^Error: /)
    const none = await browser.post('/admin/actions/bulk-status', { scope: 'selected', newStatus: 'done', comment: 'Tidying up' })
    expect(errorSummary(none.body)).toEqual(['#bulk-scope Select the actions to change, or choose every action that matches'])
  })

  it('shows the ticked actions before changing them, then changes them and says which were not changed and why', async () => {
    const draft = seeded.actions.find((a) => a.bookingId === seeded.bookings[0]!.id)!
    const open = seeded.actions.filter((a) => a.bookingId !== seeded.bookings[0]!.id && a.status === 'in_progress').slice(0, 3)
    const done = seeded.actions.find((a) => a.bookingId !== seeded.bookings[0]!.id && a.status === 'done')!
    const ids = [...open.map((a) => a.id), draft.id, done.id]
    const check = await browser.post('/admin/actions/bulk-status', { scope: 'selected', actionIds: ids, newStatus: 'done', comment: 'Reviewed at the team meeting' })
    expect(check.statusCode, check.body).toBe(200)
    expect(pageTitle(check.body)).toBe('Change 5 actions to done? – Career conversations – NHS')
    const text = pageText(check.body)
    for (const action of [...open, draft, done]) expect(text).toContain(action.summary)
    expect(text).toContain('Reviewed at the team meeting')
    // Nothing has changed yet.
    const { rows: before } = await app.pg.query(`SELECT count(*)::int AS n FROM actions WHERE id = ANY ($1::uuid[]) AND status = 'done'`, [ids])
    expect(before[0].n).toBe([...open, draft, done].filter((a) => a.status === 'done').length)

    const fields = formFields(check.body, '/admin/actions/bulk-status/confirm')
    expect(fields.actionIds!.sort()).toEqual([...ids].sort())
    const confirmed = await browser.post('/admin/actions/bulk-status/confirm', fields)
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(pageTitle(confirmed.body)).toBe('3 actions changed to done – Career conversations – NHS')
    const result = pageText(confirmed.body)
    expect(result).toContain('2 actions were not changed')
    expect(result).toContain(`${draft.summary} ${draft.candidateName} The conversation notes are still a draft`)
    expect(result).toContain(`${done.summary} ${done.candidateName} It already had this status`)
    const { rows } = await app.pg.query<{ id: string; status: string; actor: string; comment: string }>(
      `SELECT a.id, a.status, x.actor, x.comment FROM actions a JOIN action_status_changes x ON x.action_id = a.id AND x.changed_at = $2
        WHERE a.id = ANY ($1::uuid[]) ORDER BY a.id`,
      [ids, REVIEW_NOW],
    )
    expect(rows).toEqual(open.map((a) => ({ id: a.id, status: 'done', actor: 'admin', comment: 'Reviewed at the team meeting' })).sort((x, y) => x.id.localeCompare(y.id)))
    // What the next tests expect follows from the actions as they are now.
    for (const action of open) Object.assign(action, { status: 'done', statusChangedAt: new Date(REVIEW_NOW) })
  })

  it('takes every action that matches the filters, refusing more than the limit', async () => {
    const tooMany = await browser.post('/admin/actions/bulk-status', { scope: 'matching', q: many.reference, newStatus: 'in_progress', comment: 'Started' })
    expect(tooMany.statusCode).toBe(400)
    expect(errorSummary(tooMany.body)).toEqual(['#bulk-scope More than 500 actions match: narrow the filters, or select the actions to change'])

    // Narrowed: the seeded actions of one coach that are overdue, worked out here.
    const filters = { coach: seeded.coaches[1]!.id, overdue: true }
    const expected = matching(seeded.actions, filters)
    expect(expected.length).toBeGreaterThan(0)
    const check = await browser.post('/admin/actions/bulk-status', { scope: 'matching', coach: filters.coach, overdue: 'yes', newStatus: 'in_progress', comment: 'Chased' })
    expect(check.statusCode, check.body).toBe(200)
    const count = expected.length
    expect(pageTitle(check.body)).toBe(`Change ${count} ${count === 1 ? 'action' : 'actions'} to in progress? – Career conversations – NHS`)
    const fields = formFields(check.body, '/admin/actions/bulk-status/confirm')
    expect(fields.actionIds!.sort()).toEqual(expected.map((a) => a.id).sort())
    // Going back keeps the filters.
    expect(check.body).toContain(`href="/admin/actions?coach=${filters.coach}&amp;overdue=yes"`)
    const confirmed = await browser.post('/admin/actions/bulk-status/confirm', fields)
    const changed = expected.filter((a) => a.bookingId !== seeded.bookings[0]!.id && a.status !== 'in_progress').length
    expect(pageTitle(confirmed.body)).toBe(`${changed} ${changed === 1 ? 'action' : 'actions'} changed to in progress – Career conversations – NHS`)
  })

  it('refuses a form without its CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/admin/actions/bulk-status/confirm',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `actionIds=${seeded.actions[1]!.id}&status=done&comment=x`,
    })
    expect(response.statusCode).toBe(403)
  })
})

describe("a candidate's page", () => {
  it('shows their bookings (every one with their address), actions and what happened to each, never the notes', async () => {
    const response = await browser.get(`/admin/actions/candidates/${many.id}`)
    expect(response.statusCode, response.body).toBe(200)
    const text = pageText(response.body)
    expect(pageTitle(response.body)).toBe(`${many.candidateName} – Career conversations – NHS`)
    expect(text).toContain(many.candidateEmail)
    expect(text).toContain(many.reference)
    const { rows } = await app.pg.query<{ reference: string }>('SELECT reference FROM bookings WHERE id = $1', [secondBooking])
    expect(text).toContain(rows[0]!.reference)
    // Its actions: each seeded one, and the 505 more.
    for (const action of seeded.actions.filter((a) => a.bookingId === many.id)) expect(text).toContain(action.summary)
    expect((response.body.match(/>Many \d+</g) ?? []).length).toBe(505)
    // The second booking's timeline, in order, with who and why.
    const timeline = pageText(/<ol class="app-timeline" id="timeline-[^"]+">[\s\S]*?<\/ol>/.exec(response.body.slice(response.body.indexOf(rows[0]!.reference)))![0])
    expect(timeline).toMatch(
      /Wednesday 20 May 2026 at 11am Booked Monday 6 July 2026, 10am to 10:45am \(UK time\) with .+, by the candidate .*Email sent to the candidate Your career conversation is booked .*Friday 22 May 2026 at 9am Cancelled By the candidate\. Reason: Started a new job .*Email failed Your career conversation is cancelled \(tried 9 times\)/,
    )
    // The first booking's: notes completed (by whom), its actions agreed.
    expect(text).toContain(`Notes completed and summary sent By the coach (${adminName})`)
    expect(response.body).not.toContain(SECRET_NOTE)
    const { rows: audit } = await app.pg.query(`SELECT details FROM audit_events WHERE action = 'candidate.viewed' AND subject_id = $1`, [many.id])
    expect(audit).toEqual([{ details: { bookings: 2 } }])
  })

  it('shows the programme team’s bulk changes in the timeline, and 404 for a booking that does not exist', async () => {
    const action = seeded.actions.find((a) => a.bookingId === seeded.bookings[7]!.id && a.status !== 'no_longer_relevant')!
    const check = await browser.post('/admin/actions/bulk-status', { scope: 'selected', actionIds: action.id, newStatus: 'no_longer_relevant', comment: 'Role withdrawn' })
    await browser.post('/admin/actions/bulk-status/confirm', formFields(check.body, '/admin/actions/bulk-status/confirm'))
    const page = pageText((await browser.get(`/admin/actions/candidates/${action.bookingId}`)).body)
    expect(page).toContain(`Monday 1 June 2026 at 1pm Action now no longer relevant: ${action.summary}`)
    expect(page).toContain(`By the programme team (${adminName}): “Role withdrawn”`)
    expect((await browser.get('/admin/actions/candidates/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await browser.get('/admin/actions/candidates/not-an-id')).statusCode).toBe(404)
  })
})
