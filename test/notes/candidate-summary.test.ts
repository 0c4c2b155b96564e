import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allFields, getConversationModel } from '../../src/domain/conversation-models/index.js'
import { CandidateActionSchema, SummaryReply } from '../../src/http/notes-routes.js'
import { buildTestApp, type TestApp } from '../helper.js'
import {
  anAction,
  asCandidate,
  asStaff,
  auditActions,
  createConversation,
  createProgramme,
  signedIn,
  type Conversation,
  type SignedIn,
} from './notes-fixtures.js'

const SECRET = 'PRIVATE-7f3a'

/**
 * What the candidate sees: the shared parts of the notes, shared addenda and
 * their actions, never a private field. The test fills every private field
 * (and slips private values into the stored notes behind the service's back)
 * and looks for them in every answer a candidate can get.
 */
describe("the candidate's summary", () => {
  let t: TestApp
  let coach: SignedIn
  let conversation: Conversation
  let actionId: string

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-04T11:00:00.000Z')
    const programme = await createProgramme(t.app)
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
    conversation = await createConversation(t.app, programme.id, coach.coachId!, '2026-03-04T10:00:00.000Z')
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('is not ready until the coach completes the notes', async () => {
    const response = await asCandidate(t.app, conversation.token, 'GET', `/api/v1/bookings/${conversation.id}/summary`)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      bookingId: conversation.id,
      ready: false,
      completedAt: null,
      coachFirstName: 'Amina',
      stages: [],
      addenda: [],
      noActionsAgreed: false,
      actions: [],
    })
  })

  it('shows the shared notes in stage order, shared addenda and the actions, and nothing private', async () => {
    const model = getConversationModel('four-stage', 1)!
    const privateValues = Object.fromEntries(
      allFields(model)
        .filter((field) => field.visibility === 'private')
        .map((field) => [field.key, `${SECRET} ${field.key}`]),
    )
    expect(Object.keys(privateValues).length).toBeGreaterThanOrEqual(4)
    const saved = await asStaff(t.app, coach.cookie, 'PUT', `/api/v1/bookings/${conversation.id}/notes`, {
      version: 0,
      values: {
        purpose: 'Find a route into nursing',
        strengths: ['Calm', 'Kind'],
        optionsDiscussed: [
          { role: 'Nursing associate', timing: 'later', realism: 'stretch', notes: 'Apprenticeship route' },
          { role: 'Healthcare assistant', timing: 'now', realism: 'realistic' },
        ],
        developmentNeeds: [{ need: 'Confidence at interview', isFocus: false }, { need: 'Maths', isFocus: true }],
        confidence: 'fairlyConfident',
        ...privateValues,
      },
    })
    expect(saved.statusCode).toBe(200)
    const action = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/actions`, anAction())
    actionId = action.json().id
    expect((await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/complete`, { version: 1 })).statusCode).toBe(200)
    await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/addenda`, { text: `${SECRET} addendum`, visibility: 'private' })
    await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/addenda`, { text: 'She has applied since', visibility: 'shared' })

    // Behind the service's back: a key the model does not know, and extra keys inside structured values.
    await t.app.pg.query(
      `UPDATE conversation_notes
          SET note_values = note_values
                || jsonb_build_object('secretKey', $2::text)
                || jsonb_build_object('optionsDiscussed', jsonb_build_array(
                     jsonb_build_object('role', 'Nursing associate', 'timing', 'later', 'realism', 'stretch', 'coachOnly', $2::text)))
                || jsonb_build_object('developmentNeeds', jsonb_build_array(
                     jsonb_build_object('need', 'Maths', 'isFocus', true, 'privateReason', $2::text)))
        WHERE booking_id = $1`,
      [conversation.id, SECRET],
    )

    const response = await asCandidate(t.app, conversation.token, 'GET', `/api/v1/bookings/${conversation.id}/summary`)
    expect(response.statusCode).toBe(200)
    expect(response.body).not.toContain(SECRET)
    const summary = response.json()
    expect(summary.ready).toBe(true)
    expect(summary.stages.map((stage: { key: string }) => stage.key)).toEqual(['whoAmI', 'options', 'personalDevelopment', 'takingAction'])
    expect(summary.stages[0].entries).toEqual([
      { key: 'purpose', label: 'Purpose of the conversation', kind: 'text', text: 'Find a route into nursing' },
      // Spoken to the candidate (the model's candidateLabel), not about them.
      { key: 'strengths', label: 'Your skills and strengths', kind: 'list', items: ['Calm', 'Kind'] },
    ])
    expect(summary.stages[1].entries[0].options[0]).toEqual({
      role: 'Nursing associate',
      timing: 'later',
      timingLabel: 'Possible later',
      realism: 'stretch',
      realismLabel: 'A stretch',
      notes: null,
    })
    expect(summary.stages[3].entries).toEqual([{ key: 'confidence', label: 'How confident you feel about taking these steps', kind: 'choice', text: 'Fairly confident' }])
    expect(summary.addenda).toEqual([{ text: 'She has applied since', createdAt: t.clock.now().toISOString() }])
    expect(summary.actions).toEqual([
      expect.objectContaining({ id: actionId, summary: 'Look at healthcare assistant roles on NHS Jobs', ownerLabel: 'You', status: 'not_started' }),
    ])
    const audit = await auditActions(t.app, conversation.id)
    expect(audit.at(-1)).toMatchObject({ actor: `candidate:${conversation.id}`, action: 'notes.summary_read' })
  })

  it('never lets a private value out in any answer a candidate can get', async () => {
    const headers = { authorization: `Bearer ${conversation.token}` }
    const answers = [
      await t.app.inject({ url: `/api/v1/bookings/${conversation.id}/summary`, headers }),
      await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${conversation.id}/actions/${actionId}/status`, headers, payload: { status: 'in_progress', comment: 'Started' } }),
      await t.app.inject({ url: `/api/v1/bookings/${conversation.id}`, headers }),
      await t.app.inject({ url: `/api/v1/bookings/${conversation.id}/preparation`, headers }),
      await t.app.inject({ url: `/api/v1/bookings/${conversation.id}/notes`, headers }),
      await t.app.inject({ url: `/bookings/manage/${conversation.token}` }),
    ]
    for (const answer of answers) expect(answer.body).not.toContain(SECRET)
    expect(answers[1]!.statusCode).toBe(200)
    expect(answers[4]!.statusCode).toBe(403)
  })

  it('its response schemas drop whatever is not declared, however it got there', async () => {
    const probe = Fastify()
    probe.get('/summary', { schema: { response: { 200: SummaryReply } } }, async () => ({
      bookingId: 'b',
      ready: true,
      completedAt: null,
      coachFirstName: 'Amina',
      privateNotes: SECRET,
      values: { whoAmIPrivateNotes: SECRET },
      stages: [{ key: 'whoAmI', title: 'Who am I?', privateNotes: SECRET, entries: [{ key: 'purpose', label: 'Purpose', kind: 'text', text: 'ok', private: SECRET }] }],
      addenda: [{ text: 'shared', createdAt: '2026-03-04T11:00:00.000Z', visibility: 'private', author: SECRET }],
      noActionsAgreed: false,
      actions: [],
    }))
    probe.get('/action', { schema: { response: { 200: CandidateActionSchema } } }, async () => ({
      id: 'a',
      summary: 's',
      owner: 'candidate',
      ownerLabel: 'You',
      dueOn: '2026-03-31',
      category: 'other',
      categoryLabel: 'Other',
      resource: null,
      status: 'done',
      statusLabel: 'Done',
      statusChangedAt: '2026-03-04T11:00:00.000Z',
      history: [{ from: null, to: 'done', at: '2026-03-04T11:00:00.000Z', by: 'coach', comment: null, actorName: SECRET }],
      createdBy: SECRET,
    }))
    try {
      for (const url of ['/summary', '/action']) {
        const response = await probe.inject(url)
        expect(response.statusCode).toBe(200)
        expect(response.body).not.toContain(SECRET)
      }
    } finally {
      await probe.close()
    }
  })
})
