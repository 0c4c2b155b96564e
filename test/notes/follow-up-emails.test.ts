import { beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { runDueJobs, waitForIdleQueue, waitingJobs } from '../support/jobs.js'
import { hashToken } from '../../src/domain/booking/tokens.js'
import { asCandidate, asStaff, createConversation, createProgramme, createResource, draftNotesWithAction, freshSessions, signedIn, type SignedIn } from './notes-fixtures.js'

const DAY = 24 * 60 * 60 * 1000
const SECRET = 'PRIVATE-c0ffee'

/**
 * After the conversation, over real SMTP: the summary when the notes are
 * completed, the check-in 4 weeks later (with a link that still works), and
 * the weekly digest of overdue actions for the programme team. The test
 * clock runs some weeks after the real date, so "later" is later for the
 * database's job queue too.
 */
describe('emails after the conversation', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 10 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()) })
  let coach: SignedIn
  let admin: SignedIn
  let programmeId: string
  let resourceId: string

  beforeAll(async () => {
    programmeId = (await createProgramme(t.app)).id
    resourceId = await createResource(t.app, programmeId)
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
    admin = await signedIn(t.app, 'admin', 'Priya Shah')
  })

  async function completedConversation(email: string) {
    t.clock.set(monday.plus({ minutes: 50 }).toJSDate())
    await freshSessions(t.app, coach, admin)
    const c = await createConversation(t.app, programmeId, coach.coachId!, monday.toJSDate().toISOString(), { name: 'Sam Taylor', email })
    const dueOn = monday.plus({ days: 14 }).toISODate()!
    const actionId = await draftNotesWithAction(t.app, coach, c.id, {
      privateNotes: { whoAmIPrivateNotes: `${SECRET} one`, takingActionPrivateNotes: `${SECRET} two` },
      action: { dueOn, resourceId, summary: 'Book a maths course' },
    })
    const done = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${c.id}/notes/complete`, { version: 1 })
    expect(done.statusCode).toBe(200)
    return { conversation: c, actionId, dueOn }
  }

  it('sends the candidate their summary when the notes are completed: shared notes in stage order, actions, a lasting link', async () => {
    const { conversation } = await completedConversation('sam.summary@example.com')
    const [message] = await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(1)
    expect(message!.envelopeTo).toEqual(['sam.summary@example.com'])
    expect(message!.parsed.subject).toBe('Your career conversation summary')
    const text = message!.parsed.text ?? ''
    const html = message!.parsed.html ?? ''
    for (const part of [text, html]) {
      expect(part).toContain('Find a route into nursing')
      expect(part).toContain('Book a maths course')
      expect(part).toContain('Nursing associate: possible later, a stretch')
      expect(part).toContain('Maths (the one to focus on first)')
      expect(part).toContain(monday.toFormat('cccc d LLLL yyyy'))
      expect(part).not.toContain(SECRET)
    }
    // Plain text as a list, each label spoken to the candidate.
    expect(text).toContain('- Purpose of the conversation: Find a route into nursing')
    expect(text).toContain('- Options you discussed:\n  - Nursing associate: possible later, a stretch')
    expect(text).toContain('- Your development needs:\n  - Maths (the one to focus on first)')
    expect(text).not.toMatch(/\?:|\b(they|them|their)\b/)
    const stages = ['WHO AM I?', 'WHAT ARE MY OPTIONS?', 'PERSONAL DEVELOPMENT', 'TAKING ACTION'].map((title) => text.indexOf(title))
    expect(stages.every((index, i) => index >= 0 && (i === 0 || index > stages[i - 1]!))).toBe(true)
    expect(html).toContain('href="https://www.healthcareers.nhs.uk/explore-roles"')
    expect(html).not.toMatch(/<script|<img/i)

    const token = text.match(/https:\/\/careers\.example\.nhs\.uk\/bookings\/manage\/([A-Za-z0-9_-]{43})#summary/)?.[1]
    expect(token).toBeTruthy()
    const stored = await t.app.pg.query('SELECT booking_id, expires_at FROM booking_manage_tokens WHERE token_hash = $1', [hashToken(token!)])
    expect(stored.rows[0].booking_id).toBe(conversation.id)
    expect(stored.rows[0].expires_at.getTime()).toBeGreaterThanOrEqual(t.clock.now().getTime() + 89 * DAY)

    // The link still opens the summary after the 4-week check-in, long after an ordinary manage link has expired.
    t.clock.set(monday.plus({ days: 40 }).toJSDate())
    const later = await asCandidate(t.app, token!, 'GET', `/api/v1/bookings/${conversation.id}/summary`)
    expect(later.statusCode).toBe(200)
    expect(later.json().ready).toBe(true)
  })

  it('asks how the actions are going 4 weeks after the conversation, once, with a link that works then', async () => {
    const { conversation } = await completedConversation('sam.checkin@example.com')
    await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    // Its feedback and outcome follow-ups wait too (test/outcomes/question-emails).
    const [job] = (await waitingJobs(t.app, 'send-email')).filter((j) => j.payload.bookingId === conversation.id && j.payload.email === 'action-check-in')
    expect(job?.payload.email).toBe('action-check-in')
    expect(job?.run_at.toISOString()).toBe(monday.plus({ days: 28 }).toJSDate().toISOString())

    const to = (address: string) => t.smtp.received.filter((m) => m.envelopeTo.includes(address) && m.parsed.subject === 'How are your career actions going?')
    t.clock.set(monday.plus({ days: 27 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    expect(to('sam.checkin@example.com')).toEqual([])

    t.clock.set(monday.plus({ days: 28, minutes: 5 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    const [message] = to('sam.checkin@example.com')
    expect(message).toBeDefined()
    expect(message!.parsed.subject).toBe('How are your career actions going?')
    expect(message!.parsed.text).toContain('Book a maths course')
    expect(message!.parsed.text).not.toContain(SECRET)
    const token = message!.parsed.text?.match(/\/bookings\/manage\/([A-Za-z0-9_-]{43})/)?.[1]
    const status = await asCandidate(t.app, token!, 'GET', `/api/v1/bookings/${conversation.id}/summary`)
    expect(status.statusCode).toBe(200)
    await runDueJobs(t.app, t.clock.now())
    expect(to('sam.checkin@example.com')).toHaveLength(1)
  })

  it('sends no check-in when every action is done or no longer relevant', async () => {
    const { conversation, actionId } = await completedConversation('sam.alldone@example.com')
    await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    const done = await asCandidate(t.app, conversation.token, 'POST', `/api/v1/bookings/${conversation.id}/actions/${actionId}/status`, { status: 'done' })
    expect(done.statusCode).toBe(200)
    t.clock.set(monday.plus({ days: 29 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    // Only the feedback, asked a day after the conversation (test/outcomes/question-emails).
    expect(t.smtp.received.filter((m) => m.envelopeTo.includes('sam.alldone@example.com')).map((m) => m.parsed.subject)).toEqual(['How was your career conversation?'])
    const deliveries = await t.app.pg.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE booking_id = $1 AND kind = 'action-check-in'`, [conversation.id])
    expect(deliveries.rows[0].n).toBe(0)
  })

  it('sends the programme team a weekly digest of overdue actions, by coach and kind, once a day at most', async () => {
    t.clock.set(monday.plus({ weeks: 3, hours: -2 }).toJSDate()) // a Monday, 8am UK time
    await runDueJobs(t.app, t.clock.now())
    t.smtp.received.length = 0
    await t.app.jobs.add('overdue-actions-digest', {})
    await t.app.jobs.add('overdue-actions-digest', {})
    const [digest] = await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(1)
    expect(digest!.envelopeTo).toEqual([admin.email])
    expect(digest!.parsed.subject).toMatch(/^Overdue career actions: \d+ overdue actions?$/)
    const text = digest!.parsed.text ?? ''
    expect(text).toContain('COACH: AMINA OKAFOR')
    expect(text).toContain('Book a maths course')
    expect(text).toContain('Job application:')
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('sam.')
  })
})
