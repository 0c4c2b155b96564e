import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { buildTestApp, testConfig, TestClock, type TestApp } from '../helper.js'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { clearJobQueue, runDueJobs, waitForIdleQueue } from '../support/jobs.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'
import { enqueueBookingNotifications } from '../../src/emails/booking-notifications.js'
import { reminderHeadline, reminderStillDue } from '../../src/emails/booking-emails.js'

/**
 * Reminders sent late, when the worker was down at their time:
 * worded from when they are sent, never "tomorrow" on the day itself, and a
 * reminder whose moment has passed (a nearer one is due too) is not sent.
 * Read back through real SMTP; the programme reminds a day and an hour before.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('reminders sent late', () => {
  let smtp: TestSmtp
  let t: TestApp
  let fixture: { programmeId: string; coachId: string }
  // A Monday some weeks ahead (jobs "later" are later for the database too), 8am in London.
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  /** The conversation: the Monday after, 9:30am. */
  const start = monday.plus({ days: 7, hours: 1, minutes: 30 }).toJSDate()

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
    const { rows } = await t.app.pg.query(
      `SELECT p.id AS programme_id, c.id AS coach_id FROM programmes p JOIN programme_coaches pc ON pc.programme_id = p.id
         JOIN coaches c ON c.id = pc.coach_id JOIN staff_users s ON s.id = c.staff_user_id WHERE s.name = 'Amina Okafor'`,
    )
    fixture = { programmeId: rows[0].programme_id, coachId: rows[0].coach_id }
    await t.app.pg.query(`UPDATE programmes SET reminder_offsets_minutes = '{1440,60}' WHERE id = $1`, [fixture.programmeId])
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

  /** Books the conversation (its emails enqueued as the booking service does) and lets the confirmation go. */
  async function book() {
    const { rows } = await t.app.pg.query(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone,
                             contact_method, candidate_time_zone, starts_at, ends_at, consent_notice_version, consent_acknowledged_at)
       VALUES ('CC-ABCDEF', $1, $2, 'Jo Bloggs', 'jo.bloggs@example.com', '07700 900123', 'phone', 'Europe/London', $3, $4, 'v1', now())
       RETURNING id, ends_at`,
      [fixture.programmeId, fixture.coachId, start, new Date(start.getTime() + 45 * MINUTE)],
    )
    await t.app.pg.transact((client) =>
      enqueueBookingNotifications({ jobs: t.app.jobs, clock: t.clock }, client, { kind: 'booked', bookingId: rows[0].id, start, end: rows[0].ends_at, sequence: 0 }),
    )
    await waitForIdleQueue(t.app)
  }

  /** Moves the clock to `minutesBefore` the start and runs what is due then (the worker back). */
  async function workerBackAt(minutesBefore: number) {
    t.clock.set(new Date(start.getTime() - minutesBefore * MINUTE))
    await runDueJobs(t.app, t.clock.now())
  }

  const reminders = () => smtp.received.filter((m) => m.parsed.subject?.startsWith('Reminder')).map((m) => ({ subject: m.parsed.subject, headline: m.parsed.text?.split('\n')[0] }))

  it('on time: the day before says "tomorrow", the hour before "in 1 hour"', async () => {
    await book()
    await workerBackAt(24 * 60)
    await workerBackAt(60)
    expect(reminders()).toEqual([
      { subject: 'Reminder: your career conversation is tomorrow', headline: 'Your career conversation is tomorrow' },
      { subject: 'Reminder: your career conversation starts in 1 hour', headline: 'Your career conversation starts in 1 hour' },
    ])
  })

  it('the day-before reminder sent that morning says how long is left, and the hour-before one still goes', async () => {
    await book()
    await workerBackAt(5 * 60) // 4:30am on the day
    await workerBackAt(60)
    expect(reminders()).toEqual([
      { subject: 'Reminder: your career conversation starts in 5 hours', headline: 'Your career conversation starts in 5 hours' },
      { subject: 'Reminder: your career conversation starts in 1 hour', headline: 'Your career conversation starts in 1 hour' },
    ])
  })

  it('sends only the nearer reminder when both are due, worded from when it goes; none once the call has started', async () => {
    await book()
    await workerBackAt(20)
    expect(reminders()).toEqual([
      { subject: 'Reminder: your career conversation starts in 20 minutes', headline: 'Your career conversation starts in 20 minutes' },
    ])
    const { rows } = await t.app.pg.query(`SELECT kind FROM email_deliveries WHERE kind = 'reminder'`)
    expect(rows).toHaveLength(1)
  })

  it('sends nothing when the worker is back after the start', async () => {
    await book()
    await workerBackAt(-5)
    expect(reminders()).toEqual([])
  })
})

describe('reminder wording and timing', () => {
  const start = new Date('2026-03-10T09:30:00.000Z') // Tuesday 9:30am, UK time
  const before = (minutes: number) => new Date(start.getTime() - minutes * MINUTE)

  it.each([
    [24 * 60, 'Your career conversation is tomorrow'],
    [18 * 60, 'Your career conversation is tomorrow'], // 3:30pm the day before
    [9 * 60, 'Your career conversation starts in 9 hours'], // 12:30am on the day
    [2 * 60 - 0.2, 'Your career conversation starts in 2 hours'], // a moment late
    [95, 'Your career conversation starts in 1 hour and 35 minutes'],
    [2 * 24 * 60, 'Your career conversation starts in 2 days'],
    [5 * 24 * 60 + 21 * 60, 'Your career conversation starts in 6 days'],
    [7 * 24 * 60, 'Your career conversation starts in 1 week'],
  ])('%d minutes before: "%s"', (minutes, headline) => {
    expect(reminderHeadline(start, before(minutes), 'Europe/London')).toBe(headline)
  })

  it('skips a reminder when a nearer one is due as well, or the call has started', () => {
    expect(reminderStillDue(start, before(24 * 60), 1440, [1440, 60])).toBe(true)
    expect(reminderStillDue(start, before(2 * 60), 1440, [1440, 60])).toBe(true)
    expect(reminderStillDue(start, before(30), 1440, [1440, 60])).toBe(false)
    expect(reminderStillDue(start, before(30), 60, [1440, 60])).toBe(true)
    expect(reminderStillDue(start, before(-1), 60, [1440, 60])).toBe(false)
    expect(reminderStillDue(start, new Date(start.getTime() - HOUR), 60, [])).toBe(true)
  })
})
