import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { waitingJobs } from '../support/jobs.js'
import {
  anAction,
  asCandidate,
  asStaff,
  auditActions,
  createConversation,
  createProgramme,
  freshSessions,
  notesTeam,
  signedIn,
  type Conversation,
  type SignedIn,
} from './notes-fixtures.js'

/** The coach's notes API: every rule, on the real app and its own database. */
describe('conversation notes API', () => {
  let t: TestApp
  let coach: SignedIn
  let otherCoach: SignedIn
  let admin: SignedIn
  let programmeId: string
  let conversation: Conversation
  const start = '2026-03-04T10:00:00.000Z'
  const url = (id = conversation.id) => `/api/v1/bookings/${id}/notes`

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-04T09:55:00.000Z')
    ;({ programmeId, coach, otherCoach, admin } = await notesTeam(t.app, { coach: 'Amina Okafor' }))
    conversation = await createConversation(t.app, programmeId, coach.coachId!, start)
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('starts empty, against the programme model, and the read is audited', async () => {
    const response = await asStaff(t.app, coach.cookie, 'GET', url())
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      bookingId: conversation.id,
      model: { key: 'four-stage', version: 2 }, // the latest: version 2 asks the short preparation form
      status: 'not_started',
      version: 0,
      values: {},
      noActionsAgreed: false,
      actions: [],
      addenda: [],
      outcome: null,
    })
    const audit = await auditActions(t.app, conversation.id)
    expect(audit).toContainEqual(expect.objectContaining({ actor: `staff:${coach.id}`, action: 'notes.read', result: 'success' }))
  })

  it('saves a draft with a version number, and refuses a stale save (409 stale_notes) without overwriting', async () => {
    const first = await asStaff(t.app, coach.cookie, 'PUT', url(), {
      version: 0,
      values: {
        purpose: '  Find a route into nursing  ',
        strengths: ['Calm under pressure', '', 'Good with people'],
        optionsDiscussed: [{ role: 'Nursing associate', timing: 'later', realism: 'stretch' }],
        developmentNeeds: [{ need: 'Maths for drug calculations', isFocus: true }, { need: 'Confidence at interview', isFocus: false }],
        whoAmIPrivateNotes: 'Seemed tired',
      },
    })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ status: 'draft', version: 1, updatedBy: { id: coach.id, name: 'Amina Okafor' } })
    expect(first.json().values.purpose).toBe('Find a route into nursing')
    expect(first.json().values.strengths).toEqual(['Calm under pressure', 'Good with people'])

    // The same tab saves on: version 1 → 2.
    const second = await asStaff(t.app, coach.cookie, 'PUT', url(), { version: 1, values: { ...first.json().values, experience: 'Vaccinator for 2 years' } })
    expect(second.statusCode).toBe(200)
    expect(second.json().version).toBe(2)

    // A second tab still at version 1: refused, told who saved and when, nothing written.
    const stale = await asStaff(t.app, coach.cookie, 'PUT', url(), { version: 1, values: { purpose: 'Something else' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({
      error: 'stale_notes',
      current: { version: 2, updatedAt: t.clock.now().toISOString(), updatedBy: { id: coach.id, name: 'Amina Okafor' } },
    })
    expect(stale.json().message).toMatch(/someone else saved/i)
    const read = await asStaff(t.app, coach.cookie, 'GET', url())
    expect(read.json().values.purpose).toBe('Find a route into nursing')
    expect(read.json().version).toBe(2)
  })

  it('keeps the version when a save changes nothing', async () => {
    const read = (await asStaff(t.app, coach.cookie, 'GET', url())).json()
    const again = await asStaff(t.app, coach.cookie, 'PUT', url(), { version: read.version, values: read.values })
    expect(again.statusCode).toBe(200)
    expect(again.json().version).toBe(read.version)
  })

  it('refuses values the model does not accept, naming each field, and saves nothing', async () => {
    const response = await asStaff(t.app, coach.cookie, 'PUT', url(), {
      version: 2,
      values: {
        purpose: 'x',
        favouriteColour: 'blue',
        optionsDiscussed: [{ role: 'Porter', timing: 'soon' }],
        developmentNeeds: [{ need: 'a', isFocus: true }, { need: 'b', isFocus: true }],
        actions: [],
      },
    })
    expect(response.statusCode).toBe(400)
    const fields = response.json().fields.map((f: { field: string }) => f.field)
    expect(fields).toEqual(
      expect.arrayContaining([
        'values.favouriteColour',
        'values.optionsDiscussed[0].timing',
        'values.optionsDiscussed[0].realism',
        'values.developmentNeeds',
        'values.actions',
      ]),
    )
    expect((await asStaff(t.app, coach.cookie, 'GET', url())).json().version).toBe(2)
  })

  it('lets only its coach write; an admin reads (audited) but cannot write; another coach gets 404; a candidate 403', async () => {
    expect((await asStaff(t.app, otherCoach.cookie, 'GET', url())).statusCode).toBe(404)
    expect((await asStaff(t.app, otherCoach.cookie, 'PUT', url(), { version: 2, values: {} })).statusCode).toBe(404)
    const adminRead = await asStaff(t.app, admin.cookie, 'GET', url())
    expect(adminRead.statusCode).toBe(200)
    expect(adminRead.json().values.whoAmIPrivateNotes).toBe('Seemed tired')
    const adminWrite = await asStaff(t.app, admin.cookie, 'PUT', url(), { version: 2, values: {} })
    expect(adminWrite.statusCode).toBe(403)
    expect((await asCandidate(t.app, conversation.token, 'GET', url())).statusCode).toBe(403)
    expect((await t.app.inject({ url: url() })).statusCode).toBe(401)
    const audit = await auditActions(t.app, conversation.id)
    expect(audit).toContainEqual(expect.objectContaining({ actor: `staff:${admin.id}`, action: 'notes.read' }))
    expect(audit.filter((entry) => entry.actor === `staff:${otherCoach.id}`)).toEqual([])
  })

  it('records every change in the audit log', async () => {
    const audit = await auditActions(t.app, conversation.id)
    const saved = audit.filter((entry) => entry.action === 'notes.saved')
    expect(saved.map((entry) => entry.details.version)).toEqual([1, 2])
  })

  it('completes only with the minimum: purpose and an action (or none agreed), and only once the conversation has started', async () => {
    const early = await asStaff(t.app, coach.cookie, 'POST', `${url()}/complete`, { version: 2 })
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toBe('conversation_not_started')

    t.clock.set('2026-03-04T10:46:00.000Z')
    await freshSessions(t.app, coach, admin)
    const other = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T08:00:00.000Z')
    const nothing = await asStaff(t.app, coach.cookie, 'POST', `${url(other.id)}/complete`, { version: 0 })
    expect(nothing.statusCode).toBe(400)
    expect(nothing.json().fields).toEqual([
      { field: 'purpose', message: 'Enter the purpose of the conversation' },
      { field: 'actions', message: 'Add at least one agreed action, or tick "No actions were agreed"' },
    ])

    const noAction = await asStaff(t.app, coach.cookie, 'POST', `${url()}/complete`, { version: 2 })
    expect(noAction.statusCode).toBe(400)
    expect(noAction.json().fields).toEqual([{ field: 'actions', message: 'Add at least one agreed action, or tick "No actions were agreed"' }])

    const stale = await asStaff(t.app, coach.cookie, 'POST', `${url()}/complete`, { version: 1 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error).toBe('stale_notes')

    const action = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/actions`, anAction())
    expect(action.statusCode).toBe(201)
  })

  it('locks the notes on completion, marks the conversation held and queues the summary and the check-in with it', async () => {
    const done = await asStaff(t.app, coach.cookie, 'POST', `${url()}/complete`, { version: 2 })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({
      status: 'complete',
      version: 3,
      completedAt: t.clock.now().toISOString(),
      completedBy: { id: coach.id, name: 'Amina Okafor' },
      outcome: { outcome: 'held' },
    })
    const booking = await t.app.pg.query('SELECT status FROM bookings WHERE id = $1', [conversation.id])
    expect(booking.rows[0].status).toBe('completed')
    const events = await t.app.pg.query(`SELECT kind, actor FROM booking_events WHERE booking_id = $1`, [conversation.id])
    expect(events.rows).toEqual([{ kind: 'completed', actor: 'coach' }])

    const jobs = await waitingJobs(t.app, 'send-email')
    const mine = jobs.filter((job) => job.payload.bookingId === conversation.id)
    // With the candidate's feedback and outcome follow-ups (test/outcomes/question-emails).
    expect(mine.map((job) => job.payload.email).sort()).toEqual(['action-check-in', 'conversation-feedback', 'conversation-summary', 'outcome-follow-up', 'outcome-follow-up'])
    const checkIn = mine.find((job) => job.payload.email === 'action-check-in')!
    expect(checkIn.key).toBe(`booking:${conversation.id}:action-check-in`)
    expect(checkIn.run_at.toISOString()).toBe('2026-04-01T10:00:00.000Z') // 4 weeks after the conversation

    expect((await auditActions(t.app, conversation.id)).map((entry) => entry.action)).toContain('notes.completed')
  })

  it('refuses edits after completion (409 notes_complete): notes, actions, completing again', async () => {
    const edit = await asStaff(t.app, coach.cookie, 'PUT', url(), { version: 3, values: { purpose: 'changed' } })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().error).toBe('notes_complete')
    const again = await asStaff(t.app, coach.cookie, 'POST', `${url()}/complete`, { version: 3 })
    expect(again.json().error).toBe('notes_complete')
    const add = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/actions`, anAction())
    expect(add.statusCode).toBe(409)
    const actionId = (await asStaff(t.app, coach.cookie, 'GET', url())).json().actions[0].id
    const change = await asStaff(t.app, coach.cookie, 'PUT', `/api/v1/bookings/${conversation.id}/actions/${actionId}`, anAction({ summary: 'x' }))
    expect(change.statusCode).toBe(409)
    const remove = await asStaff(t.app, coach.cookie, 'DELETE', `/api/v1/bookings/${conversation.id}/actions/${actionId}`)
    expect(remove.statusCode).toBe(409)
    expect((await asStaff(t.app, coach.cookie, 'GET', url())).json().values.purpose).toBe('Find a route into nursing')
  })

  it('takes addenda after completion only, with author and time, shared or private', async () => {
    const before = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T07:00:00.000Z')
    const early = await asStaff(t.app, coach.cookie, 'POST', `${url(before.id)}/addenda`, { text: 'Too soon', visibility: 'shared' })
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toBe('notes_not_complete')

    t.clock.advance(60 * 60_000)
    await freshSessions(t.app, coach, admin)
    const added = await asStaff(t.app, coach.cookie, 'POST', `${url()}/addenda`, { text: ' They have since applied ', visibility: 'shared' })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ text: 'They have since applied', visibility: 'shared', createdAt: t.clock.now().toISOString(), author: { id: coach.id } })
    const bad = await asStaff(t.app, coach.cookie, 'POST', `${url()}/addenda`, { text: '  ', visibility: 'everyone' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().fields.map((f: { field: string }) => f.field)).toEqual(['text', 'visibility'])
    const byAdmin = await asStaff(t.app, admin.cookie, 'POST', `${url()}/addenda`, { text: 'x', visibility: 'private' })
    expect(byAdmin.statusCode).toBe(403)
    const read = await asStaff(t.app, coach.cookie, 'GET', url())
    expect(read.json().addenda).toHaveLength(1)
    expect((await auditActions(t.app, conversation.id)).map((entry) => entry.action)).toContain('notes.addendum_added')
  })
})

