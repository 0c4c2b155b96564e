import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { subjectKey } from '../../src/domain/data-protection/index.js'
import { buildOutboxTestApp, TestClock, type OutboxTestApp } from '../helper.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser, startSession, type TestStaff } from '../support/staff.js'
import { expectNoEmailIn, personNamed, seedPerson, type SeededPerson } from './support.js'
import { pageTitle } from '../support/visitor.js'

/**
 * Subject access: an admin enters an address and gets everything held about
 * the person, as a JSON download and as a page, private coach notes and the
 * audit entries about them included. Every export is audited, by ids.
 */
describe('a copy of everything held about a person', () => {
  let t: OutboxTestApp
  let programme: ProgrammeFixture
  let coach: CoachFixture
  let admin: TestStaff
  let person: SeededPerson
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })

  beforeAll(async () => {
    t = await buildOutboxTestApp({ clock: new TestClock(monday.toJSDate()), runWorker: true })
    programme = await createProgramme(t.app.pg.pool)
    coach = await createCoach(t.app.pg.pool, programme, { name: 'Corin Coachman' })
    admin = await createStaff(t.app, { role: 'admin' })
    person = await seedPerson(t.app, programme, personNamed('Imogen'), {
      adminCookie: await startSession(t.app, admin.id),
      coachStaffId: coach.staffUserId,
      from: monday.plus({ days: 7 }).toISODate()!,
      to: monday.plus({ days: 11 }).toISODate()!,
      slotIndex: 0,
    })
    await waitForIdleQueue(t.app)
  }, 90_000)
  afterAll(async () => {
    await t?.close()
  })

  async function post(fields: Record<string, string>, staffId = admin.id) {
    const browser = await signedInBrowser(t.app, staffId)
    return browser.post('/admin/data/requests', fields, { tokenFrom: staffId === admin.id ? '/admin/data/requests' : '/' })
  }

  it('gives a JSON file with every booking, its history, preparation, notes (private too), actions and emails', async () => {
    const response = await post({ email: `  ${person.email.toUpperCase()} `, request: 'json' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(response.headers['cache-control']).toBe('no-store')
    const data = response.json()
    expect(data.about.names).toEqual([person.name])
    expect(data.about.phoneNumbers).toEqual([person.phone])
    expect(data.bookings).toHaveLength(2)
    const [held, cancelled] = data.bookings
    expect(held).toMatchObject({ candidateName: person.name, candidateEmail: person.email.toLowerCase(), coachName: 'Corin Coachman' })
    expect(held.accessibilityNeeds).toContain('screen reader')
    expect(held.history.map((e: { kind: string }) => e.kind)).toEqual(['booked', 'rescheduled'])
    expect(held.history[1].reason).toBe(`${person.name} has a shift then`)
    expect(held.manageLinks.length).toBeGreaterThan(0)
    expect(held.preparation.conversationGoal).toContain(person.phone)
    expect(held.notes.values.whoAmIPrivateNotes).toContain('money worries')
    expect(held.notes.addenda).toEqual([expect.objectContaining({ visibility: 'private', authorName: 'Corin Coachman' })])
    expect(held.outcome.outcome).toBe('held')
    expect(held.feedback).toMatchObject({ status: 'answered', usefulness: 'very_useful', comment: `Thank you from ${person.name}, ${person.phone}` })
    expect(held.outcomeFollowUps).toEqual([expect.objectContaining({ months: 3, status: 'answered', doneSince: ['applied_for_role'], helped: 'a_little' })])
    expect(cancelled.feedback).toBeNull()
    expect(held.actions).toHaveLength(1)
    expect(held.actions[0].statusChanges.map((c: { comment: string | null }) => c.comment)).toEqual([
      null,
      `Started, ring ${person.phone}`,
      `Email me at ${person.email.toLowerCase()}`,
    ])
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.cancellationReason).toBe(`${person.name} found a job`)

    expect(data.invitations).toEqual([expect.objectContaining({ name: person.name, note: expect.stringContaining('vaccination centre') })])
    const subjects = data.emails.map((e: { subject: string }) => e.subject)
    expect(subjects.length).toBeGreaterThanOrEqual(4)
    expect(data.emails.filter((e: { recipient: string }) => e.recipient === 'a member of staff').length, 'coach notices: staff addresses not shown').toBeGreaterThan(0)
    expect(data.localOutboxMessages.length).toBeGreaterThan(0)
    expect(data.scheduledJobs.length, 'reminders still to go').toBeGreaterThan(0)
    expect(data.idempotencyAnswers).toHaveLength(2)
    expect(data.auditEntries.map((e: { action: string }) => e.action)).toContain('invitation.created')

    // No secrets: link tokens are kept only as hashes, and the hashes are not shown.
    const hashes = await t.app.pg.query<{ token_hash: string }>('SELECT token_hash FROM booking_manage_tokens WHERE booking_id = ANY($1::uuid[])', [person.bookingIds])
    for (const { token_hash } of hashes.rows) expect(response.body).not.toContain(token_hash)
    expect(response.body).not.toContain(person.manageToken)
  })

  it('shows the same as a page a person can read, private notes marked', async () => {
    const response = await post({ email: person.email, request: 'page' })
    expect(response.statusCode).toBe(200)
    const html = response.body
    expect(pageTitle(html)).toBe('Everything we hold about this person – Career conversations – NHS')
    for (const text of [
      person.name,
      person.phone,
      'money worries',
      'Private: coaches only',
      `Private: ${person.name} called back`,
      `${person.name} applies for the HCA post`,
      'Fairly confident',
      'Met ' + person.name + ' at the vaccination centre',
      `${person.name} found a job`,
      `Thank you from ${person.name}`,
      'Applied for a job or role',
      'Yes, a little',
      'invitation.created',
      'Copies in the local outbox',
    ]) {
      expect(html).toContain(text.replaceAll("'", '&#39;'))
    }
  })

  it('records every export in the audit log, by ids and an HMAC of the address, never the address', async () => {
    const { rows } = await t.app.pg.query(
      `SELECT actor, subject_type, subject_id, result, details FROM audit_events WHERE action = 'export.subject_access' ORDER BY id`,
    )
    expect(rows.map((r) => r.details.format)).toEqual(['json', 'html'])
    for (const row of rows) {
      expect(row).toMatchObject({ actor: `staff:${admin.id}`, subject_type: 'data_subject', result: 'success' })
      expect(row.subject_id).toBe(subjectKey(person.email, t.app.config.SESSION_SECRET))
      expect(row.details.bookingIds.sort()).toEqual([...person.bookingIds].sort())
      expectNoEmailIn(row.details, person.email)
    }
    // The next copy lists the earlier exports among the entries about them.
    const again = await post({ email: person.email, request: 'json' })
    expect(again.json().auditEntries.filter((e: { action: string }) => e.action === 'export.subject_access')).toHaveLength(2)
  })

  it('names each preparation answer by its own question, on the earlier form or the short one', async () => {
    await t.app.pg.query(
      `UPDATE booking_preparations bp SET answers = bp.answers || $1::jsonb FROM bookings b WHERE b.id = bp.booking_id AND b.candidate_email = $2`,
      [JSON.stringify({ technicalSkills: 'Taking blood', strengthsAndSkills: 'Calm with worried people' }), person.email.toLowerCase()],
    )
    const html = (await post({ email: person.email, request: 'page' })).body
    expect(html).toMatch(/What technical skills do you have\?[\s\S]{0,200}Taking blood/)
    expect(html).toMatch(/What are your strengths and skills\?[\s\S]{0,200}Calm with worried people/)
  })

  it('asks for an address and a choice, in an error summary', async () => {
    const response = await post({ email: 'nope', request: '' })
    expect(response.statusCode).toBe(400)
    expect(pageTitle(response.body)).toBe('Error: Data requests – Career conversations – NHS')
    expect(response.body).toMatch(/<a href="#email">\s*Enter an email address in the correct format, like name@example.com\s*<\/a>/)
    expect(response.body).toMatch(/<a href="#request-1">\s*Select what the person has asked for\s*<\/a>/)
    const empty = await post({})
    expect(empty.body).toMatch(/<a href="#email">\s*Enter their email address\s*<\/a>/)
  })

  it('gives an empty copy for an address we know nothing about', async () => {
    const response = await post({ email: 'stranger@example.org', request: 'json' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ bookings: [], invitations: [], emails: [], localOutboxMessages: [] })
  })

  it('is for admins only', async () => {
    const coachStaff = await createStaff(t.app, { role: 'coach' })
    expect((await post({ email: person.email, request: 'json' }, coachStaff.id)).statusCode).toBe(403)
    expect((await t.app.inject({ url: '/admin/data/requests' })).statusCode).toBe(302)
  })
})
