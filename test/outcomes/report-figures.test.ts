import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { pageText } from '../support/visitor.js'
import { createConversation, createProgramme, signedIn, type SignedIn } from '../notes/notes-fixtures.js'
import { CONFIDENCE, HELPED, NEXT_STEP, OUTCOME_TYPES, USEFULNESS } from '../../src/domain/outcomes/index.js'

/**
 * The report's feedback, outcomes and wentOnTo, against counts worked out
 * here from the rows the test writes: held conversations of the period only
 * (not a missed one, not one before the period), follow-ups counted only
 * once their day has come on the UK calendar, and a coach shown only with 5
 * answers or more (Amina has 6, Bola 3: Bola is counted in the totals but not
 * shown, and her answers are nowhere by name).
 */
const NOW = new Date('2027-02-15T12:00:00Z')
const FROM = '2026-01-01'
const TO = '2026-12-31'

type Feedback = { status: 'answered' | 'declined'; usefulness?: string; next?: string; confidence?: string; comment?: string }
type FollowUp = { months: 3 | 12; status: 'answered' | 'stopped'; done: string[]; helped?: string }
interface Spec {
  coach: 'amina' | 'bola' | 'chen'
  start: string
  status: 'completed' | 'no_show'
  before?: string
  feedback?: Feedback
  followUps?: FollowUp[]
  actionDone?: string
}

const a = (start: string, more: Partial<Spec> = {}): Spec => ({ coach: 'amina', start, status: 'completed', ...more })
const specs: Spec[] = [
  a('2026-01-05T10:00:00Z', {
    before: 'notConfident',
    feedback: { status: 'answered', usefulness: 'very_useful', next: 'yes', confidence: 'confident', comment: 'Great' },
    followUps: [{ months: 3, status: 'answered', done: ['started_training', 'applied_for_role'], helped: 'a_lot' }, { months: 12, status: 'answered', done: ['new_role_or_more_hours'], helped: 'a_lot' }],
  }),
  a('2026-01-06T10:00:00Z', { before: 'fairlyConfident', feedback: { status: 'answered', usefulness: 'quite_useful', next: 'partly', confidence: 'fairlyConfident' }, followUps: [{ months: 3, status: 'answered', done: ['nothing_yet'], helped: 'not_sure' }] }),
  a('2026-01-07T10:00:00Z', { before: 'confident', feedback: { status: 'answered', usefulness: 'very_useful', confidence: 'notConfident' }, followUps: [{ months: 3, status: 'stopped', done: [] }] }),
  a('2026-01-08T10:00:00Z', { feedback: { status: 'answered', next: 'no' }, followUps: [{ months: 3, status: 'stopped', done: ['moved_up'], helped: 'a_little' }], actionDone: 'qualification' }),
  a('2026-01-09T10:00:00Z', { before: 'fairlyConfident', feedback: { status: 'answered', usefulness: 'not_useful', confidence: 'confident', comment: 'Too short' } }),
  a('2026-01-12T10:00:00Z', { feedback: { status: 'answered', usefulness: 'a_little_useful', next: 'yes' }, actionDone: 'training_or_course' }),
  a('2026-01-13T10:00:00Z', { before: 'confident', feedback: { status: 'declined' } }),
  // Missed, though answers exist (recorded held, then corrected): not counted.
  a('2026-01-14T10:00:00Z', { status: 'no_show', feedback: { status: 'answered', usefulness: 'very_useful' }, followUps: [{ months: 3, status: 'answered', done: ['moved_up'] }] }),
  // Before the period: not counted.
  a('2025-12-15T10:00:00Z', { feedback: { status: 'answered', usefulness: 'not_useful' }, followUps: [{ months: 12, status: 'answered', done: ['gained_qualification'] }] }),
  { coach: 'bola', start: '2026-06-01T09:00:00Z', status: 'completed', before: 'notConfident', feedback: { status: 'answered', usefulness: 'not_useful', next: 'no', confidence: 'notConfident' }, followUps: [{ months: 3, status: 'answered', done: ['gained_qualification'], helped: 'not_at_all' }] },
  { coach: 'bola', start: '2026-06-02T09:00:00Z', status: 'completed', feedback: { status: 'answered', usefulness: 'very_useful' } },
  { coach: 'bola', start: '2026-06-03T09:00:00Z', status: 'completed', feedback: { status: 'answered', confidence: 'confident' } },
  // 2 and a half months old on the report's day: its 3-month follow-up is not due yet.
  { coach: 'chen', start: '2026-12-01T09:00:00Z', status: 'completed', before: 'confident', followUps: [] },
  { coach: 'chen', start: '2026-11-15T09:00:00Z', status: 'completed' },
]

