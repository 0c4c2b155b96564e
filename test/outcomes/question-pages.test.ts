import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { TestClock, buildTestApp, type TestApp } from '../helper.js'
import { Visitor, errorSummary, pageText } from '../support/visitor.js'
import { asStaff, createConversation, createProgramme, signedIn, type Conversation, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * The candidate's pages of questions, without JavaScript (plain form posts):
 * feedback answered, changed and declined; what they have done since at 3
 * and 12 months, and "do not ask again"; each refusal in the NHS error
 * summary; nothing before the conversation is held or before a follow-up's day.
 */
describe('the questions after a conversation, as pages', () => {
  let t: TestApp
  let coach: SignedIn
  let programmeId: string

  beforeAll(async () => {
    t = await buildTestApp({ clock: new TestClock(new Date('2026-03-04T11:00:00Z')) })
    programmeId = (await createProgramme(t.app)).id
  })
  afterAll(async () => {
    await t?.app.close()
  })

  async function conversation(held = true): Promise<Conversation & { base: string }> {
    t.clock.set(new Date('2026-03-04T11:00:00Z'))
    // A coach of its own: each conversation is at the same time.
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
    const c = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T10:00:00.000Z')
    if (held) {
      const recorded = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${c.id}/outcome`, { outcome: 'held' })
      expect(recorded.statusCode, recorded.body).toBe(200)
    }
    return { ...c, base: `/bookings/manage/${c.token}` }
  }

  const feedbackRow = async (bookingId: string) =>
    (await t.app.pg.query(`SELECT status, usefulness, knows_next_step, confidence, comment FROM conversation_feedback WHERE booking_id = $1`, [bookingId])).rows[0]

  it('answers, changes and declines the feedback; the candidate\'s page links to it', async () => {
    const c = await conversation()
    const visitor = new Visitor(t.app)
    const manage = await visitor.get(c.base)
    expect(manage.body).toContain(`href="${c.base}/feedback"`)
    expect(pageText(manage.body)).toContain('Tell us how your conversation went')

    const page = await visitor.get(`${c.base}/feedback`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Your conversation with Amina on Wednesday 4 March 2026')
    // The notes' own confidence scale, so before and after compare.
    for (const value of ['confident', 'fairlyConfident', 'notConfident']) expect(page.body).toContain(`value="${value}"`)

    const answered = await visitor.post(`${c.base}/feedback`, { usefulness: 'quite_useful', knowsNextStep: 'partly', confidence: 'fairlyConfident', comment: '  Kind and clear  ' })
    expect(answered.statusCode).toBe(303)
    expect(answered.headers.location).toBe(`${c.base}/feedback?saved=answered`)
    expect(await feedbackRow(c.id)).toEqual({ status: 'answered', usefulness: 'quite_useful', knows_next_step: 'partly', confidence: 'fairlyConfident', comment: 'Kind and clear' })
    const shown = await visitor.get(`${c.base}/feedback?saved=answered`)
    expect(pageText(shown.body)).toContain('Thank you, your answers have been saved')
    expect(shown.body).toMatch(/value="quite_useful" checked/)
    expect(shown.body).toContain('Kind and clear</textarea>')

    // Changed: a question left blank now is blank in the record.
    await visitor.post(`${c.base}/feedback`, { usefulness: 'very_useful', confidence: 'confident' })
    expect(await feedbackRow(c.id)).toEqual({ status: 'answered', usefulness: 'very_useful', knows_next_step: null, confidence: 'confident', comment: null })
    expect(pageText((await visitor.get(c.base)).body)).toContain('Change your feedback on the conversation')

    // Declined: nothing of the answers is kept.
    const declined = await visitor.post(`${c.base}/feedback/decline`, {})
    expect(declined.headers.location).toBe(`${c.base}/feedback?saved=declined`)
    expect(await feedbackRow(c.id)).toEqual({ status: 'declined', usefulness: null, knows_next_step: null, confidence: null, comment: null })
    expect(pageText((await visitor.get(`${c.base}/feedback?saved=declined`)).body)).toContain('We will not ask you about this conversation again')
    expect(pageText((await visitor.get(c.base)).body)).toContain('(you chose not to answer)')
  })

  it('refuses an empty form, an unknown choice and a comment too long, in the error summary, keeping what was typed', async () => {
    const c = await conversation()
    const visitor = new Visitor(t.app)
    await visitor.get(`${c.base}/feedback`)
    const empty = await visitor.post(`${c.base}/feedback`, { comment: '   ' })
    expect(empty.statusCode).toBe(400)
    expect(errorSummary(empty.body)).toEqual(['#usefulness Answer at least one question, or choose &quot;I would rather not answer&quot;'])
    const wrong = await visitor.post(`${c.base}/feedback`, { usefulness: 'amazing', knowsNextStep: 'yes', comment: 'x'.repeat(2001) })
    expect(wrong.statusCode).toBe(400)
    expect(errorSummary(wrong.body)).toEqual(['#usefulness Select how useful the conversation was', '#comment Your comment must be 2000 characters or fewer'])
    expect(wrong.body).toMatch(/value="yes" checked/)
    expect(await feedbackRow(c.id)).toBeUndefined()
  })

  it('asks nothing before the conversation is held, and a link that does not work gets the usual page', async () => {
    const c = await conversation(false)
    const visitor = new Visitor(t.app)
    expect((await visitor.get(c.base)).body).not.toContain('/feedback')
    const page = await visitor.get(`${c.base}/feedback`)
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toBe(c.base)
    await visitor.get('/bookings/new-link') // a page with a form, for the CSRF token (this one has none)
    const posted = await visitor.post(`${c.base}/feedback`, { usefulness: 'very_useful' })
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303)
    expect(posted.headers.location).toBe(c.base)
    expect(await feedbackRow(c.id)).toBeUndefined()
    expect((await visitor.get(`/bookings/manage/${generateToken().token}/feedback`)).statusCode).toBe(404)
    expect((await visitor.get(`/bookings/manage/${generateToken().token}/outcomes/3`)).statusCode).toBe(404)
  })

  it('asks what they have done since from the day 3 months on: several answers, "nothing yet" on its own, changed, then "do not ask again"', async () => {
    const c = await conversation()
    const visitor = new Visitor(t.app)
    // Not before its day.
    t.clock.set(new Date('2026-06-03T09:00:00Z'))
    expect((await visitor.get(`${c.base}/outcomes/3`)).headers.location).toBe(c.base)
    expect((await visitor.get(c.base)).body).not.toContain('/outcomes/3')
    t.clock.set(new Date('2026-06-04T10:00:00Z'))
    expect(pageText((await visitor.get(c.base)).body)).toContain('What you have done since, 3 months on')
    expect((await visitor.get(`${c.base}/outcomes/12`)).headers.location).toBe(c.base)

    const page = await visitor.get(`${c.base}/outcomes/3`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('What have you done since your career conversation?')

    const post = (fields: [string, string][]) =>
      t.app.inject({
        method: 'POST',
        url: `${c.base}/outcomes/3`,
        payload: new URLSearchParams([...fields, ['_csrf', visitor.csrf]]).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookie },
      })
    const none = await post([['helped', 'a_lot']])
    expect(none.statusCode).toBe(400)
    expect(errorSummary(none.body)).toEqual(['#doneSince Select what you have done since, or &quot;Nothing yet&quot;'])
    const mixed = await post([['doneSince', 'nothing_yet'], ['doneSince', 'applied_for_role']])
    expect(errorSummary(mixed.body)).toEqual(['#doneSince Select &quot;Nothing yet&quot; on its own, or only the things you have done'])

    const answered = await post([['doneSince', 'applied_for_role'], ['doneSince', 'started_training'], ['helped', 'a_lot']])
    expect(answered.statusCode).toBe(303)
    const row = async () =>
      (await t.app.pg.query(`SELECT months, status, done_since::text[] AS done, helped FROM outcome_follow_ups WHERE booking_id = $1`, [c.id])).rows
    expect(await row()).toEqual([{ months: 3, status: 'answered', done: ['started_training', 'applied_for_role'], helped: 'a_lot' }])
    const shown = await visitor.get(`${c.base}/outcomes/3?saved=answered`)
    expect(shown.body).toMatch(/value="applied_for_role" checked/)
    await post([['doneSince', 'new_role_or_more_hours']])
    expect(await row()).toEqual([{ months: 3, status: 'answered', done: ['new_role_or_more_hours'], helped: null }])

    const stopped = await visitor.post(`${c.base}/outcomes/3/stop`, {})
    expect(stopped.headers.location).toBe(`${c.base}/outcomes/3?saved=stopped`)
    // The answers given still count.
    expect(await row()).toEqual([{ months: 3, status: 'stopped', done: ['new_role_or_more_hours'], helped: null }])
    expect(pageText((await visitor.get(`${c.base}/outcomes/3?saved=stopped`)).body)).toContain('We will not ask you again')
  })
})
