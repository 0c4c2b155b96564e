import { beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { runDueJobs, waitForIdleQueue, waitingJobs } from '../support/jobs.js'
import { Visitor } from '../support/visitor.js'
import { asStaff, createConversation, createProgramme, freshSessions, signedIn, type SignedIn } from '../notes/notes-fixtures.js'

const DAY = 24 * 60 * 60 * 1000

/**
 * The questions after a conversation, over real SMTP with a moved clock:
 * feedback a day after a conversation recorded as held, what they have done
 * since at 3 and 12 months; none of them twice, none once the conversation
 * is corrected to "did not attend", answered, declined or "do not ask again".
 * The test clock runs weeks after the real date, so "later" is later for the
 * job queue too (runDueJobs moves the queue to the test clock).
 */
describe('emails asking how the conversation went and what came of it', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 10 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()) })
  let coach: SignedIn
  let programmeId: string

  beforeAll(async () => {
    programmeId = (await createProgramme(t.app)).id
    coach = await signedIn(t.app, 'coach', 'Amina Okafor')
  })

  /** A conversation on `day` at 10am, recorded as held at 10:50. */
  async function heldConversation(day: DateTime, email: string) {
    t.clock.set(day.plus({ minutes: 50 }).toJSDate())
    await freshSessions(t.app, coach)
    const conversation = await createConversation(t.app, programmeId, coach.coachId!, day.toJSDate().toISOString(), { name: 'Sam Taylor', email })
    const held = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/outcome`, { outcome: 'held' })
    expect(held.statusCode, held.body).toBe(200)
    return conversation
  }

  const jobsOf = async (bookingId: string) =>
    (await waitingJobs(t.app, 'send-email'))
      .filter((job) => job.payload.bookingId === bookingId)
      .map((job) => ({ key: job.key, runAt: job.run_at.toISOString() }))
      .sort((a, b) => a.runAt.localeCompare(b.runAt))

  const linkIn = (text: string, path: string) => new RegExp(`https://careers\\.example\\.nhs\\.uk(/bookings/manage/[A-Za-z0-9_-]{43}${path})`).exec(text)?.[1]

  it('queues the feedback a day after the conversation and the follow-ups 3 and 12 months after, once however often held is recorded', async () => {
    const conversation = await heldConversation(monday, 'sam.timing@example.com')
    // Recorded again (the notes completed later do the same): the same three jobs, at the same times.
    await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/outcome`, { outcome: 'held' })
    expect(await jobsOf(conversation.id)).toEqual([
      { key: `booking:${conversation.id}:feedback`, runAt: new Date(conversation.endsAt.getTime() + DAY).toISOString() },
      { key: `booking:${conversation.id}:outcome-follow-up-3`, runAt: monday.plus({ months: 3 }).toJSDate().toISOString() },
      { key: `booking:${conversation.id}:outcome-follow-up-12`, runAt: monday.plus({ months: 12 }).toJSDate().toISOString() },
    ])

    // Not before its day.
    await runDueJobs(t.app, new Date(conversation.endsAt.getTime() + DAY - 60_000))
    expect(t.smtp.received).toHaveLength(0)

    t.clock.set(new Date(conversation.endsAt.getTime() + DAY))
    await runDueJobs(t.app, t.clock.now())
    const [feedback] = await t.smtp.waitFor(1)
    expect(feedback!.envelopeTo).toEqual(['sam.timing@example.com'])
    expect(feedback!.parsed.subject).toBe('How was your career conversation?')
    const text = feedback!.parsed.text ?? ''
    expect(text).toContain('Thank you for talking to Amina on')
    expect(text).toContain('Your coach does not see your answers')
    const feedbackPath = linkIn(text, '/feedback')
    expect(feedbackPath).toBeTruthy()
    expect(feedback!.parsed.html).toContain(`${feedbackPath}"`)
    // The same email's job once more (a retry after SMTP accepted, say): the delivery's key keeps it from going twice.
    await t.app.jobs.add('send-email', { email: 'conversation-feedback', bookingId: conversation.id })
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(1)
    // The link opens the page, and still does 60 days on.
    t.clock.set(new Date(conversation.endsAt.getTime() + 60 * DAY))
    expect((await new Visitor(t.app).get(feedbackPath!)).statusCode).toBe(200)

    // 3 months on: the first follow-up, with its own link.
    t.clock.set(monday.plus({ months: 3 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    const [, threeMonths] = await t.smtp.waitFor(2)
    expect(threeMonths!.parsed.subject).toBe('Your career conversation 3 months on: what have you done?')
    const followUpPath = linkIn(threeMonths!.parsed.text ?? '', '/outcomes/3')
    expect(followUpPath).toBeTruthy()
    expect((await new Visitor(t.app).get(followUpPath!)).statusCode).toBe(200)

    // 12 months on: the second; a run of the queue again sends nothing twice.
    t.clock.set(monday.plus({ months: 12 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    const [, , year] = await t.smtp.waitFor(3)
    expect(year!.parsed.subject).toBe('Your career conversation a year on: what have you done?')
    expect(linkIn(year!.parsed.text ?? '', '/outcomes/12')).toBeTruthy()
    await runDueJobs(t.app, t.clock.now())
    expect(t.smtp.received).toHaveLength(3)
    const { rows } = await t.app.pg.query(`SELECT kind, status FROM email_deliveries WHERE booking_id = $1 ORDER BY created_at`, [conversation.id])
    expect(rows).toEqual([
      { kind: 'conversation-feedback', status: 'sent' },
      { kind: 'outcome-follow-up', status: 'sent' },
      { kind: 'outcome-follow-up', status: 'sent' },
    ])
  })

  it('takes them all out of the queue when the conversation is corrected to "did not attend"', async () => {
    const day = monday.plus({ days: 1 })
    const conversation = await heldConversation(day, 'sam.corrected@example.com')
    expect(await jobsOf(conversation.id)).toHaveLength(3)
    const corrected = await asStaff(t.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/outcome`, { outcome: 'no_show', noShowReason: 'work' })
    expect(corrected.statusCode, corrected.body).toBe(200)
    expect(await jobsOf(conversation.id)).toEqual([])
  })

  it('sends no feedback email once they have answered from their page, and no follow-ups after "do not ask again"', async () => {
    const day = monday.plus({ days: 2 })
    const conversation = await heldConversation(day, 'sam.answered@example.com')
    const visitor = new Visitor(t.app)
    const base = `/bookings/manage/${conversation.token}`
    await visitor.get(`${base}/feedback`)
    const answered = await visitor.post(`${base}/feedback`, { usefulness: 'very_useful' })
    expect(answered.statusCode).toBe(303)
    expect((await jobsOf(conversation.id)).map((job) => job.key)).toEqual([
      `booking:${conversation.id}:outcome-follow-up-3`,
      `booking:${conversation.id}:outcome-follow-up-12`,
    ])

    // A job that was already running when they answered composes nothing: the email is no longer wanted.
    await t.app.jobs.add('send-email', { email: 'conversation-feedback', bookingId: conversation.id })
    await waitForIdleQueue(t.app)

    t.clock.set(day.plus({ months: 3 }).toJSDate())
    await visitor.get(`${base}/outcomes/3`)
    const stopped = await visitor.post(`${base}/outcomes/3/stop`, {})
    expect(stopped.statusCode).toBe(303)
    expect(await jobsOf(conversation.id)).toEqual([])
    // Even a follow-up job added by hand sends nothing after "do not ask again".
    await t.app.jobs.add('send-email', { email: 'outcome-follow-up', bookingId: conversation.id, months: 12 })
    t.clock.set(day.plus({ months: 12 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    expect(t.smtp.received).toHaveLength(0)
  })
})
