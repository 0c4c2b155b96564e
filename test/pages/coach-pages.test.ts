import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { pageBrowser } from '../support/staff.js'
import {
  addPreparation,
  anAction,
  asStaff,
  createConversation,
  createResource,
  freshSessions,
  notesTeam,
  type Conversation,
  type SignedIn,
} from '../notes/notes-fixtures.js'

/** The coach's pages without JavaScript: dashboard, notes form, check, complete, addenda. */
describe('coach pages', () => {
  let t: TestApp
  let coach: SignedIn
  let otherCoach: SignedIn
  let programmeId: string
  let conversation: Conversation
  let upcoming: Conversation
  let missed: Conversation

  /** A page's form post: the CSRF token from `page`, then the fields (repeated names as arrays). */
  const post = (person: SignedIn, page: string, url: string, fields: Record<string, string | string[]>) =>
    pageBrowser(t.app, { cookie: person.cookie }).post(url, fields, { tokenFrom: page })

  const notesPage = (c = conversation) => `/coach/conversations/${c.id}/notes`
  const versionOn = (html: string) => Number(html.match(/name="version" value="(\d+)"/)?.[1])

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-04T10:05:00.000Z')
    ;({ programmeId, coach, otherCoach } = await notesTeam(t.app, { coach: 'Amina Okafor' }))
    await createResource(t.app, programmeId)
    conversation = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T10:00:00.000Z', {
      name: 'Sam Taylor',
      phone: '07700 900123',
      accessibilityNeeds: 'Please speak slowly',
    })
    upcoming = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-05T14:00:00.000Z', { name: 'Jo Bloggs', phone: null })
    missed = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-02T09:00:00.000Z', { name: 'Ali Khan' })
    await addPreparation(t.app, upcoming.id, { conversationGoal: 'Find out about nursing', rolesLookedAt: 'Nursing associate' })
    await addPreparation(t.app, conversation.id, { keyStrengths: 'Calm with anxious patients' })
    const later = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-06T11:00:00.000Z', { name: 'Kim Lee' })
    await addPreparation(t.app, later.id, { strengthsAndSkills: 'Good with numbers' })
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('shows today, coming up and past conversations in the coach zone, with notes to finish', async () => {
    const page = await t.app.inject({ url: '/coach', headers: { cookie: coach.cookie } })
    expect(page.statusCode).toBe(200)
    const html = page.body
    expect(html).toContain('<p>Signed in as Amina Okafor</p>')
    expect(html).toContain('Times are UK time. Today is Wednesday 4 March 2026.')
    expect(html).toMatch(/10am to 10:45am: Sam Taylor/)
    expect(html).toContain('Phone: 07700 900123')
    expect(html).toContain('Please speak slowly')
    expect(html).toMatch(/Thursday 5 March 2026, 2pm to 2:45pm: Jo Bloggs/)
    expect(html).toContain('Find out about nursing')
    // Answers written on the first preparation form keep its questions; the short form's its own.
    expect(html).toMatch(/Which roles have you looked at\?<\/dt>\s*<dd>Nursing associate<\/dd>/)
    expect(html).toMatch(/What are your strengths and skills\?<\/dt>\s*<dd>Good with numbers<\/dd>/)
    expect(html).toContain('Video')
    expect(html).toContain('Monday 2 March 2026')
    expect(html).toMatch(/id="notes-to-finish">2</)
    expect(html).toContain(`/coach/conversations/${conversation.id}/outcome`)
  })

  it('records what happened: a missed conversation, once confirmed with why, leaves the count', async () => {
    // "Did not attend" asks for confirmation and a reason first: test/bookings-admin/no-show-outcome.test.ts.
    const asked = await post(coach, '/coach', `/coach/conversations/${missed.id}/outcome`, { outcome: 'no_show' })
    expect(asked.statusCode).toBe(200)
    expect(asked.body).toContain('did not attend')
    const response = await post(coach, '/coach', `/coach/conversations/${missed.id}/outcome`, { outcome: 'no_show', confirm: 'yes', noShowReason: 'not_known' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/coach?recorded=no_show')
    const page = await t.app.inject({ url: '/coach?recorded=no_show', headers: { cookie: coach.cookie } })
    expect(page.body).toContain('Recorded: did not attend.')
    expect(page.body).toMatch(/id="notes-to-finish">1</)
  })

  it('shows the notes form: stages in order, guidance, preparation answers, shared and private labels, the health warning', async () => {
    const page = await t.app.inject({ url: notesPage(), headers: { cookie: coach.cookie } })
    expect(page.statusCode).toBe(200)
    const html = page.body
    const order = ['1. Who am I?', '2. What are my options?', '3. Personal development', '4. Taking action'].map((title) => html.indexOf(title))
    expect(order.every((index, i) => index > 0 && (i === 0 || index > order[i - 1]!))).toBe(true)
    expect(html).toContain('Do not record health details')
    // The free-text fields count down from the notes' limit, the number written as everywhere else.
    expect(html).toMatch(/id="f-purpose"[\s\S]*?You can enter up to 10,000 characters/)
    expect(html).toContain('Guidance for this stage')
    expect(html).toMatch(/What are your key strengths\?<\/dt>\s*<dd>Calm with anxious patients<\/dd>/)
    expect(html).toContain('Shared with the candidate')
    expect(html).toContain('Private: coaches only')
    expect(html).toContain('Health Careers: explore roles')
    expect(html).toContain('/assets/notes-autosave.js')
    expect(versionOn(html)).toBe(0)
    expect((await t.app.inject({ url: notesPage(), headers: { cookie: otherCoach.cookie } })).statusCode).toBe(404)
  })

  it('saves the whole form with "Save draft", and keeps what was typed when something is wrong', async () => {
    const bad = await post(coach, notesPage(), notesPage(), {
      version: '0',
      intent: 'save',
      'f.purpose': 'Explore nursing',
      'f.optionsDiscussed.0.role': '',
      'f.optionsDiscussed.1.role': 'Nursing associate',
      'f.whoAmIPrivateNotes': 'Keep in mind: prefers mornings',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('There is a problem')
    expect(bad.body).toContain('href="#f-optionsDiscussed-1-timing"')
    expect(bad.body).toContain('Select whether it is possible now or later')
    expect(bad.body).toContain('Keep in mind: prefers mornings')
    expect(bad.body).toContain('value="Nursing associate"')

    const good = await post(coach, notesPage(), notesPage(), {
      version: '0',
      intent: 'save',
      'f.purpose': 'Explore nursing',
      'f.strengths': 'Calm\r\nKind\r\n',
      'f.optionsDiscussed.0.role': 'Nursing associate',
      'f.optionsDiscussed.0.timing': 'later',
      'f.optionsDiscussed.0.realism': 'stretch',
      'f.developmentNeeds.0.need': 'Maths',
      'f.developmentNeeds.0.focus': 'yes',
      'f.confidence': 'confident',
      'f.whoAmIPrivateNotes': 'Keep in mind: prefers mornings',
    })
    expect(good.statusCode).toBe(303)
    expect(good.headers.location).toBe(`${notesPage()}?saved=1`)
    const notes = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
    expect(notes.version).toBe(1)
    expect(notes.values).toMatchObject({
      purpose: 'Explore nursing',
      strengths: ['Calm', 'Kind'],
      optionsDiscussed: [{ role: 'Nursing associate', timing: 'later', realism: 'stretch' }],
      developmentNeeds: [{ need: 'Maths', isFocus: true }],
      confidence: 'confident',
      whoAmIPrivateNotes: 'Keep in mind: prefers mornings',
    })
    const page = await t.app.inject({ url: `${notesPage()}?saved=1`, headers: { cookie: coach.cookie } })
    expect(page.body).toContain('Your notes were saved at 10:05am.')
    expect(page.body).toContain('Calm\nKind')
    expect(versionOn(page.body)).toBe(1)
  })

  it('says when someone else saved in between, never overwriting: their time, name and version, and a reload link', async () => {
    await asStaff(t.app, coach.cookie, 'PUT', `/api/v1/bookings/${conversation.id}/notes`, {
      version: 1,
      values: { purpose: 'Saved in the other tab' },
    })
    const stale = await post(coach, notesPage(), notesPage(), { version: '1', intent: 'save', 'f.purpose': 'Typed in this tab' })
    expect(stale.statusCode).toBe(409)
    // Saved by the same coach (another tab): not named as if someone else.
    expect(stale.body).toContain('You saved these notes in another tab or window at 10:05am (version 2), after you opened them here.')
    expect(stale.body).toContain(`href="${notesPage()}"`)
    expect(stale.body).toContain('Typed in this tab')
    const notes = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
    expect(notes.values.purpose).toBe('Saved in the other tab')
  })

  it('adds and removes actions from the same form, saving the notes with them', async () => {
    const add = await post(coach, notesPage(), notesPage(), {
      version: '2',
      intent: 'add-action',
      'f.purpose': 'Explore nursing, again',
      'new.summary': 'Apply for the nursing associate apprenticeship',
      'new.owner': 'candidate',
      'new.category': 'training_or_course',
      'new.dueOn[day]': '31',
      'new.dueOn[month]': '3',
      'new.dueOn[year]': '2026',
    })
    expect(add.statusCode).toBe(303)
    expect(add.headers.location).toBe(`${notesPage()}?done=action-added#actions`)
    let notes = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
    expect(notes.values.purpose).toBe('Explore nursing, again')
    expect(notes.actions).toEqual([expect.objectContaining({ summary: 'Apply for the nursing associate apprenticeship', dueOn: '2026-03-31', owner: 'candidate' })])

    const missing = await post(coach, notesPage(), notesPage(), { version: '3', intent: 'add-action', 'f.purpose': 'Explore nursing, again', 'new.summary': 'Half typed' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('href="#new-owner"')
    expect(missing.body).toContain('href="#new-dueOn-day"')

    const extra = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/actions`, anAction({ summary: 'To remove' }))
    const remove = await post(coach, notesPage(), notesPage(), {
      version: '3',
      intent: `remove:${extra.json().id}`,
      'f.purpose': 'Explore nursing, again',
    })
    expect(remove.statusCode).toBe(303)
    notes = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
    expect(notes.actions.map((a: { summary: string }) => a.summary)).toEqual(['Apply for the nursing associate apprenticeship'])

    // A tab that still shows the removed action saves the rest, not a 404.
    const oldTab = await post(coach, notesPage(), notesPage(), {
      version: '3',
      intent: 'save',
      'f.purpose': 'Explore nursing, again',
      [`a.${extra.json().id}.summary`]: 'To remove',
    })
    expect(oldTab.statusCode).toBe(303)
  })

  it('checks the candidate-facing summary (no private notes) before completing, then locks the notes', async () => {
    const toCheck = await post(coach, notesPage(), notesPage(), { version: '3', intent: 'complete', 'f.purpose': 'Explore nursing, again', 'f.whoAmIPrivateNotes': 'Private thought' })
    expect(toCheck.statusCode).toBe(303)
    expect(toCheck.headers.location).toBe(`${notesPage()}/check`)
    const check = await t.app.inject({ url: `${notesPage()}/check`, headers: { cookie: coach.cookie } })
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Explore nursing, again')
    expect(check.body).toContain('Apply for the nursing associate apprenticeship')
    expect(check.body).toContain('Tuesday 31 March 2026')
    expect(check.body).not.toContain('Private thought')
    const version = versionOn(check.body)
    expect(version).toBe(4)

    const done = await post(coach, `${notesPage()}/check`, `${notesPage()}/complete`, { version: String(version) })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe(`${notesPage()}?done=completed`)
    const page = await t.app.inject({ url: `${notesPage()}?done=completed`, headers: { cookie: coach.cookie } })
    expect(page.body).toContain('Notes complete. The summary is on its way to the candidate.')
    expect(page.body).toContain('Private thought')
    expect(page.body).not.toContain('data-notes-form')
    expect(page.body).toContain('Add an addendum')
  })

  it('takes addenda on completed notes, and sends a save of the old form back to the completed notes', async () => {
    const empty = await post(coach, notesPage(), `${notesPage()}/addenda`, { text: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Enter the addendum')
    // Its box counts down from the addendum's limit.
    expect(empty.body).toMatch(/data-maxlength="10000"[\s\S]*?id="addendum-text"[\s\S]*?You can enter up to 10,000 characters/)
    const added = await post(coach, notesPage(), `${notesPage()}/addenda`, { text: 'Called back: applied on 6 March', visibility: 'shared' })
    expect(added.statusCode).toBe(303)
    const page = await t.app.inject({ url: `${notesPage()}?done=addendum`, headers: { cookie: coach.cookie } })
    expect(page.body).toContain('Called back: applied on 6 March')
    expect(page.body).toContain('Amina Okafor, Wednesday 4 March 2026 at 10:05am')
    const late = await post(coach, notesPage(), notesPage(), { version: '5', intent: 'save', 'f.purpose': 'late edit' })
    expect(late.statusCode).toBe(303)
    expect(late.headers.location).toBe(notesPage())
  })

  it('says what is missing on the check page when the minimum is not there', async () => {
    await freshSessions(t.app, coach)
    const check = await t.app.inject({ url: `${notesPage(upcoming)}/check`, headers: { cookie: coach.cookie } })
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Enter the purpose of the conversation')
    expect(check.body).toContain('Add at least one agreed action, or tick')
    expect(check.body).toContain('You can complete the notes once the conversation has started')
    expect(check.body).not.toContain('Complete notes and send summary')
  })
})
