import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { buildTestApp, testConfig, TestClock, type TestApp } from '../helper.js'
import { listSlotStarts, postBooking, seedDemoDataForRepeatBookings, tokenOf } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { clearJobQueue, waitForIdleQueue } from '../support/jobs.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'
import { pageText } from '../support/visitor.js'

/**
 * A video call whose coach has not added a link yet: the candidate
 * is told what happens at the start time (a phone call instead, when they gave
 * a number), in their emails and on their booking page; the coach is reminded
 * the day before, in the 7am email, with where to add the link. Emails are
 * read back through real SMTP.
 */

describe('a video call with no link yet', () => {
  let smtp: TestSmtp
  let t: TestApp
  let coach: { coachId: string; email: string }
  // A Monday some weeks ahead, 7am in London (when coaches get their morning email).
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 7 })

  beforeAll(async () => {
    smtp = await startTestSmtp()
    const databaseUrl = await createTestDatabase()
    await seedDemoDataForRepeatBookings({ databaseUrl })
    t = await buildTestApp({
      databaseUrl,
      clock: new TestClock(monday.toJSDate()),
      runWorker: true,
      config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk' }),
    })
    // No coach has a usual link: every video call is waiting for one.
    await t.app.pg.query('UPDATE coaches SET video_link = NULL')
  })
  afterAll(async () => {
    await t?.app.close()
    await smtp?.close()
  })
  beforeEach(async () => {
    await waitForIdleQueue(t.app)
    await clearJobQueue(t.app)
    await t.app.pg.query('DELETE FROM email_deliveries')
    await t.app.pg.query('DELETE FROM bookings')
    t.clock.set(monday.toJSDate())
    smtp.received.length = 0
  })

  /** Books the first free time on Tuesday by video; its manage page and its coach. */
  async function bookTuesdayByVideo(phone?: string) {
    const tuesday = monday.plus({ days: 1 }).toISODate()!
    const [start] = await listSlotStarts(t.app, { slug: 'vaccinators' } as never, tuesday, tuesday)
    const response = await postBooking(t.app, {
      programme: 'vaccinators',
      start,
      timeZone: 'Europe/London',
      candidate: { name: 'Sam Taylor', email: 'sam.taylor@example.com', ...(phone ? { phone } : {}) },
      contactMethod: 'video',
      consent: true,
    })
    expect(response.statusCode, response.body).toBe(201)
    const { booking, manageUrl } = response.json() as { booking: { id: string }; manageUrl: string }
    const { rows } = await t.app.pg.query(
      `SELECT c.id AS "coachId", s.email FROM bookings b JOIN coaches c ON c.id = b.coach_id JOIN staff_users s ON s.id = c.staff_user_id WHERE b.id = $1`,
      [booking.id],
    )
    coach = rows[0]
    return { id: booking.id, path: `/bookings/manage/${tokenOf(manageUrl)}` }
  }

  const toCandidate = () => smtp.received.filter((m) => m.envelopeTo.includes('sam.taylor@example.com'))
  const toCoach = () => smtp.received.filter((m) => m.envelopeTo.includes(coach.email) && !m.parsed.subject?.startsWith('New booking'))

  it('tells a candidate who gave a number that the coach will phone them at the start time if no link has come', async () => {
    const booking = await bookTuesdayByVideo('07700 900 982')
    await waitForIdleQueue(t.app)
    const [confirmation] = toCandidate().filter((m) => m.parsed.subject === 'Your career conversation is booked')
    const text = (confirmation?.parsed.text ?? '').replace(/\s+/g, ' ')
    expect(text).toMatch(/will email you a link to join before the call\. If you have not had it by the start time, \w+ will phone you on 07700 ?900 ?982 instead/)

    const page = await t.app.inject({ url: booking.path })
    expect(pageText(page.body)).toMatch(/Video call: \w+ will email you a link to join before the call\. If you have not had it by the start time, \w+ will phone you on 07700 ?900 ?982 instead/)
  })

  it('tells a candidate without a number where the link will be', async () => {
    const booking = await bookTuesdayByVideo()
    const page = await t.app.inject({ url: booking.path })
    expect(pageText(page.body)).toMatch(/If you have not had it by the start time, check your junk or spam folder, then open your booking: the link will be there as soon as \w+ adds it/)
  })

  it('reminds the coach the day before, in the 7am email, until there is a link', async () => {
    const booking = await bookTuesdayByVideo('07700 900 982')
    await waitForIdleQueue(t.app)
    smtp.received.length = 0

    await t.app.jobs.add('coach-daily-agendas', {})
    const [reminder] = await smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    expect(reminder?.envelopeTo).toEqual([coach.email])
    expect(reminder?.parsed.subject).toBe('Add a video call link for tomorrow: 1 conversation')
    const text = (reminder?.parsed.text ?? '').replace(/\s+/g, ' ')
    expect(text).toContain(`Tomorrow, ${monday.plus({ days: 1 }).toFormat('cccc d LLLL yyyy')}: video calls with no link yet.`)
    expect(text).toContain(`Sam Taylor. Add a link: https://careers.example.nhs.uk/coach/conversations/${booking.id}/video-link`)
    expect(text).toMatch(/If you cannot add one, phone them at the start time on 07700 ?900 ?982: they have been told you will\./)
    expect(reminder?.parsed.html).toContain(`https://careers.example.nhs.uk/coach/conversations/${booking.id}/video-link`)

    // Once the link is added there is nothing to remind about (the day's email forgotten, so it could go again).
    await t.app.pg.query(`UPDATE bookings SET video_link = 'https://meet.example.nhs.uk/abc' WHERE id = $1`, [booking.id])
    await t.app.pg.query(`DELETE FROM email_deliveries WHERE kind = 'coach-daily-agenda'`)
    smtp.received.length = 0
    await t.app.jobs.add('coach-daily-agendas', {})
    await waitForIdleQueue(t.app)
    expect(toCoach()).toEqual([])
  })
})