describe('the report\'s feedback and outcomes, against counts worked out from the rows', () => {
  let t: TestApp
  let admin: SignedIn
  let coaches: Record<Spec['coach'], SignedIn>
  let slug: string

  beforeAll(async () => {
    t = await buildTestApp({ clock: new TestClock(NOW) })
    const programme = await createProgramme(t.app)
    slug = programme.slug
    admin = await signedIn(t.app, 'admin')
    coaches = {
      amina: await signedIn(t.app, 'coach', 'Amina Okafor'),
      bola: await signedIn(t.app, 'coach', 'Bola Adeyemi'),
      chen: await signedIn(t.app, 'coach', 'Chen Wei'),
    }
    const staff = Object.values(coaches)[0]!
    for (const spec of specs) {
      const c = await createConversation(t.app, programme.id, coaches[spec.coach].coachId!, spec.start)
      await t.app.pg.query('UPDATE bookings SET status = $2 WHERE id = $1', [c.id, spec.status])
      if (spec.before || spec.status === 'completed') {
        await t.app.pg.query(
          `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, status, version, created_at, updated_at, updated_by_id, completed_at, completed_by_id)
           VALUES ($1, 'four-stage', 1, $2, 'complete', 1, $3, $3, $4, $3, $4)`,
          [c.id, JSON.stringify(spec.before ? { purpose: 'Next steps', confidence: spec.before } : { purpose: 'Next steps' }), c.endsAt, staff.id],
        )
      }
      const f = spec.feedback
      if (f) {
        await t.app.pg.query(
          `INSERT INTO conversation_feedback (booking_id, status, usefulness, knows_next_step, confidence, comment, first_answered_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
          [c.id, f.status, f.usefulness ?? null, f.next ?? null, f.confidence ?? null, f.comment ?? null, c.endsAt],
        )
      }
      for (const u of spec.followUps ?? []) {
        await t.app.pg.query(
          `INSERT INTO outcome_follow_ups (booking_id, months, status, done_since, helped, first_answered_at, updated_at) VALUES ($1, $2, $3, $4::outcome_type[], $5, $6, $6)`,
          [c.id, u.months, u.status, u.done, u.helped ?? null, NOW],
        )
      }
      if (spec.actionDone) {
        await t.app.pg.query(
          `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, created_by_id, updated_at)
           VALUES ($1, 1, 'A step', 'candidate', '2026-03-01', $2, 'done', $3, $3, $4, $3)`,
          [c.id, spec.actionDone, c.endsAt, staff.id],
        )
      }
    }
  }, 60_000)
  afterAll(async () => {
    await t?.app.close()
  })

  // ---- what the report should say, worked out from `specs` ----
  const counted = specs.filter((s) => s.status === 'completed' && s.start >= '2026-01-01' && s.start < '2027-01-01')
  const answered = (list: Spec[]) => list.filter((s) => s.feedback?.status === 'answered')
  const tally = (keys: readonly string[], values: (string | undefined)[]) => Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length]))
  const rank = (value?: string) => (value ? ['notConfident', 'fairlyConfident', 'confident'].indexOf(value) : -1)
  const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)
  const feedbackCounts = (list: Spec[]) => {
    const given = answered(list).map((s) => s.feedback!)
    return {
      answered: given.length,
      usefulness: tally(USEFULNESS, given.map((f) => f.usefulness)),
      knowsNextStep: tally(NEXT_STEP, given.map((f) => f.next)),
      confidenceAfter: tally(CONFIDENCE, given.map((f) => f.confidence)),
    }
  }
  const due = (s: Spec, months: number) => DateTime.fromISO(s.start, { zone: 'Europe/London' }).plus({ months }).toJSDate() <= NOW
  const followUp = (s: Spec, months: number) => s.followUps?.find((u) => u.months === months)
  const followUpCounts = (list: Spec[], months: number) => {
    const given = list.filter((s) => (followUp(s, months)?.done.length ?? 0) > 0).map((s) => followUp(s, months)!)
    return {
      answered: given.length,
      doneSince: Object.fromEntries(OUTCOME_TYPES.map((type) => [type, given.filter((u) => u.done.includes(type)).length])),
      helped: tally(HELPED, given.map((u) => u.helped)),
    }
  }

  async function report() {
    const response = await t.app.inject({ url: `/api/v1/reports/programme?programme=${slug}&from=${FROM}&to=${TO}`, headers: { cookie: admin.cookie } })
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }

  it('counts the feedback: response rate, each answer, confidence before and after, coaches only with 5 answers', async () => {
    const body = await report()
    const both = counted.filter((s) => rank(s.before) >= 0 && s.feedback?.status === 'answered' && rank(s.feedback.confidence) >= 0)
    const amina = counted.filter((s) => s.coach === 'amina')
    expect(answered(amina).length).toBeGreaterThanOrEqual(5)
    expect(answered(counted.filter((s) => s.coach === 'bola')).length).toBeLessThan(5)
    const totals = feedbackCounts(counted)
    expect(body.feedback).toEqual({
      basis: 'held_conversations_in_period',
      held: counted.length,
      ...totals,
      declined: counted.filter((s) => s.feedback?.status === 'declined').length,
      responseRate: share(totals.answered, counted.length),
      withComment: counted.filter((s) => s.feedback?.comment).length,
      confidence: {
        before: tally(CONFIDENCE, counted.map((s) => s.before)),
        beforeRecorded: counted.filter((s) => s.before).length,
        after: totals.confidenceAfter,
        compared: both.length,
        higher: both.filter((s) => rank(s.feedback!.confidence) > rank(s.before)).length,
        same: both.filter((s) => rank(s.feedback!.confidence) === rank(s.before)).length,
        lower: both.filter((s) => rank(s.feedback!.confidence) < rank(s.before)).length,
      },
      coaches: [{ coach: { id: coaches.amina.coachId, name: 'Amina Okafor' }, ...feedbackCounts(amina) }],
      coachesNotShown: 1,
    })
    // Sanity of the seed itself: the comparison covers all three directions.
    expect([body.feedback.confidence.higher, body.feedback.confidence.same, body.feedback.confidence.lower].every((n: number) => n > 0)).toBe(true)
  })

  it('counts the follow-ups at 3 and 12 months once due, and wentOnTo from the answers and the actions done', async () => {
    const body = await report()
    for (const months of [3, 12] as const) {
      const asked = counted.filter((s) => due(s, months))
      const totals = followUpCounts(asked, months)
      const amina = asked.filter((s) => s.coach === 'amina')
      const aminaCounts = followUpCounts(amina, months)
      expect(body.outcomes[`months${months}`], `${months} months`).toEqual({
        due: asked.length,
        ...totals,
        stopped: asked.filter((s) => followUp(s, months)?.status === 'stopped').length,
        responseRate: share(totals.answered, asked.length),
        coaches: aminaCounts.answered >= 5 ? [{ coach: { id: coaches.amina.coachId, name: 'Amina Okafor' }, ...aminaCounts }] : [],
        coachesNotShown: new Set(asked.filter((s) => (followUp(s, months)?.done.length ?? 0) > 0).map((s) => s.coach)).size - (aminaCounts.answered >= 5 ? 1 : 0),
      })
    }
    // The December conversation is not yet due at 3 months; November's is.
    expect(body.outcomes.months3.due).toBe(counted.length - 1)

    const said = (s: Spec, type: string) => (s.followUps ?? []).some((u) => u.done.includes(type))
    const count = (test: (s: Spec) => boolean) => counted.filter(test).length
    expect(body.wentOnTo).toEqual({
      basis: 'outcome_follow_ups_and_actions_done',
      trainingStarted: count((s) => said(s, 'started_training') || s.actionDone === 'training_or_course'),
      applicationMade: count((s) => said(s, 'applied_for_role') || s.actionDone === 'job_application'),
      qualificationGained: count((s) => said(s, 'gained_qualification') || s.actionDone === 'qualification'),
      newRole: count((s) => said(s, 'new_role_or_more_hours')),
      movedUp: count((s) => said(s, 'moved_up')),
    })
    expect(body.wentOnTo.newRole).toBeGreaterThan(0)
  })

  it('gives the same figures in the CSV and on the page, with no coach under 5 answers by name', async () => {
    const body = await report()
    const csv = await t.app.inject({ url: `/api/v1/reports/programme/export?programme=${slug}&from=${FROM}&to=${TO}`, headers: { cookie: admin.cookie } })
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as { Section: string; Figure: string; Group: string; Value: string }[]
    const value = (section: string, figure: string, group = '') => rows.find((r) => r.Section === section && r.Figure === figure && r.Group === group)?.Value
    expect(value('feedback', 'answered')).toBe(String(body.feedback.answered))
    expect(value('feedback', 'usefulness.very_useful', 'Amina Okafor')).toBe(String(body.feedback.coaches[0].usefulness.very_useful))
    expect(value('feedback', 'confidence.higher')).toBe(String(body.feedback.confidence.higher))
    expect(value('outcomes.months3', 'doneSince.started_training')).toBe(String(body.outcomes.months3.doneSince.started_training))
    expect(value('outcomes.months12', 'responseRate')).toBe(String(body.outcomes.months12.responseRate))
    expect(value('wentOnTo', 'newRole')).toBe(String(body.wentOnTo.newRole))
    expect(rows.some((r) => r.Group === 'Bola Adeyemi' && r.Section !== 'coachUtilisation')).toBe(false)

    const page = await t.app.inject({ url: `/admin/reports?programme=${slug}&from-day=1&from-month=1&from-year=2026&to-day=31&to-month=12&to-year=2026`, headers: { cookie: admin.cookie } })
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain(`Answered ${body.feedback.answered} Response rate ${Math.round(body.feedback.responseRate * 1000) / 10}%`)
    expect(text).toContain('Not shown: 1 coach with fewer.')
    const feedbackTable = /<table[^>]*id="feedback-coaches"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? ''
    expect(pageText(feedbackTable)).toContain('Amina Okafor')
    expect(feedbackTable).not.toContain('Bola')
    expect(page.body).not.toContain('Too short') // comments are not part of the report: they are on a page of their own

    const link = /href="(\/admin\/reports\/comments\?[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&')
    expect(link).toBe(`/admin/reports/comments?programme=${slug}&from=${FROM}&to=${TO}`)
    const comments = await t.app.inject({ url: link!, headers: { cookie: admin.cookie } })
    expect(comments.statusCode).toBe(200)
    const listed = [...comments.body.matchAll(/<li><p class="nhsuk-u-margin-bottom-1">([^<]*)<\/p>/g)].map((m) => m[1])
    expect(listed.sort()).toEqual(counted.filter((s) => s.feedback?.comment).map((s) => s.feedback!.comment).sort())
    expect(comments.body).not.toContain('Amina')
    const coachAsks = await t.app.inject({ url: link!, headers: { cookie: coaches.amina.cookie } })
    expect(coachAsks.statusCode).toBe(403)
  })
})
