import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { asCandidate, asStaff, createConversation, createProgramme, draftNotesWithAction, freshSessions, signedIn, type SignedIn } from '../notes/notes-fixtures.js'
import { preparationQuestions, shortFormAreas } from '../../src/domain/preparation/index.js'
import { Visitor, errorSummary } from '../support/visitor.js'

/**
 * The candidate's own space at /bookings/manage/<token>, without a
 * browser: "Prepare for your conversation" (saved with the Save button,
 * read-only once the conversation starts), "Your summary and actions" (once
 * the coach completes the notes; each action's status and a comment) and
 * "What happens to your information". The clock starts on Monday 2 March 2026, 8am.
 */

const textareaNames = (html: string) => [...html.matchAll(/<textarea [^>]*name="answers\.([^"]+)"/g)].map((match) => match[1])
const legends = (html: string) => [...html.matchAll(/<h3 class="nhsuk-fieldset__heading">([^<]+)<\/h3>/g)].map((match) => match[1])
const headings = (html: string) => [...html.matchAll(/<h2 class="nhsuk-heading-m"[^>]*>([^<]+)<\/h2>/g)].map((match) => match[1]!.trim())

describe("the candidate's own space", () => {
  let t: TestApp
  let coach: SignedIn
  let programme: { id: string; slug: string }

  beforeAll(async () => {
    t = await buildTestApp()
    programme = await createProgramme(t.app)
    await t.app.pg.query(`UPDATE programmes SET retention_months = 12 WHERE id = $1`, [programme.id])
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
  })
  afterAll(async () => {
    await t?.app.close()
  })

  const conversation = (start: string, email?: string) =>
    createConversation(t.app, programme.id, coach.coachId!, start, email ? { email } : {})
  const pathOf = (token: string) => `/bookings/manage/${token}`

  it('shows, in order: the conversation, prepare, summary and actions, your information', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const c = await conversation('2026-03-03T09:00:00.000Z')
    const page = await new Visitor(t.app).get(pathOf(c.token))
    expect(page.statusCode).toBe(200)
    expect(headings(page.body)).toEqual(['Prepare for your conversation', 'Your summary and actions', 'What happens to your information'])
    expect(page.body).toContain('id="prepare"')
    expect(page.body).toContain('id="summary"')
    expect(page.body).toContain('Your coach will read this before the call.')
    // The short form: eight questions grouped by the four areas, the reflection questions as hints.
    expect(textareaNames(page.body)).toEqual(shortFormAreas.flatMap((area) => area.questions.map((question) => question.key)))
    expect(textareaNames(page.body)).toHaveLength(8)
    expect(legends(page.body)).toEqual(['Know yourself', 'Explore possibilities', 'Making choices', 'Making it happen'])
    expect(page.body).toContain('What are your strengths and skills?')
    expect(page.body).toContain('what your current or most recent role has taught you')
    expect(page.body).not.toContain('Questions to think about')
    // Each box's count, before its script runs, writes the number as everywhere else.
    expect(page.body.match(/You can enter up to 5,000 characters/g)).toHaveLength(8)
    // No #prepare: a page with errors opens at its error summary; success goes back to #prepare.
    expect(page.body).toContain('action="' + pathOf(c.token) + '/preparation"')
    expect(page.body).toContain(`data-api="/api/v1/bookings/${c.id}/preparation"`)
    expect(page.body).toContain('src="/assets/preparation-autosave.js"')
    // The token itself is never printed into the page beyond its own address.
    expect(page.body.split(c.token).length - 1).toBe(page.body.split(`${pathOf(c.token)}/`).length - 1)
    // Before the conversation: where the summary will be.
    expect(page.body).toContain('After your conversation, your coach will write a short summary')
    // Who sees it, how long it is kept, how to ask for a copy or deletion.
    expect(page.body).toContain('Only your coach and the programme team can see your preparation answers')
    expect(page.body).toContain('We keep them for 12 months after your last conversation')
    expect(page.body).toMatch(/ask for a copy of your information, or ask us to delete it, at any time\. <a href="\/contact-us">/)
  })

  it('saves the answers with the Save button, back at #prepare with a banner; the coach reads them', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const c = await conversation('2026-03-03T10:00:00.000Z')
    const visitor = new Visitor(t.app)
    await visitor.get(pathOf(c.token))
    const saved = await visitor.post(`${pathOf(c.token)}/preparation`, {
      'answers.conversationGoal': '  Find a route into nursing  ',
      'answers.strengthsAndSkills': 'Calm\nKind',
      'answers.supportWanted': '',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`${pathOf(c.token)}?saved=preparation#prepare`)
    const page = await visitor.get(saved.headers.location as string)
    expect(page.body).toContain('Your answers have been saved.')
    expect(page.body).toMatch(/<textarea [^>]*name="answers\.conversationGoal"[^>]*>Find a route into nursing<\/textarea>/)
    expect(page.body).toMatch(/Last saved Monday 2 March 2026 at 8am/)

    const own = await asCandidate(t.app, c.token, 'GET', `/api/v1/bookings/${c.id}/preparation`)
    expect(own.json().answers).toEqual({ conversationGoal: 'Find a route into nursing', strengthsAndSkills: 'Calm\nKind' })
    await freshSessions(t.app, coach)
    const coachView = await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${c.id}/preparation`)
    expect(coachView.json().answers).toEqual({ conversationGoal: 'Find a route into nursing', strengthsAndSkills: 'Calm\nKind' })
  })

  it('refuses an unknown question and an answer too long, with the error summary, saving nothing', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const c = await conversation('2026-03-03T11:00:00.000Z')
    const visitor = new Visitor(t.app)
    await visitor.get(pathOf(c.token))
    const unknown = await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.conversationGoal': 'A goal', 'answers.favouriteColour': 'Blue' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toMatch(/<title>Error: Your career conversation/)
    expect(errorSummary(unknown.body)).toEqual(['#prepare This question is not on the preparation form'])
    expect(unknown.body).toMatch(/name="answers\.conversationGoal"[^>]*>A goal<\/textarea>/)

    const long = await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.strengthsAndSkills': 'x'.repeat(5001) })
    expect(long.statusCode).toBe(400)
    expect(errorSummary(long.body)).toEqual(['#prepare-strengthsAndSkills Answer to &quot;What are your strengths and skills?&quot; must be 5,000 characters or fewer'])
    expect(long.body).toContain('nhsuk-textarea--error')

    const api = await asCandidate(t.app, c.token, 'GET', `/api/v1/bookings/${c.id}/preparation`)
    expect(api.json()).toMatchObject({ answers: {}, updatedAt: null })
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/bookings/${c.id}/preparation`,
      headers: { authorization: `Bearer ${c.token}` },
      payload: { answers: { favouriteColour: 'Blue' } },
    })
    expect(put.statusCode).toBe(400)
  })

  it('is read-only once the conversation starts: the answers shown, no form, no change', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const c = await conversation('2026-03-03T12:00:00.000Z')
    const visitor = new Visitor(t.app)
    await visitor.get(pathOf(c.token))
    await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.rolesOfInterest': 'Nursing associate' })

    t.clock.set('2026-03-03T12:00:00.000Z')
    const page = await visitor.get(pathOf(c.token))
    expect(page.body).toContain('Your conversation has started, so your answers can no longer be changed.')
    expect(page.body).not.toContain('<textarea')
    expect(page.body).not.toContain('preparation-autosave.js')
    expect(page.body).toMatch(/Which roles have caught your interest\?<\/dt> <dd class="nhsuk-summary-list__value app-answer">Nursing associate<\/dd>/)

    const late = await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.rolesOfInterest': 'Changed my mind' })
    expect(late.statusCode).toBe(303)
    expect(late.headers.location).toBe(`${pathOf(c.token)}#prepare`)
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/bookings/${c.id}/preparation`,
      headers: { authorization: `Bearer ${c.token}` },
      payload: { answers: { rolesOfInterest: 'Changed my mind' } },
    })
    expect(put.statusCode).toBe(409)
    expect(put.json().error).toBe('preparation_closed')
    const api = await asCandidate(t.app, c.token, 'GET', `/api/v1/bookings/${c.id}/preparation`)
    expect(api.json().answers).toEqual({ rolesOfInterest: 'Nursing associate' })
  })

  it('keeps answers written on the first form with its own questions: to change, and read-only once started', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const c = await conversation('2026-03-03T13:00:00.000Z')
    await t.app.pg.query(`INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, now())`, [
      c.id,
      JSON.stringify({ technicalSkills: 'Taking blood', helpWanted: 'Time to study' }),
    ])
    const visitor = new Visitor(t.app)
    const page = await visitor.get(pathOf(c.token))
    // The first form, all twenty questions, its answers in place.
    expect(textareaNames(page.body)).toEqual(preparationQuestions.map((question) => question.key))
    expect(legends(page.body)).toEqual(['Know yourself', 'Explore possibilities', 'Making choices', 'Making it happen', 'Questions to think about'])
    expect(page.body).toMatch(/name="answers\.technicalSkills"[^>]*>Taking blood<\/textarea>/)
    // A too-long answer comes back on the same form, with what was typed.
    const long = await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.technicalSkills': 'Taking blood', 'answers.interests': 'x'.repeat(5001) })
    expect(long.statusCode).toBe(400)
    expect(errorSummary(long.body)).toEqual(['#prepare-interests Answer to &quot;What interests you?&quot; must be 5,000 characters or fewer'])
    expect(textareaNames(long.body)).toEqual(preparationQuestions.map((question) => question.key))
    const saved = await visitor.post(`${pathOf(c.token)}/preparation`, { 'answers.technicalSkills': 'Taking blood', 'answers.helpWanted': 'Time to study', 'answers.interests': 'Children' })
    expect(saved.statusCode).toBe(303)

    t.clock.set('2026-03-03T13:00:00.000Z')
    const closed = await visitor.get(pathOf(c.token))
    expect(closed.body).toMatch(/What technical skills do you have\?<\/dt> <dd class="nhsuk-summary-list__value app-answer">Taking blood<\/dd>/)
    expect(closed.body).toMatch(/What interests you\?<\/dt> <dd class="nhsuk-summary-list__value app-answer">Children<\/dd>/)
    expect(closed.body).toMatch(/What could the programme team or your coach do to help\?<\/dt> <dd class="nhsuk-summary-list__value app-answer">Time to study<\/dd>/)
  })

  describe('summary and actions', () => {
    const SECRET = 'PRIVATE-c0ffee'

    async function completed(start: string) {
      const c = await conversation(start)
      t.clock.set(new Date(new Date(start).getTime() + 50 * 60_000))
      await freshSessions(t.app, coach)
      const actionId = await draftNotesWithAction(t.app, coach, c.id, {
        privateNotes: { whoAmIPrivateNotes: SECRET },
        action: { summary: 'Book a maths course', dueOn: '2026-03-31' },
      })
      return { c, notes: `/api/v1/bookings/${c.id}/notes`, actionId }
    }

    it('shows the summary only once the coach completes the notes, in stage order, never a private field', async () => {
      const { c, notes } = await completed('2026-03-04T09:00:00.000Z')
      const draft = await new Visitor(t.app).get(pathOf(c.token))
      expect(draft.body).toContain('After your conversation, your coach will write a short summary')
      expect(draft.body).not.toContain('Find a route into nursing')
      expect(draft.body).not.toContain('Book a maths course')

      const done = await asStaff(t.app, coach.cookie, 'POST', `${notes}/complete`, { version: 1 })
      expect(done.statusCode, done.body).toBe(200)
      const page = await new Visitor(t.app).get(pathOf(c.token))
      expect(page.body).not.toContain('After your conversation, your coach will write a short summary')
      const section = page.body.slice(page.body.indexOf('id="summary"'), page.body.indexOf('id="your-information"'))
      const stages = [...section.matchAll(/<h3 class="nhsuk-heading-s">([^<]+)<\/h3>/g)].map((match) => match[1])
      expect(stages).toEqual(['Who am I?', 'What are my options?', 'Personal development', 'Taking action', 'Your actions'])
      expect(section).toContain('Find a route into nursing')
      expect(section).toContain('Nursing associate: possible later, a stretch')
      expect(section).toContain('Maths (the one to focus on first)')
      expect(page.body).not.toContain(SECRET)
      expect(section).toContain('Book a maths course')
      expect(section).toContain('Tuesday 31 March 2026')
      expect(section).toMatch(/name="status" type="radio" value="not_started" checked/)
      // The preparation is read-only after the conversation.
      expect(page.body).not.toContain('<textarea name="answers.')
    })

    it("changes an action's status with a comment; bad input gets the error summary; another booking's link changes nothing", async () => {
      const { c, notes, actionId } = await completed('2026-03-05T09:00:00.000Z')
      expect((await asStaff(t.app, coach.cookie, 'POST', `${notes}/complete`, { version: 1 })).statusCode).toBe(200)
      const visitor = new Visitor(t.app)
      await visitor.get(pathOf(c.token))
      const url = `${pathOf(c.token)}/actions/${actionId}/status`

      const none = await visitor.post(url, {})
      expect(none.statusCode).toBe(400)
      expect(errorSummary(none.body)).toEqual([`#action-${actionId}-status Select how the action is going`])
      const long = await visitor.post(url, { status: 'done', comment: 'x'.repeat(501) })
      expect(long.statusCode).toBe(400)
      expect(errorSummary(long.body)[0]).toMatch(new RegExp(`^#action-${actionId}-comment `))

      const changed = await visitor.post(url, { status: 'in_progress', comment: 'Found a course at the college' })
      expect(changed.statusCode).toBe(303)
      expect(changed.headers.location).toBe(`${pathOf(c.token)}?saved=action#action-${actionId}`)
      const page = await visitor.get(changed.headers.location as string)
      expect(page.body).toContain('Your action has been updated.')
      expect(page.body).toMatch(/name="status" type="radio" value="in_progress" checked/)
      expect(page.body).toContain('Found a course at the college')
      const { rows } = await t.app.pg.query(`SELECT status FROM actions WHERE id = $1`, [actionId])
      expect(rows[0].status).toBe('in_progress')

      // Another booking's link, with this action's id: nothing changes, nothing is shown.
      const other = await conversation('2026-03-06T09:00:00.000Z')
      const stranger = new Visitor(t.app)
      await stranger.get(pathOf(other.token))
      const refused = await stranger.post(`${pathOf(other.token)}/actions/${actionId}/status`, { status: 'done' })
      expect(refused.statusCode).toBe(303)
      expect(refused.headers.location).toBe(`${pathOf(other.token)}#summary`)
      const otherPage = await stranger.get(pathOf(other.token))
      expect(otherPage.body).not.toContain('Book a maths course')
      const still = await t.app.pg.query(`SELECT status FROM actions WHERE id = $1`, [actionId])
      expect(still.rows[0].status).toBe('in_progress')
      // And a link that is no link: the one "This link does not work" page.
      const bogus = await stranger.post(`/bookings/manage/not-a-token/actions/${actionId}/status`, { status: 'done' })
      expect(bogus.statusCode).toBe(404)
      const bogusPrep = await stranger.post(`/bookings/manage/not-a-token/preparation`, { 'answers.conversationGoal': 'x' })
      expect(bogusPrep.statusCode).toBe(404)
    })
  })
})
