import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TestClock, type TestApp } from '../helper.js'
import { Visitor, pageText } from '../support/visitor.js'
import { asStaff, createConversation, createProgramme, freshSessions, signedIn, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * The 5-answer threshold: a coach sees their candidates' feedback only as
 * their own totals, and only once 5 have answered (declined does not count);
 * never a comment, and never on the conversation's own pages.
 */
describe("a coach's own feedback on their dashboard", () => {
  let t: TestApp
  let coach: SignedIn
  let other: SignedIn
  let programmeId: string

  beforeAll(async () => {
    t = await buildTestApp({ clock: new TestClock(new Date('2026-03-20T12:00:00Z')) })
    programmeId = (await createProgramme(t.app)).id
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
    other = await signedIn(t.app, 'coach', 'Bola Adeyemi')
  })
  afterAll(async () => {
    await t?.app.close()
  })

  /** A held conversation of `coach` on day `n` of March, answered by its candidate through their page. */
  async function answered(n: number, form: Record<string, string>) {
    const c = await createConversation(t.app, programmeId, coach.coachId!, `2026-03-${String(n).padStart(2, '0')}T10:00:00.000Z`)
    await freshSessions(t.app, coach)
    const held = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${c.id}/outcome`, { outcome: 'held' })
    expect(held.statusCode, held.body).toBe(200)
    const visitor = new Visitor(t.app)
    await visitor.get(`/bookings/manage/${c.token}/feedback`)
    const path = form.decline ? `/bookings/manage/${c.token}/feedback/decline` : `/bookings/manage/${c.token}/feedback`
    expect((await visitor.post(path, form)).statusCode).toBe(303)
    return c
  }

  const dashboard = async (who: SignedIn) => {
    await freshSessions(t.app, who)
    const page = await t.app.inject({ url: '/coach', headers: { cookie: who.cookie } })
    expect(page.statusCode).toBe(200)
    const section = /<h2[^>]*id="candidates-feedback"[\s\S]*?(?=<h2 class="nhsuk-heading-s">Signed in on another device)/.exec(page.body)?.[0] ?? ''
    return { all: page.body, section: pageText(section) }
  }

  it('shows nothing until 5 candidates have answered, then only the totals', async () => {
    const first = await answered(2, { usefulness: 'very_useful', knowsNextStep: 'yes', confidence: 'confident', comment: 'Secret words about my manager' })
    await answered(3, { usefulness: 'very_useful' })
    await answered(4, { usefulness: 'not_useful', confidence: 'notConfident' })
    await answered(5, { knowsNextStep: 'partly' })
    await answered(6, { decline: '1' })
    let seen = await dashboard(coach)
    expect(seen.section).toContain('once at least 5 have answered')
    expect(seen.section).toContain('(1 more to go)')
    expect(seen.section).not.toContain('Very useful')

    await answered(9, { usefulness: 'quite_useful', confidence: 'fairlyConfident' })
    seen = await dashboard(coach)
    expect(seen.section).toContain('From 5 candidates who answered')
    expect(seen.section).toContain('Very useful 2 Quite useful 1 A little useful 0 Not useful 1')
    expect(seen.section).toContain('Yes 1 I have some idea 1 No, not yet 0')
    expect(seen.section).toContain('Confident 1 Fairly confident 1 Not confident yet 1')
    expect(seen.all).not.toContain('Secret words')

    // Not on the conversation's own notes either, nor another coach's dashboard.
    const notes = await t.app.inject({ url: `/coach/conversations/${first.id}/notes`, headers: { cookie: coach.cookie } })
    expect(notes.body).not.toContain('Secret words')
    expect(notes.body).not.toContain('Very useful')
    const theirs = await dashboard(other)
    expect(theirs.section).toContain('once at least 5 have answered')
    expect(theirs.section).not.toContain('more to go')
  })
})
