/**
 * Who may change an action's status (DECISIONS.md): a candidate
 * only the actions they own; the coach the actions of their own
 * conversations; the programme team any. Each change keeps who made it. The
 * candidate's page offers the form only on their own actions, and a forged
 * post for another's is refused with 403 and the NHS error summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp } from '../helper.js'
import { asCandidate, asStaff, createConversation, createProgramme, draftNotesWithAction, signedIn, anAction } from '../notes/notes-fixtures.js'
import { Visitor, errorSummary } from '../support/visitor.js'

describe('who may change an action status', () => {
  let app: FastifyInstance
  const clock = new TestClock(new Date('2027-01-06T10:50:00.000Z'))

  beforeAll(async () => {
    ;({ app } = await buildTestApp({ clock }))
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a candidate changes only their own actions; the coach and the programme team theirs and any of the conversation; each change keeps who', async () => {
    const programme = await createProgramme(app)
    const coach = await signedIn(app, 'coach', 'Amina Okafor')
    const otherCoach = await signedIn(app, 'coach', 'Ben Other')
    const admin = await signedIn(app, 'admin', 'Pat Team')
    const conversation = await createConversation(app, programme.id, coach.coachId!, '2027-01-06T10:00:00.000Z')
    const mine = await draftNotesWithAction(app, coach, conversation.id, { action: { summary: 'Look at roles on NHS Jobs', owner: 'candidate' } })
    const add = async (summary: string, owner: string) => {
      const response = await asStaff(app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/actions`, anAction({ summary, owner }))
      expect(response.statusCode, response.body).toBe(201)
      return response.json().id as string
    }
    const coachs = await add('Send the apprenticeship guide', 'coach')
    const teams = await add('Ask the bank office about shadowing', 'programme_team')
    expect((await asStaff(app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/complete`, { version: 1 })).statusCode).toBe(200)
    const statusUrl = (id: string) => `/api/v1/bookings/${conversation.id}/actions/${id}/status`

    for (const [id, who] of [[coachs, 'coach'], [teams, 'programme team']] as const) {
      const refused = await asCandidate(app, conversation.token, 'POST', statusUrl(id), { status: 'done' })
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ error: 'not_your_action', message: expect.stringContaining(who) })
    }
    expect((await asCandidate(app, conversation.token, 'POST', statusUrl(mine), { status: 'in_progress', comment: 'Found two' })).statusCode).toBe(200)
    // The coach: their own action and the candidate's; another coach cannot see the conversation at all.
    expect((await asStaff(app, coach.cookie, 'POST', statusUrl(coachs), { status: 'done' })).statusCode).toBe(200)
    expect((await asStaff(app, coach.cookie, 'POST', statusUrl(mine), { status: 'in_progress', comment: 'Checked in' })).statusCode).toBe(200)
    expect((await asStaff(app, otherCoach.cookie, 'POST', statusUrl(coachs), { status: 'not_started' })).statusCode).toBe(404)
    // The programme team: any action.
    expect((await asStaff(app, admin.cookie, 'POST', statusUrl(teams), { status: 'done' })).statusCode).toBe(200)

    const { rows } = await app.pg.query<{ summary: string; actor: string; staff: string | null; to_status: string }>(
      `SELECT a.summary, x.actor::text, s.name AS staff, x.to_status::text FROM action_status_changes x
         JOIN actions a ON a.id = x.action_id LEFT JOIN staff_users s ON s.id = x.actor_staff_user_id
        WHERE a.booking_id = $1 AND x.from_status IS NOT NULL ORDER BY x.id`,
      [conversation.id],
    )
    expect(rows).toEqual([
      { summary: 'Look at roles on NHS Jobs', actor: 'candidate', staff: null, to_status: 'in_progress' },
      { summary: 'Send the apprenticeship guide', actor: 'coach', staff: 'Amina Okafor', to_status: 'done' },
      { summary: 'Look at roles on NHS Jobs', actor: 'coach', staff: 'Amina Okafor', to_status: 'in_progress' },
      { summary: 'Ask the bank office about shadowing', actor: 'admin', staff: 'Pat Team', to_status: 'done' },
    ])
    const statuses = await app.pg.query(`SELECT id, status::text FROM actions WHERE booking_id = $1`, [conversation.id])
    expect(Object.fromEntries(statuses.rows.map((r) => [r.id, r.status]))).toEqual({ [mine]: 'in_progress', [coachs]: 'done', [teams]: 'done' })

    // The candidate's page: a form on their own action only; a forged post for the coach's gets the error summary and 403.
    const visitor = new Visitor(app)
    const page = await visitor.get(`/bookings/manage/${conversation.token}`)
    expect(page.body).toContain(`action="/bookings/manage/${conversation.token}/actions/${mine}/status"`)
    expect(page.body).not.toContain(`/actions/${coachs}/status"`)
    expect(page.body).toContain('Your coach will update how this action is going.')
    const forged = await visitor.post(`/bookings/manage/${conversation.token}/actions/${coachs}/status`, { status: 'not_started' })
    expect(forged.statusCode).toBe(403)
    expect(errorSummary(forged.body)).toEqual([expect.stringContaining('only they can change how it is going')])
    const still = await app.pg.query(`SELECT status::text FROM actions WHERE id = $1`, [coachs])
    expect(still.rows[0].status).toBe('done')
  })
})
