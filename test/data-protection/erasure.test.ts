import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { subjectKey } from '../../src/domain/data-protection/index.js'
import { buildOutboxTestApp, TestClock, type OutboxTestApp } from '../helper.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { jobsWithPayloads, waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser, startSession, type TestStaff } from '../support/staff.js'
import { expectNoEmailIn, outboxFilesMentioning, personNamed, seedPerson, traces, whereFound, type SeededPerson } from './support.js'
import { pageTitle } from '../support/visitor.js'

/**
 * Erasure removes a person from every table, the local outbox and the job
 * queue. The proof: seed them everywhere (and someone else beside them), erase
 * through the admin pages, then search every text and JSON column of every
 * table in the public and graphile_worker schemas, and every outbox file,
 * for their address, name and phone number.
 */
describe('erasing a person', () => {
  let t: OutboxTestApp
  let programme: ProgrammeFixture
  let coach: CoachFixture
  let admin: TestStaff
  let person: SeededPerson
  let bystander: SeededPerson
  // A Monday a few weeks after the real date, so scheduled reminders stay in the queue's future.
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })

  beforeAll(async () => {
    t = await buildOutboxTestApp({ clock: new TestClock(monday.toJSDate()), runWorker: true })
    programme = await createProgramme(t.app.pg.pool)
    coach = await createCoach(t.app.pg.pool, programme)
    admin = await createStaff(t.app, { role: 'admin' })
    const adminCookie = await startSession(t.app, admin.id)
    const window = { adminCookie, coachStaffId: coach.staffUserId, from: monday.plus({ days: 7 }).toISODate()!, to: monday.plus({ days: 11 }).toISODate()! }
    person = await seedPerson(t.app, programme, personNamed('Priya'), { ...window, slotIndex: 0 })
    bystander = await seedPerson(t.app, programme, personNamed('Bartholomew'), { ...window, slotIndex: 6 })
    await waitForIdleQueue(t.app)
  }, 90_000)
  afterAll(async () => {
    await t?.close()
  })

  /** A form post from the data requests page, on a new session (the clock moves further than sessions last). */
  async function adminPost(url: string, fields: Record<string, string>) {
    return (await signedInBrowser(t.app, admin.id)).post(url, fields, { tokenFrom: '/admin/data/requests' })
  }

  it('starts with the person in every kind of record (the search finds them)', async () => {
    const found = await whereFound(t.app, traces(person))
    for (const place of [
      'public.bookings.candidate_email',
      'public.bookings.candidate_name',
      'public.bookings.candidate_phone',
      'public.bookings.accessibility_needs',
      'public.bookings.cancellation_reason',
      'public.booking_events.reason',
      'public.booking_preparations.answers',
      'public.conversation_notes.note_values',
      'public.conversation_note_addenda.text',
      'public.conversation_feedback.comment',
      'public.actions.summary',
      'public.action_status_changes.comment',
      'public.invitations.email',
      'public.invitations.note',
      'public.email_deliveries.recipient',
      'public.email_deliveries.last_error',
      'public.idempotency_keys.response_body',
      // whereFound names the stored table behind graphile-worker's public jobs view: personal data hides there too.
      'graphile_worker._private_jobs.last_error',
    ]) {
      expect(found, place).toContain(place)
    }
    expect(await outboxFilesMentioning(t.outbox, traces(person))).not.toEqual([])
    const queued = (await jobsWithPayloads(t.app)).filter((job) => person.bookingIds.includes(job.payload.bookingId as string))
    expect(queued.length, 'reminders and the preparation email are queued').toBeGreaterThan(0)
    const questions = await t.app.pg.query(`SELECT key FROM graphile_worker.jobs WHERE key = ANY($1::text[]) ORDER BY key`, [
      ['feedback', 'outcome-follow-up-12', 'outcome-follow-up-3'].map((kind) => `booking:${person.bookingIds[0]}:${kind}`),
    ])
    expect(questions.rows, 'the feedback and follow-ups are queued').toHaveLength(3)
  })

  it('asks for confirmation first, saying it cannot be undone and what will go', async () => {
    const response = await adminPost('/admin/data/requests', { email: person.email, request: 'erase' })
    expect(response.statusCode).toBe(200)
    expect(pageTitle(response.body)).toBe('Erase their data – Career conversations – NHS')
    expect(response.body).toContain('This cannot be undone')
    expect(response.body).toMatch(/<form method="post" action="\/admin\/data\/requests\/erase" novalidate>/)
    expect(response.body).toContain(`value="${person.email.toLowerCase()}"`)
    expect(response.body.replace(/\s+/g, ' ')).toMatch(/Bookings <\/dt> <dd class="nhsuk-summary-list__value"> 2 <\/dd>/)
    // Nothing has gone yet.
    expect(await whereFound(t.app, traces(person))).toContain('public.bookings.candidate_email')
  })

  it('refuses a form without its CSRF token', async () => {
    const cookie = await startSession(t.app, admin.id)
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/data/requests/erase',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: person.email }).toString(),
    })
    expect(response.statusCode).toBe(403)
    expect(await whereFound(t.app, traces(person))).toContain('public.bookings.candidate_email')
  })

  it('removes them from every table, the outbox and the queue, and leaves everyone else', async () => {
    const outboxBefore = (await readdir(t.outbox)).length
    const bystanderFiles = await outboxFilesMentioning(t.outbox, traces(bystander))
    expect(bystanderFiles).not.toEqual([])

    const response = await adminPost('/admin/data/requests/erase', { email: person.email })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/admin/data/requests?erased=1')

    expect(await whereFound(t.app, traces(person))).toEqual([])
    expect(await outboxFilesMentioning(t.outbox, traces(person))).toEqual([])
    // The erasure queues a notice to the coach (naming the conversation's time and its calendar event, so the coach
    // can take it out of their calendar): once it has gone, nothing of theirs is left in the queue, and the notice
    // carried none of their data into the outbox.
    await waitForIdleQueue(t.app)
    expect(await outboxFilesMentioning(t.outbox, traces(person))).toEqual([])
    const theirJobs = (await jobsWithPayloads(t.app)).filter(
      (job) =>
        person.bookingIds.includes(job.payload.bookingId as string) ||
        job.payload.invitationId === person.invitationId ||
        person.bookingIds.some((id) => job.key?.startsWith(`booking:${id}:`)),
    )
    expect(theirJobs).toEqual([])
    const left = await t.app.pg.query(
      `SELECT (SELECT count(*) FROM bookings WHERE id = ANY($1::uuid[]))::int AS bookings,
              (SELECT count(*) FROM actions WHERE id = $2)::int AS actions,
              (SELECT count(*) FROM invitations WHERE id = $3)::int AS invitations`,
      [person.bookingIds, person.actionId, person.invitationId],
    )
    expect(left.rows[0]).toEqual({ bookings: 0, actions: 0, invitations: 0 })

    // The bystander keeps everything, outbox copies included.
    const theirs = await whereFound(t.app, traces(bystander))
    expect(theirs).toEqual(expect.arrayContaining(['public.bookings.candidate_email', 'public.conversation_notes.note_values', 'public.invitations.email']))
    expect(await outboxFilesMentioning(t.outbox, traces(bystander))).toEqual(bystanderFiles)
    expect((await readdir(t.outbox)).length).toBeLessThan(outboxBefore)

    const page = await t.app.inject({ url: '/admin/data/requests?erased=1', headers: { cookie: await startSession(t.app, admin.id) } })
    expect(page.body).toContain('Their data has been erased')
  })

  it('is in the audit log with counts and ids, never the address; the entries about them stay', async () => {
    const { rows } = await t.app.pg.query(
      `SELECT actor, subject_type, subject_id, result, details FROM audit_events WHERE action = 'data.erasure' AND result = 'success'`,
    )
    expect(rows).toHaveLength(1)
    const entry = rows[0]
    expect(entry.actor).toBe(`staff:${admin.id}`)
    expect(entry.subject_type).toBe('data_subject')
    expect(entry.subject_id).toBe(subjectKey(person.email, t.app.config.SESSION_SECRET))
    expect(entry.details).toMatchObject({ bookings: 2, invitations: 1 })
    expect(entry.details.bookingIds.sort()).toEqual([...person.bookingIds].sort())
    expect(entry.details.queuedJobs).toBeGreaterThan(0)
    expect(entry.details.emailDeliveries).toBeGreaterThan(0)
    expect(entry.details.outboxFiles).toBeGreaterThan(0)
    expectNoEmailIn(entry.details, person.email)
    const about = await t.app.pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'invitation' AND subject_id = $1`, [person.invitationId])
    expect(about.rows[0].n, 'the invitation was audited and the entry stays').toBeGreaterThan(0)
  })

  it('refuses a staff member’s address, with a message, and records the refusal', async () => {
    const coachEmail = (await t.app.pg.query('SELECT email FROM staff_users WHERE id = $1', [coach.staffUserId])).rows[0].email as string
    const confirm = await adminPost('/admin/data/requests', { email: coachEmail.toUpperCase(), request: 'erase' })
    expect(confirm.statusCode).toBe(409)
    expect(confirm.body).toContain('This is a staff member’s email address')
    expect(confirm.body).not.toContain('/admin/data/requests/erase')

    const erase = await adminPost('/admin/data/requests/erase', { email: coachEmail })
    expect(erase.statusCode).toBe(409)
    expect(erase.body).toContain('we cannot erase it here')
    // A coach leaving is deactivated instead, which moves or cancels their conversations first.
    expect(erase.body).toContain('If they are a coach who is leaving, deactivate their account')
    const staff = await t.app.pg.query('SELECT count(*)::int AS n FROM staff_users WHERE email = $1', [coachEmail])
    expect(staff.rows[0].n).toBe(1)
    const denied = await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'data.erasure' AND result = 'denied'`)
    expect(denied.rows.map((r) => r.details)).toEqual([{ reason: 'staff_account' }])
  })

  it('says when nothing is held, and checks the address', async () => {
    const nothing = await adminPost('/admin/data/requests', { email: 'nobody.here@example.org', request: 'erase' })
    expect(nothing.statusCode).toBe(200)
    expect(nothing.body).toContain('We hold nothing about this email address')
    expect(nothing.body).not.toContain('action="/admin/data/requests/erase"')

    const bad = await adminPost('/admin/data/requests/erase', { email: 'not an address' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter an email address in the correct format, like name@example.com')
  })
})
