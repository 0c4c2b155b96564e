import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import {
  anAction,
  asCandidate,
  asStaff,
  auditActions,
  createConversation,
  createResource,
  freshSessions,
  notesTeam,
  type Conversation,
  type SignedIn,
} from '../notes/notes-fixtures.js'

/** Agreed actions: the coach's CRUD while the notes are a draft, then status updates with history. */
describe('actions API', () => {
  let t: TestApp
  let coach: SignedIn
  let otherCoach: SignedIn
  let admin: SignedIn
  let programmeId: string
  let resourceId: string
  let conversation: Conversation
  let other: Conversation
  const actions = (c = conversation) => `/api/v1/bookings/${c.id}/actions`

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-04T10:30:00.000Z')
    ;({ programmeId, coach, otherCoach, admin } = await notesTeam(t.app))
    resourceId = await createResource(t.app, programmeId)
    conversation = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T10:00:00.000Z')
    other = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T09:00:00.000Z')
  })
  afterAll(async () => {
    await t.app.close()
  })

  it("lists the programme's resource library for the coach", async () => {
    const response = await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/resources`)
    expect(response.statusCode).toBe(200)
    expect(response.json().resources).toEqual([
      { id: resourceId, title: 'Health Careers: explore roles', url: 'https://www.healthcareers.nhs.uk/explore-roles', description: 'Over 350 roles in health and care' },
    ])
    expect((await asStaff(t.app, otherCoach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/resources`)).statusCode).toBe(404)
  })

  it('adds actions with a resource from the library or a free link, each starting "not started" with its first history entry', async () => {
    const fromLibrary = await asStaff(t.app, coach.cookie, 'POST', actions(), anAction({ resourceId, category: 'networking_or_information' }))
    expect(fromLibrary.statusCode).toBe(201)
    expect(fromLibrary.json()).toMatchObject({
      summary: 'Look at healthcare assistant roles on NHS Jobs',
      owner: 'candidate',
      dueOn: '2026-03-31',
      category: 'networking_or_information',
      resource: { id: resourceId, title: 'Health Careers: explore roles', url: 'https://www.healthcareers.nhs.uk/explore-roles' },
      status: 'not_started',
      history: [{ from: null, to: 'not_started', actor: 'coach', actorStaffUserId: coach.id, comment: null }],
    })
    const withLink = await asStaff(
      t.app,
      coach.cookie,
      'POST',
      actions(),
      anAction({ summary: 'Ask the ward manager about shadowing', owner: 'coach', category: 'work_experience_or_shadowing', link: { url: 'https://example.org/shadowing', title: 'Shadowing guide' } }),
    )
    expect(withLink.statusCode).toBe(201)
    expect(withLink.json().resource).toEqual({ id: null, title: 'Shadowing guide', url: 'https://example.org/shadowing', description: null })
    const notes = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
    expect(notes.actions.map((a: { summary: string }) => a.summary)).toEqual([
      'Look at healthcare assistant roles on NHS Jobs',
      'Ask the ward manager about shadowing',
    ])
  })

  it('says what is wrong with an action, field by field', async () => {
    const response = await asStaff(t.app, coach.cookie, 'POST', actions(), {
      summary: ' ',
      owner: 'someone',
      dueOn: '2026-02-30',
      category: 'fun',
      resourceId,
      link: { url: 'javascript:alert(1)' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([
      { field: 'summary', message: 'Enter what the action is' },
      { field: 'owner', message: 'Select who will do it' },
      { field: 'dueOn', message: 'The due date must be a real date, for example 27 3 2026' },
      { field: 'category', message: 'Select what kind of action it is' },
      { field: 'link.url', message: 'Enter a link that starts with https://, like https://www.healthcareers.nhs.uk' },
    ])
    const both = await asStaff(t.app, coach.cookie, 'POST', actions(), anAction({ resourceId, link: { url: 'https://example.org' } }))
    expect(both.json().fields).toEqual([{ field: 'link.url', message: 'Choose a resource from the list or enter a link, not both' }])
    const unknownResource = await asStaff(t.app, coach.cookie, 'POST', actions(), anAction({ resourceId: '00000000-0000-4000-8000-000000000000' }))
    expect(unknownResource.json().fields).toEqual([{ field: 'resourceId', message: 'Choose a resource from the list' }])
  })

  it('changes and removes actions while the notes are a draft; a status change there is kept in the history', async () => {
    const list = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json().actions
    const changed = await asStaff(t.app, coach.cookie, 'PUT', `${actions()}/${list[0].id}`, anAction({ summary: 'Apply for two HCA roles', status: 'in_progress' }))
    expect(changed.statusCode).toBe(200)
    expect(changed.json()).toMatchObject({ summary: 'Apply for two HCA roles', status: 'in_progress', resource: null })
    expect(changed.json().history.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'not_started'],
      ['not_started', 'in_progress'],
    ])
    const extra = await asStaff(t.app, coach.cookie, 'POST', actions(), anAction({ summary: 'To remove' }))
    expect((await asStaff(t.app, coach.cookie, 'DELETE', `${actions()}/${extra.json().id}`)).statusCode).toBe(204)
    expect((await asStaff(t.app, coach.cookie, 'DELETE', `${actions()}/${extra.json().id}`)).statusCode).toBe(404)
    expect((await asStaff(t.app, coach.cookie, 'PUT', `${actions(other)}/${list[0].id}`, anAction())).statusCode).toBe(404)
    const log = (await auditActions(t.app, conversation.id)).map((entry) => entry.action)
    expect(log).toEqual(expect.arrayContaining(['actions.created', 'actions.updated', 'actions.deleted']))
  })

  it("keeps other coaches out (404) and admins from writing (403)", async () => {
    expect((await asStaff(t.app, otherCoach.cookie, 'POST', actions(), anAction())).statusCode).toBe(404)
    expect((await asStaff(t.app, admin.cookie, 'POST', actions(), anAction())).statusCode).toBe(403)
    expect((await asCandidate(t.app, conversation.token, 'POST', actions(), anAction())).statusCode).toBe(403)
  })

  describe('once the notes are complete', () => {
    let actionId: string
    const status = (id: string, c = conversation) => `${actions(c)}/${id}/status`

    beforeAll(async () => {
      const saved = await asStaff(t.app, coach.cookie, 'PUT', `/api/v1/bookings/${conversation.id}/notes`, { version: 0, values: { purpose: 'Next steps' } })
      expect(saved.statusCode).toBe(200)
      const done = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/complete`, { version: 1 })
      expect(done.statusCode).toBe(200)
      actionId = done.json().actions[0].id
    })

    it('a status change is refused before completion: the candidate sees no action yet (404)', async () => {
      await asStaff(t.app, coach.cookie, 'POST', actions(other), anAction())
      const draft = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${other.id}/notes`)).json()
      const response = await asCandidate(t.app, other.token, 'POST', status(draft.actions[0].id, other), { status: 'done' })
      expect(response.statusCode).toBe(404)
      const byCoach = await asStaff(t.app, coach.cookie, 'POST', status(draft.actions[0].id, other), { status: 'done' })
      expect(byCoach.json().error).toBe('notes_not_complete')
    })

    it('the candidate marks an action done with a short comment, kept with who and when; audited', async () => {
      t.clock.set('2026-03-20T18:00:00.000Z')
      const response = await asCandidate(t.app, conversation.token, 'POST', status(actionId), { status: 'done', comment: '  Applied for two roles  ' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ id: actionId, status: 'done', statusLabel: 'Done', statusChangedAt: '2026-03-20T18:00:00.000Z' })
      expect(response.json().history.at(-1)).toEqual({ from: 'in_progress', to: 'done', at: '2026-03-20T18:00:00.000Z', by: 'candidate', comment: 'Applied for two roles' })
      const audit = await auditActions(t.app, conversation.id)
      expect(audit.at(-1)).toMatchObject({ actor: `candidate:${conversation.id}`, action: 'actions.status_changed', details: { actionId, from: 'in_progress', to: 'done' } })
    })

    it('keeps a comment on its own, and refuses a bad status or a long comment', async () => {
      const comment = await asCandidate(t.app, conversation.token, 'POST', status(actionId), { status: 'done', comment: 'Interview next week' })
      expect(comment.json().history.at(-1)).toMatchObject({ from: 'done', to: 'done', comment: 'Interview next week' })
      const bad = await asCandidate(t.app, conversation.token, 'POST', status(actionId), { status: 'finished', comment: 'x'.repeat(501) })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['status', 'comment'])
    })

    it("another booking's link opens nothing (404); the coach and an admin can update too", async () => {
      expect((await asCandidate(t.app, other.token, 'POST', status(actionId), { status: 'done' })).statusCode).toBe(404)
      expect((await asCandidate(t.app, other.token, 'POST', status(actionId, other), { status: 'done' })).statusCode).toBe(404)
      await freshSessions(t.app, coach, admin, otherCoach)
      const byAdmin = await asStaff(t.app, admin.cookie, 'POST', status(actionId), { status: 'no_longer_relevant' })
      expect(byAdmin.statusCode).toBe(200)
      expect(byAdmin.json().history.at(-1)).toMatchObject({ by: 'programme_team', comment: null })
      expect((await asStaff(t.app, otherCoach.cookie, 'POST', status(actionId), { status: 'done' })).statusCode).toBe(404)
      const staffView = (await asStaff(t.app, coach.cookie, 'GET', `/api/v1/bookings/${conversation.id}/notes`)).json()
      expect(staffView.actions[0].history.at(-1)).toMatchObject({ actor: 'admin', actorStaffUserId: admin.id, actorName: admin.name })
    })
  })
})
