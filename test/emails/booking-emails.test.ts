import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { shortFormAreas } from '../../src/domain/preparation/index.js'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import type pg from 'pg'
import { buildTestApp, testConfig, TestClock, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { startTestSmtp, type TestSmtp, type ReceivedEmail } from '../support/smtp.js'
import { clearJobQueue, runDueJobs, waitForIdleQueue, waitingJobs } from '../support/jobs.js'
import type { BookingChange } from '../../src/domain/ports/index.js'
import { hashToken } from '../../src/domain/booking/tokens.js'
import { inTransaction as inServiceTransaction } from '../../src/repositories/db.js'

/**
 * Booking emails end to end: a booking change enqueues its emails in the same
 * transaction, the worker sends them over real SMTP, and what arrives is
 * parsed back. Scheduled jobs run when the test clock says so (runDueJobs).
 * The test clock starts a few weeks after the real date so that jobs scheduled
 * for "later" are later for the database too.
 */

const HOUR = 60 * 60 * 1000
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toJSDate()

function aMondayInTheFuture(): DateTime {
  const base = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week')
  return base.set({ hour: 8 })
}

interface Fixture {
  programmeId: string
  coachId: string
}

async function insertBooking(pool: pg.Pool, f: Fixture, start: Date, options: { timeZone?: string; reference?: string } = {}) {
  const { rows } = await pool.query(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone,
                           contact_method, candidate_time_zone, starts_at, ends_at, consent_notice_version, consent_acknowledged_at)
     VALUES ($1, $2, $3, 'Jo Bloggs', 'jo.bloggs@example.com', '07700 900123', 'phone', $4, $5, $6, 'v1', now())
     RETURNING id, starts_at, ends_at, sequence, calendar_uid`,
    [options.reference ?? 'CC-ABCDEF', f.programmeId, f.coachId, options.timeZone ?? 'Europe/London', start, new Date(start.getTime() + 45 * 60_000)],
  )
  return rows[0] as { id: string; starts_at: Date; ends_at: Date; sequence: number; calendar_uid: string | null }
}

/** The change told to the notifier in a transaction of its own, as the booking services do (src/repositories/db.ts). */
async function inTransaction(t: TestApp, change: BookingChange, before?: (client: pg.PoolClient) => Promise<void>) {
  await inServiceTransaction(t.app.pg.pool, async (client) => {
    await before?.(client)
    await t.app.deps.notifier.bookingChanged(client, change)
  })
}

/** A booking at `start`, its emails enqueued as the booking service does when it books. */
async function booked(t: TestApp, f: Fixture, start: Date, options: { reference?: string } = {}) {
  const booking = await insertBooking(t.app.pg.pool, f, start, options)
  await inTransaction(t, { kind: 'booked', bookingId: booking.id, start, end: booking.ends_at, sequence: 0 })
  return booking
}

const bySubject = (received: ReceivedEmail[], subject: string) => received.filter((m) => m.parsed.subject === subject)

function calendarOf(message: ReceivedEmail) {
  const part = message.parsed.attachments.find((a) => a.mimeType.startsWith('text/calendar'))
  const content = typeof part?.content === 'string' ? part.content : new TextDecoder().decode(part?.content as ArrayBuffer)
  const component = new ICAL.Component(ICAL.parse(content))
  const event = component.getFirstSubcomponent('vevent')!
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
  }
}

describe('booking emails', () => {
  let smtp: TestSmtp
  let t: TestApp
  let fixture: Fixture
  const monday = aMondayInTheFuture()

  beforeAll(async () => {
    smtp = await startTestSmtp()
    const databaseUrl = await createTestDatabase()
    await seedDemoDataForRepeatBookings({ databaseUrl, password: 'a demo password for tests' })
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
  })
  afterAll(async () => {
    await t.app.close()
    await smtp.close()
  })
  beforeEach(async () => {
    smtp.received.length = 0
    await waitForIdleQueue(t.app)
    await clearJobQueue(t.app)
    await t.app.pg.query('DELETE FROM email_deliveries')
    await t.app.pg.query('DELETE FROM bookings')
    t.clock.set(monday.toJSDate())
  })

  it('sends the confirmation with the calendar invitation and the coach notice; schedules preparation and reminders', async () => {
    const start = monday.plus({ days: 7, hours: 1, minutes: 30 }).toJSDate() // next Monday 9:30am
    const booking = await booked(t, fixture, start)
    const received = await smtp.waitFor(2)
    await waitForIdleQueue(t.app)

    const [confirmation] = bySubject(received, 'Your career conversation is booked')
    expect(confirmation?.envelopeTo).toEqual(['jo.bloggs@example.com'])
    const when = `${monday.plus({ days: 7 }).toFormat('cccc d LLLL yyyy')}, 9:30am to 10:15am (UK time)`
    expect(confirmation?.parsed.text).toContain(when)
    expect(confirmation?.parsed.html).toContain(when)
    expect(confirmation?.parsed.text).toContain('Amina will phone you on 07700 900123')
    expect(confirmation?.parsed.text).toContain('We will email you 3 days before')
    expect(confirmation?.parsed.html).not.toMatch(/<script|<img/i)

    const link = confirmation?.parsed.text?.match(/https:\/\/careers\.example\.nhs\.uk\/bookings\/manage\/([A-Za-z0-9_-]{43})/)
    expect(link).toBeTruthy()
    const token = await t.app.pg.query('SELECT booking_id, expires_at FROM booking_manage_tokens WHERE token_hash = $1', [hashToken(link![1]!)])
    expect(token.rows[0].booking_id).toBe(booking.id)
    expect(token.rows[0].expires_at.getTime()).toBeGreaterThan(booking.ends_at.getTime())

    const ics = calendarOf(confirmation!)
    // The booking's stored UID, random and naming no host.
    expect(booking.calendar_uid).toMatch(/^cc-[0-9a-f]{32}$/)
    expect(ics).toMatchObject({ method: 'REQUEST', uid: booking.calendar_uid, sequence: 0 })
    expect(ics.start.toISOString()).toBe(start.toISOString())

    const [coachNotice] = bySubject(received, 'New career conversation booked')
    expect(coachNotice?.envelopeTo).toEqual(['amina.okafor@demo.career-conversations.example'])
    expect(calendarOf(coachNotice!)).toMatchObject({ method: 'REQUEST', uid: `coach-${booking.calendar_uid}`, sequence: 0 })
    expect(coachNotice?.parsed.text).toContain('Jo Bloggs has booked')

    const scheduled = await waitingJobs(t.app, 'send-email')
    expect(scheduled.map((job) => [job.key, job.run_at.toISOString()])).toEqual([
      [`booking:${booking.id}:preparation`, new Date(start.getTime() - 72 * HOUR).toISOString()],
      [`booking:${booking.id}:reminder:1440`, new Date(start.getTime() - 24 * HOUR).toISOString()],
      [`booking:${booking.id}:reminder:60`, new Date(start.getTime() - HOUR).toISOString()],
    ])

    t.clock.set(new Date(start.getTime() - 72 * HOUR))
    await runDueJobs(t.app, t.clock.now())
    const [prep] = bySubject(smtp.received, 'Prepare for your career conversation')
    for (const area of ['Know yourself', 'Explore possibilities', 'Making choices', 'Making it happen']) {
      expect(prep?.parsed.text?.toUpperCase()).toContain(area.toUpperCase())
      expect(prep?.parsed.html).toContain(area)
    }
    expect(prep?.parsed.text).toMatch(/\/bookings\/manage\/[A-Za-z0-9_-]{43}#prepare/)
    // The short form: its eight questions, no separate reflection questions.
    for (const question of shortFormAreas.flatMap((area) => area.questions)) {
      expect(prep?.parsed.text).toContain(`- ${question.label}`)
    }
    expect(prep?.parsed.text?.match(/^- /gm)).toHaveLength(8)
    expect(prep?.parsed.text).not.toContain('QUESTIONS TO THINK ABOUT')
    expect(prep?.parsed.html).not.toContain('Questions to think about')
    expect(prep?.parsed.text).toContain('You can write down your answers in a short, optional form.')

    t.clock.set(new Date(start.getTime() - 24 * HOUR))
    await runDueJobs(t.app, t.clock.now())
    expect(bySubject(smtp.received, 'Reminder: your career conversation is tomorrow')).toHaveLength(1)
    t.clock.set(new Date(start.getTime() - HOUR))
    await runDueJobs(t.app, t.clock.now())
    expect(bySubject(smtp.received, 'Reminder: your career conversation starts in 1 hour')).toHaveLength(1)
    expect(smtp.received).toHaveLength(5)
  })

  it('asks the questions of the form a candidate has already answered, when that is an earlier one', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await booked(t, fixture, start)
    await smtp.waitFor(2)
    await waitForIdleQueue(t.app)
    // Answers written on the first (long) form before the preparation email goes.
    await t.app.pg.query(`INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, now())`, [
      booking.id,
      JSON.stringify({ nextRoleGoal: 'Band 6 nurse', transferableSkills: 'Calm in a crisis' }),
    ])
    t.clock.set(new Date(start.getTime() - 72 * HOUR))
    await runDueJobs(t.app, t.clock.now())
    const [prep] = bySubject(smtp.received, 'Prepare for your career conversation')
    expect(prep?.parsed.text).toContain('- What would you like your next role to be?')
    expect(prep?.parsed.text).toContain('- What transferable skills do you have?')
    expect(prep?.parsed.text).not.toContain(`- ${shortFormAreas[0]!.questions[1]!.label}`)
  })

  it('sends preparation with the confirmation when the conversation is less than 3 days away', async () => {
    const start = monday.plus({ days: 1, hours: 2 }).toJSDate() // Tuesday 10am
    await booked(t, fixture, start)
    const received = await smtp.waitFor(3)
    expect(bySubject(received, 'Your career conversation is booked')[0]?.parsed.text).toContain('we have sent a separate email')
    expect(bySubject(received, 'Prepare for your career conversation')).toHaveLength(1)
  })

  it('moves the reminders when the booking moves, with the same calendar UID and a higher sequence', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await booked(t, fixture, start)
    await smtp.waitFor(2)
    await waitForIdleQueue(t.app)

    const newStart = monday.plus({ days: 9, hours: 6 }).toJSDate() // Wednesday 2pm
    const newEnd = new Date(newStart.getTime() + 45 * 60_000)
    await inTransaction(t, { kind: 'rescheduled', bookingId: booking.id, start: newStart, end: newEnd, sequence: 1, previousStart: start }, async (client) => {
      await client.query(`UPDATE bookings SET starts_at = $2, ends_at = $3, sequence = 1 WHERE id = $1`, [booking.id, newStart, newEnd])
      await client.query(
        `INSERT INTO booking_events (booking_id, kind, actor, occurred_at, previous_starts_at, previous_ends_at, starts_at, ends_at, sequence)
         VALUES ($1, 'rescheduled', 'candidate', now(), $2, $3, $4, $5, 1)`,
        [booking.id, start, booking.ends_at, newStart, newEnd],
      )
    })
    const received = await smtp.waitFor(4)
    const [changed] = bySubject(received, 'Your career conversation has changed')
    expect(changed?.parsed.text).toContain(`${DateTime.fromJSDate(newStart).setZone('Europe/London').toFormat('cccc d LLLL yyyy')}, 2pm to 2:45pm (UK time)`)
    const [first] = bySubject(received, 'Your career conversation is booked')
    expect(calendarOf(first!).uid).toBe(booking.calendar_uid)
    expect(calendarOf(changed!).uid).toBe(booking.calendar_uid)
    expect(calendarOf(changed!).sequence).toBe(1)
    const [coachMoved] = bySubject(received, 'Career conversation moved')
    expect(calendarOf(coachMoved!)).toMatchObject({ method: 'REQUEST', uid: `coach-${booking.calendar_uid}`, sequence: 1 })

    const reminders = (await waitingJobs(t.app, 'send-email')).filter((job) => job.key?.includes(':reminder:'))
    expect(reminders.map((job) => job.run_at.toISOString())).toEqual([
      new Date(newStart.getTime() - 24 * HOUR).toISOString(),
      new Date(newStart.getTime() - HOUR).toISOString(),
    ])
  })

  it('cancelling removes the reminders: none goes out later, and the calendar entry is cancelled', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await booked(t, fixture, start)
    await smtp.waitFor(2)
    await waitForIdleQueue(t.app)
    await inTransaction(t, { kind: 'cancelled', bookingId: booking.id, start, end: booking.ends_at, sequence: 1, by: 'candidate' }, async (client) => {
      await client.query(
        `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate', sequence = 1 WHERE id = $1`,
        [booking.id],
      )
    })
    const received = await smtp.waitFor(4)
    const [cancelled] = bySubject(received, 'Your career conversation is cancelled')
    expect(cancelled?.parsed.text).toContain('You cancelled your career conversation')
    expect(cancelled?.parsed.text).toContain('https://careers.example.nhs.uk/book/vaccinators')
    expect(calendarOf(cancelled!)).toMatchObject({ method: 'CANCEL', uid: booking.calendar_uid, sequence: 1 })
    const [coachCancelled] = bySubject(received, 'Career conversation cancelled')
    expect(calendarOf(coachCancelled!)).toMatchObject({ method: 'CANCEL', uid: `coach-${booking.calendar_uid}`, sequence: 1 })
    await waitForIdleQueue(t.app)
    expect(await waitingJobs(t.app, 'send-email')).toEqual([])

    t.clock.set(new Date(start.getTime() - HOUR))
    await runDueJobs(t.app, t.clock.now())
    expect(smtp.received.filter((m) => m.parsed.subject?.startsWith('Reminder'))).toEqual([])
  })

  it('a booking made before UIDs were stored keeps its old UID, naming the host, through a move and a cancellation', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await insertBooking(t.app.pg.pool, fixture, start)
    await t.app.pg.query('UPDATE bookings SET calendar_uid = NULL WHERE id = $1', [booking.id])
    const newStart = monday.plus({ days: 8, hours: 1 }).toJSDate()
    const newEnd = new Date(newStart.getTime() + 45 * 60_000)
    await inTransaction(t, { kind: 'rescheduled', bookingId: booking.id, start: newStart, end: newEnd, sequence: 1, previousStart: start }, async (client) => {
      await client.query(`UPDATE bookings SET starts_at = $2, ends_at = $3, sequence = 1 WHERE id = $1`, [booking.id, newStart, newEnd])
    })
    await smtp.waitFor(2)
    await waitForIdleQueue(t.app)
    await inTransaction(t, { kind: 'cancelled', bookingId: booking.id, start: newStart, end: newEnd, sequence: 2, by: 'candidate' }, async (client) => {
      await client.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'candidate', sequence = 2 WHERE id = $1`, [booking.id])
    })
    const received = await smtp.waitFor(4)
    const old = `booking-${booking.id}@careers.example.nhs.uk`
    expect(calendarOf(bySubject(received, 'Your career conversation has changed')[0]!)).toMatchObject({ method: 'REQUEST', uid: old, sequence: 1 })
    expect(calendarOf(bySubject(received, 'Career conversation moved')[0]!)).toMatchObject({ method: 'REQUEST', uid: `coach-${old}`, sequence: 1 })
    expect(calendarOf(bySubject(received, 'Your career conversation is cancelled')[0]!)).toMatchObject({ method: 'CANCEL', uid: old, sequence: 2 })
    expect(calendarOf(bySubject(received, 'Career conversation cancelled')[0]!)).toMatchObject({ method: 'CANCEL', uid: `coach-${old}`, sequence: 2 })
  })

  it('a reminder already queued for the old time never goes out after a move', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await insertBooking(t.app.pg.pool, fixture, start)
    // An old job for this booking at a time it no longer has (e.g. queued before a change).
    await t.app.jobs.add('send-email', { email: 'reminder', bookingId: booking.id, offsetMinutes: 60, start: new Date(start.getTime() + HOUR).toISOString() })
    await waitForIdleQueue(t.app)
    expect(smtp.received).toEqual([])
  })

  it('delivers every message exactly once when SMTP is down for a while and then back', async () => {
    smtp.refuse()
    const starts = [1, 2, 3].map((day) => monday.plus({ days: 7 + day, hours: 2 }).toJSDate())
    const bookings = []
    for (const [index, start] of starts.entries()) {
      bookings.push(await booked(t, fixture, start, { reference: `CC-ABCDE${'FGH'[index]}` }))
    }
    await waitForIdleQueue(t.app)
    const waiting = await t.app.pg.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE status = 'waiting'`)
    expect(waiting.rows[0].n).toBe(6)
    expect(smtp.received).toEqual([])

    smtp.accept()
    await runDueJobs(t.app, new Date(Date.now() + HOUR)) // the retries' backoff has passed
    const received = await smtp.waitFor(6)
    await waitForIdleQueue(t.app)
    const ids = received.map((m) => m.parsed.messageId)
    expect(new Set(ids).size).toBe(6)
    expect(received).toHaveLength(6)
    const sent = await t.app.pg.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE status = 'sent'`)
    expect(sent.rows[0].n).toBe(6)
  })

  it('a send cut off by a killed worker still arrives, with the Message-ID it was given', async () => {
    const start = monday.plus({ days: 7, hours: 1 }).toJSDate()
    const booking = await insertBooking(t.app.pg.pool, fixture, start)
    // What a worker killed mid-send leaves: a delivery claimed minutes ago, never marked sent.
    await t.app.pg.query(
      `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, job_payload, status, updated_at)
       VALUES ($1, 'coach-booked', $2, 'x', 'x', 'x', '{}', 'sending', now() - interval '10 minutes')`,
      [`booking:${booking.id}:coach-booked:0`, booking.id],
    )
    await t.app.jobs.add('send-email', { email: 'coach-notice', bookingId: booking.id, notice: 'booked', sequence: 0 })
    const [notice] = await smtp.waitFor(1)
    expect(notice?.parsed.subject).toBe('New career conversation booked')
    await waitForIdleQueue(t.app)
    const row = await t.app.pg.query(`SELECT status, attempts FROM email_deliveries WHERE booking_id = $1`, [booking.id])
    expect(row.rows).toEqual([{ status: 'sent', attempts: 2 }])
  })

  it('shows times right across daylight saving, for a candidate in another zone too', async () => {
    // Fixed dates: this only renders, it sends nothing.
    const { confirmationEmail } = await import('../../src/emails/booking-emails.js')
    const booking = {
      id: '00000000-0000-4000-8000-000000000001',
      reference: 'CC-ABCDEF',
      status: 'booked' as const,
      start: london('2026-03-30T09:00'),
      end: london('2026-03-30T09:45'),
      sequence: 0,
      candidate: { name: 'Jo Bloggs', email: 'jo@example.com', phone: null, timeZone: 'America/New_York' },
      contactMethod: 'video' as const,
      videoLink: null,
      accessibilityNeeds: null,
      coach: { name: 'Amina Okafor', email: 'amina@example.com', timeZone: 'Europe/London' },
      programme: { name: 'P', slug: 'p', modelKey: 'four-stage' },
    }
    const links = { publicUrl: 'https://careers.example.nhs.uk', manageUrl: 'https://careers.example.nhs.uk/bookings/manage/x' }
    const email = confirmationEmail(booking, links, new Date('2026-03-01T00:00:00Z'), false)
    expect(email.text).toContain('Monday 30 March 2026, 4am to 4:45am (New York time)')
    const inLondon = confirmationEmail({ ...booking, candidate: { ...booking.candidate, timeZone: 'Europe/London' } }, links, new Date(), false)
    expect(inLondon.text).toContain('Monday 30 March 2026, 9am to 9:45am (UK time)')
    const ics = new ICAL.Component(ICAL.parse(email.calendar!.content)).getFirstSubcomponent('vevent')!
    expect((ics.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-30T08:00:00.000Z')
    const october = confirmationEmail({ ...booking, start: london('2026-10-26T09:00'), end: london('2026-10-26T09:45') }, links, new Date(), false)
    expect(october.text).toContain('Monday 26 October 2026, 5am to 5:45am (New York time)')
  })

  it("sends each coach their day's agenda at 7am in their own zone, once", async () => {
    const nine = monday.plus({ hours: 1 }).toJSDate()
    const two = monday.plus({ hours: 6 }).toJSDate()
    await insertBooking(t.app.pg.pool, fixture, two, { reference: 'CC-ABCDEG' })
    await insertBooking(t.app.pg.pool, fixture, nine, { reference: 'CC-ABCDEH' })
    await insertBooking(t.app.pg.pool, fixture, monday.plus({ days: 1, hours: 1 }).toJSDate(), { reference: 'CC-ABCDEJ' })

    t.clock.set(monday.set({ hour: 6 }).toJSDate())
    await t.app.jobs.add('coach-daily-agendas', {})
    await waitForIdleQueue(t.app)
    expect(smtp.received).toEqual([])

    t.clock.set(monday.set({ hour: 7, minute: 0 }).toJSDate())
    await t.app.jobs.add('coach-daily-agendas', {})
    await t.app.jobs.add('coach-daily-agendas', {})
    const [agenda] = await smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    expect(smtp.received).toHaveLength(1)
    expect(agenda?.envelopeTo).toEqual(['amina.okafor@demo.career-conversations.example'])
    expect(agenda?.parsed.subject).toBe('Your career conversations today: 2 conversations')
    const text = agenda?.parsed.text ?? ''
    expect(text).toContain(monday.toFormat('cccc d LLLL yyyy'))
    expect(text.indexOf('9am to 9:45am')).toBeLessThan(text.indexOf('2pm to 2:45pm'))
    expect(text).not.toContain('CC-ABCDEJ')
  })
})
