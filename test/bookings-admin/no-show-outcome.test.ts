/**
 * "Did not attend": the coach's one click asks for confirmation
 * and why, in the reason codes of the National Careers Service; what was
 * recorded can be corrected on the page for 7 days after it was first
 * recorded, then no longer (nor through the API); every recording and
 * correction is audited and shows in the booking's timeline. No JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp } from '../helper.js'
import { asStaff, createConversation, createProgramme, freshSessions, signedIn } from '../notes/notes-fixtures.js'
import { pageBrowser } from '../support/staff.js'
import { errorSummary } from '../support/visitor.js'

const DAY = 24 * 60 * 60 * 1000

describe('did not attend', () => {
  let app: FastifyInstance
  const clock = new TestClock(new Date('2027-01-06T11:00:00.000Z'))

  beforeAll(async () => {
    ;({ app } = await buildTestApp({ clock }))
  })
  afterAll(async () => {
    await app?.close()
  })

  const outcomeRow = async (id: string) =>
    (await app.pg.query(`SELECT o.outcome, o.no_show_reason, o.first_recorded_at, b.status FROM conversation_outcomes o JOIN bookings b ON b.id = o.booking_id WHERE o.booking_id = $1`, [id])).rows[0]
  const audits = async (id: string) =>
    (await app.pg.query(`SELECT action, details FROM audit_events WHERE subject_id = $1 AND action LIKE 'conversation.outcome%' ORDER BY id`, [id])).rows

  it('is confirmed with a reason, corrected within 7 days, then fixed; each step audited and in the timeline', async () => {
    const programme = await createProgramme(app)
    const coach = await signedIn(app, 'coach', 'Amina Okafor')
    const admin = await signedIn(app, 'admin', 'Pat Team')
    const conversation = await createConversation(app, programme.id, coach.coachId!, '2027-01-06T10:00:00.000Z', { name: 'Jo Bloggs' })
    let browser = pageBrowser(app, { cookie: coach.cookie })
    const url = `/coach/conversations/${conversation.id}/outcome`

    // The one click asks first: nothing is recorded yet.
    const asked = await browser.post(url, { outcome: 'no_show' }, { tokenFrom: '/coach' })
    expect(asked.statusCode).toBe(200)
    expect(asked.body).toContain('Confirm that Jo Bloggs did not attend')
    for (const reason of ['Forgot', 'No longer needed', 'Work', 'Personal situation', 'Rescheduled', 'Not known']) expect(asked.body).toContain(reason)
    expect(asked.body).toContain('name="confirm" value="yes"')
    expect(await outcomeRow(conversation.id)).toBeUndefined()

    const noReason = await browser.post(url, { outcome: 'no_show', confirm: 'yes' }, { tokenFrom: '/coach' })
    expect(noReason.statusCode).toBe(400)
    expect(errorSummary(noReason.body)).toEqual(['#noShowReason Select why they did not attend'])
    expect(noReason.body).toContain('href="#noShowReason"')

    const recorded = await browser.post(url, { outcome: 'no_show', confirm: 'yes', noShowReason: 'work' }, { tokenFrom: '/coach' })
    expect(recorded.statusCode).toBe(303)
    const first = await outcomeRow(conversation.id)
    expect(first).toMatchObject({ outcome: 'no_show', no_show_reason: 'work', status: 'no_show' })
    const dashboard = await browser.get('/coach')
    expect(dashboard.body).toContain('Reason: work')
    expect(dashboard.body).toContain(`href="${url}"`)

    // Two days on, the coach corrects it: they did come.
    clock.advance(2 * DAY)
    await freshSessions(app, coach)
    browser = pageBrowser(app, { cookie: coach.cookie })
    const page = await browser.get(url)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Change what happened')
    expect(page.body).toContain('You can change this until Wednesday 13 January 2027')
    const corrected = await browser.post(url, { mode: 'correct', outcome: 'held', confirm: 'yes' }, { tokenFrom: '/coach' })
    expect(corrected.statusCode).toBe(303)
    expect(await outcomeRow(conversation.id)).toMatchObject({ outcome: 'held', no_show_reason: null, status: 'completed', first_recorded_at: first.first_recorded_at })
    // And back, with another reason; a correction to did not attend asks why too.
    const again = await browser.post(url, { mode: 'correct', outcome: 'no_show', confirm: 'yes' }, { tokenFrom: '/coach' })
    expect(again.statusCode).toBe(400)
    expect(errorSummary(again.body)).toEqual(['#noShowReason Select why they did not attend'])
    expect((await browser.post(url, { mode: 'correct', outcome: 'no_show', confirm: 'yes', noShowReason: 'forgot' }, { tokenFrom: '/coach' })).statusCode).toBe(303)
    expect(await outcomeRow(conversation.id)).toMatchObject({ outcome: 'no_show', no_show_reason: 'forgot', status: 'no_show' })

    expect(await audits(conversation.id)).toEqual([
      { action: 'conversation.outcome_recorded', details: { outcome: 'no_show', noShowReason: 'work' } },
      { action: 'conversation.outcome_corrected', details: { outcome: 'held', correctedFrom: 'no_show', previousNoShowReason: 'work' } },
      { action: 'conversation.outcome_corrected', details: { outcome: 'no_show', noShowReason: 'forgot', correctedFrom: 'held' } },
    ])

    // Over 7 days after it was first recorded: the page says whom to ask, and nothing changes it.
    clock.advance(5 * DAY + 60_000)
    await freshSessions(app, coach, admin)
    browser = pageBrowser(app, { cookie: coach.cookie })
    const late = await browser.get(url)
    expect(late.body).toContain('can no longer be changed here')
    expect(late.body).not.toContain('name="confirm"')
    expect((await browser.get('/coach')).body).not.toContain(`href="${url}"`)
    const refused = await browser.post(url, { mode: 'correct', outcome: 'held', confirm: 'yes' }, { tokenFrom: '/coach' })
    expect(refused.statusCode).toBe(409)
    expect(errorSummary(refused.body)[0]).toContain('more than 7 days ago')
    const api = await asStaff(app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/outcome`, { outcome: 'held' })
    expect(api.statusCode).toBe(409)
    expect(api.json().error).toBe('outcome_locked')
    expect(await outcomeRow(conversation.id)).toMatchObject({ outcome: 'no_show', no_show_reason: 'forgot' })

    // The programme team's timeline of the booking.
    const detail = await asStaff(app, admin.cookie, 'GET', `/api/v1/admin/bookings/${conversation.id}`)
    expect(detail.json().timeline).toContainEqual(expect.objectContaining({ kind: 'outcome_recorded', outcome: 'no_show', noShowReason: 'forgot', actorName: 'Amina Okafor' }))
    const adminPage = await app.inject({ url: `/admin/bookings/${conversation.id}`, headers: { cookie: admin.cookie } })
    expect(adminPage.body).toContain('Recorded as did not attend')
    expect(adminPage.body).toContain('Reason: forgot')
  })
})