describe('conversation outcomes', () => {
  let t: TestApp
  let coach: SignedIn
  let programmeId: string

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-04T12:00:00.000Z')
    programmeId = (await createProgramme(t.app)).id
    coach = await signedIn(t.app, 'coach')
  })
  afterAll(async () => {
    await t.app.close()
  })

  const outcome = (id: string, value: string) => asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${id}/outcome`, { outcome: value })

  it('marks a missed conversation: booking no_show, no notes can be written', async () => {
    const c = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T10:00:00.000Z')
    const response = await outcome(c.id, 'no_show')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ outcome: 'no_show', recordedBy: { id: coach.id } })
    expect((await t.app.pg.query('SELECT status FROM bookings WHERE id = $1', [c.id])).rows[0].status).toBe('no_show')
    const write = await asStaff(t.app, coach.cookie, 'PUT', `/api/v1/bookings/${c.id}/notes`, { version: 0, values: { purpose: 'x' } })
    expect(write.statusCode).toBe(409)
    expect(write.json().error).toBe('conversation_not_held')
    // A mistake can be put right: held after all.
    expect((await outcome(c.id, 'held')).statusCode).toBe(200)
    expect((await t.app.pg.query('SELECT status FROM bookings WHERE id = $1', [c.id])).rows[0].status).toBe('completed')
  })

  it('marks a late cancellation: booking cancelled by the candidate, kept apart from ordinary cancellations', async () => {
    const c = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T11:00:00.000Z')
    expect((await outcome(c.id, 'cancelled_late')).statusCode).toBe(200)
    const row = (await t.app.pg.query('SELECT status, cancelled_by, cancellation_reason FROM bookings WHERE id = $1', [c.id])).rows[0]
    expect(row).toEqual({ status: 'cancelled', cancelled_by: 'candidate', cancellation_reason: 'Cancelled late' })
    const events = await t.app.pg.query(`SELECT kind FROM booking_events WHERE booking_id = $1`, [c.id])
    expect(events.rows).toEqual([{ kind: 'cancelled' }])
  })

  it('refuses an outcome before the start time, an unknown one, and one for a conversation cancelled in good time', async () => {
    const future = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-05T10:00:00.000Z')
    const early = await outcome(future.id, 'held')
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toBe('conversation_not_started')
    expect((await outcome(future.id, 'maybe')).statusCode).toBe(400)
    const cancelled = await createConversation(t.app, programmeId, coach.coachId!, '2026-03-04T09:00:00.000Z')
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate' WHERE id = $1`, [cancelled.id])
    expect((await outcome(cancelled.id, 'held')).json().error).toBe('booking_cancelled')
  })
})
