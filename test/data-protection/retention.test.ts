import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCrontab } from 'graphile-worker'
import { createTaskList } from '../../src/jobs/index.js'
import { RETENTION_CRONTAB } from '../../src/jobs/retention.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { buildOutboxTestApp, TestClock, type OutboxTestApp } from '../helper.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { jobsWithPayloads, waitForIdleQueue } from '../support/jobs.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { whereFound } from './support.js'
import { pageTitle } from '../support/visitor.js'

/**
 * Retention: a daily job anonymises candidates past their programme's
 * retention period (24 months after their last conversation by default), and
 * an admin page shows first what it would do. Records are written straight to
 * the database at dates long past; the job runs through the real worker.
 */
const NOW = '2026-03-02T08:00:00.000Z'

interface Candidate {
  name: string
  email: string
  phone: string
  bookingIds: string[]
  invitationId?: string
}

describe('retention', () => {
  let t: OutboxTestApp
  let standard: ProgrammeFixture
  let shortStay: ProgrammeFixture
  let coach: CoachFixture
  let admin: TestStaff
  const people: Record<string, Candidate> = {}

  async function booking(programme: ProgrammeFixture, person: Candidate, start: string, extra: { status?: string; reason?: string } = {}) {
    const startsAt = new Date(start)
    const cancelled = extra.status === 'cancelled'
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone, contact_method,
                             accessibility_needs, candidate_time_zone, status, starts_at, ends_at, cancelled_at, cancelled_by,
                             cancellation_reason, invitation_id, consent_notice_version, consent_acknowledged_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'phone', $7, 'Europe/London', $8::booking_status, $9::timestamptz, $10, CASE WHEN $11 THEN $9::timestamptz END,
               CASE WHEN $11 THEN 'candidate'::booking_actor END, $12, $13, 'v1', $9::timestamptz, $9::timestamptz) RETURNING id`,
      [
        generateBookingReference(),
        programme.id,
        coach.id,
        person.name,
        person.email,
        person.phone,
        `${person.name} needs step-free access`,
        extra.status ?? 'completed',
        startsAt,
        new Date(startsAt.getTime() + 45 * 60_000),
        cancelled,
        extra.reason ?? null,
        person.invitationId ?? null,
      ],
    )
    const id = rows[0]!.id
    person.bookingIds.push(id)
    await t.app.pg.query(
      `INSERT INTO booking_events (booking_id, kind, actor, occurred_at, starts_at, ends_at, coach_id, reason, sequence)
       VALUES ($1, 'booked', 'candidate', $2, $2, $3, $4, $5, 0)`,
      [id, startsAt, new Date(startsAt.getTime() + 45 * 60_000), coach.id, `Booked by ${person.name}`],
    )
    await t.app.pg.query(`INSERT INTO booking_manage_tokens (booking_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
      id,
      randomBytes(32).toString('hex'),
      new Date(NOW),
    ])
    return id
  }

  async function invitation(programme: ProgrammeFixture, person: Candidate, expiresAt: string, status = 'sent') {
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO invitations (programme_id, name, email, phone, note, status, token_hash, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz - interval '60 days', $8) RETURNING id`,
      [programme.id, person.name, person.email, person.phone, `Note about ${person.name}`, status, randomBytes(32).toString('hex'), expiresAt],
    )
    person.invitationId = rows[0]!.id
    return rows[0]!.id
  }

  let phones = 0
  function candidate(key: string): Candidate {
    const tag = randomBytes(3).toString('hex')
    // A number of each person's own: drawn from the tag, two people shared one in about one run in thirty, and a
    // kept person's number then showed up as an anonymised person's.
    const phone = `07700 8${String(++phones).padStart(5, '0')}`
    people[key] = { name: `${key} Retentionova-${tag}`, email: `${key.toLowerCase()}.${tag}@example.org`, phone, bookingIds: [] }
    return people[key]!
  }

  async function keepInOutbox(file: string, to: string, body: string) {
    await mkdir(t.outbox, { recursive: true })
    const raw = [`From: no-reply@career-conversations.localhost`, `To: ${to}`, `Subject: Your career conversation`, `Date: Mon, 5 Jan 2024 09:00:00 +0000`, `Message-ID: <${file}@localhost>`, `Content-Type: text/plain; charset=utf-8`, '', body, ''].join('\r\n')
    await writeFile(path.join(t.outbox, file), raw)
  }

  const adminGet = async (url: string) => t.app.inject({ url, headers: { cookie: await startSession(t.app, admin.id) } })

  beforeAll(async () => {
    t = await buildOutboxTestApp({ clock: new TestClock(new Date(NOW)), runWorker: true })
    standard = await createProgramme(t.app.pg.pool, { slug: 'vaccinators' })
    shortStay = await createProgramme(t.app.pg.pool, { slug: 'short-stay' })
    await t.app.pg.query('UPDATE programmes SET retention_months = 12 WHERE id = $1', [shortStay.id])
    coach = await createCoach(t.app.pg.pool, standard)
    admin = await createStaff(t.app, { role: 'admin' })

    // Due: last conversation 26 months ago, with everything a conversation leaves behind.
    const old = candidate('Oldham')
    await invitation(standard, old, '2023-12-01T00:00:00Z', 'booked')
    await booking(standard, old, '2023-06-12T09:00:00Z', { status: 'cancelled', reason: `${old.name} was ill` })
    const held = await booking(standard, old, '2024-01-10T10:00:00Z')
    await t.app.pg.query(`INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, $3)`, [
      held,
      JSON.stringify({ conversationGoal: `I am ${old.name}` }),
      '2024-01-05T00:00:00Z',
    ])
    await t.app.pg.query(
      `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, status, version, created_at, updated_at, completed_at)
       VALUES ($1, 'four-stage', 1, $2, 'complete', 2, $3, $3, $3)`,
      [held, JSON.stringify({ purpose: `Help ${old.name}`, whoAmIPrivateNotes: `${old.name} is anxious`, strengths: ['Kind'], confidence: 'fairlyConfident' }), '2024-01-10T11:00:00Z'],
    )
    await t.app.pg.query(`INSERT INTO conversation_note_addenda (booking_id, visibility, text, created_at) VALUES ($1, 'private', $2, $3)`, [
      held,
      `${old.name} rang back`,
      '2024-01-11T00:00:00Z',
    ])
    await t.app.pg.query(`INSERT INTO conversation_outcomes (booking_id, outcome, recorded_at) VALUES ($1, 'held', $2)`, [held, '2024-01-10T11:00:00Z'])
    // The candidate's feedback and a follow-up: the comment is free text, the choices are counted.
    await t.app.pg.query(
      `INSERT INTO conversation_feedback (booking_id, status, usefulness, knows_next_step, confidence, comment, first_answered_at, updated_at)
       VALUES ($1, 'answered', 'very_useful', 'yes', 'confident', $2, $3, $3)`,
      [held, `Thanks from ${old.name}, ring ${old.phone}`, '2024-01-11T10:00:00Z'],
    )
    await t.app.pg.query(
      `INSERT INTO outcome_follow_ups (booking_id, months, status, done_since, helped, first_answered_at, updated_at)
       VALUES ($1, 3, 'answered', '{started_training,applied_for_role}', 'a_lot', $2, $2)`,
      [held, '2024-04-10T10:00:00Z'],
    )
    const action = await t.app.pg.query<{ id: string }>(
      `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, resource_url, resource_title, status, status_changed_at, created_at, updated_at)
       VALUES ($1, 1, $2, 'candidate', '2024-02-01', 'training_or_course', 'https://example.org/course', $3, 'done', $4, $4, $4) RETURNING id`,
      [held, `${old.name} books the course`, `Course for ${old.name}`, '2024-01-10T11:00:00Z'],
    )
    await t.app.pg.query(
      `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, comment) VALUES
         ($1, NULL, 'not_started', $2, 'coach', NULL), ($1, 'not_started', 'done', $2, 'candidate', $3), ($1, 'done', 'done', $2, 'candidate', $4)`,
      [action.rows[0]!.id, '2024-01-20T00:00:00Z', `Done, ${old.phone}`, `Thanks from ${old.name}`],
    )
    await t.app.pg.query(
      `INSERT INTO idempotency_keys (scope, key, request_fingerprint, status_code, response_body, booking_id, created_at, expires_at)
       VALUES ('bookings', $1, 'f', 201, $2, $3, $4, $5)`,
      [randomUUID(), JSON.stringify({ booking: { candidateName: old.name } }), held, '2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    )
    const messageFile = '2024-01-05T09-00-00-000Z-abcdef0123456789abcdef01.eml'
    await t.app.pg.query(
      `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, status, job_payload, sent_at)
       VALUES ($1, 'booking-confirmation', $2, $3, $4, '<abcdef0123456789abcdef0123456789@localhost>', 'sent', $5, $6)`,
      [`booking:${held}:confirmation`, held, old.email, `Booked: ${old.name}`, JSON.stringify({ email: 'booking-confirmation', bookingId: held }), '2024-01-05T09:00:00Z'],
    )
    await keepInOutbox(messageFile, old.email, `Dear ${old.name}, your conversation is booked.`)
    await t.app.jobs.add('send-email', { email: 'action-check-in', bookingId: held }, { runAt: new Date('2030-01-01T00:00:00Z'), jobKey: `booking:${held}:check-in` })

    // Due: invited 28 months ago, never booked. A coach's agenda (no delivery of theirs) mentions them.
    const invitedOnly = candidate('Inverness')
    await invitation(standard, invitedOnly, '2023-11-01T00:00:00Z')
    await keepInOutbox('2023-10-01T09-00-00-000Z-0000000000000000000000aa.eml', 'coach@staff.example', `Today: ${invitedOnly.name} (${invitedOnly.email})`)

    // Due on the short-stay programme (12 months): 13 months ago.
    const shortOld = candidate('Shortland')
    await booking(shortStay, shortOld, '2025-01-15T10:00:00Z')

    // Kept: recent, mixed (an old booking and a recent one), invited recently, and one due within 90 days.
    const recent = candidate('Recentia')
    await booking(standard, recent, '2025-06-01T10:00:00Z')
    await keepInOutbox('2025-05-01T09-00-00-000Z-0000000000000000000000bb.eml', recent.email, `Dear ${recent.name}`)
    const mixed = candidate('Mixon')
    await booking(standard, mixed, '2023-12-04T10:00:00Z')
    await booking(standard, mixed, '2025-12-01T10:00:00Z')
    const invitedRecently = candidate('Ivy')
    await invitation(standard, invitedRecently, '2025-10-01T00:00:00Z')
    const soon = candidate('Soonberg')
    await booking(standard, soon, '2024-04-15T10:00:00Z')
  }, 60_000)
  afterAll(async () => {
    await t?.close()
  })

  it('shows first who would go, by programme, oldest first, without names', async () => {
    const response = await adminGet('/admin/data/retention')
    expect(response.statusCode).toBe(200)
    const html = response.body.replace(/\s+/g, ' ')
    expect(pageTitle(html)).toBe('Retention – Career conversations – NHS')
    expect(html).toContain('The next run will anonymise 3 people: 3 bookings and 1 invitation.')
    const dueNow = html.slice(html.indexOf('<h2>Due now</h2>'), html.indexOf('<h3>The first to go</h3>'))
    expect(dueNow.indexOf('Programme vaccinators')).toBeLessThan(dueNow.indexOf('Programme short-stay'))
    expect(dueNow).toMatch(/Programme vaccinators<\/td> <td class="nhsuk-table__cell">24 months<\/td> <td[^>]*>2<\/td> <td[^>]*>2<\/td> <td[^>]*>1<\/td> <td class="nhsuk-table__cell">Wednesday 1 November 2023<\/td>/)
    expect(dueNow).toMatch(/Programme short-stay<\/td> <td class="nhsuk-table__cell">12 months<\/td> <td[^>]*>1<\/td> <td[^>]*>1<\/td> <td[^>]*>0<\/td>/)
    const first = html.slice(html.indexOf('<h3>The first to go</h3>'), html.indexOf('Due in the next'))
    expect(first.match(/<tr class="nhsuk-table__row">/g)).toHaveLength(4) // the header and three people
    expect(first.indexOf('Wednesday 1 November 2023')).toBeLessThan(first.indexOf('Wednesday 10 January 2024'))
    const soon = html.slice(html.indexOf('Due in the next 90 days'), html.indexOf('<h2>Last runs</h2>'))
    expect(soon).toMatch(/Programme vaccinators<\/td> <td class="nhsuk-table__cell">24 months<\/td> <td[^>]*>1<\/td>/)
    for (const person of Object.values(people)) {
      expect(response.body).not.toContain(person.name)
      expect(response.body).not.toContain(person.email)
    }
    expect(html).toContain('The nightly run has not happened yet.')
    // Nothing changed.
    const { rows } = await t.app.pg.query(`SELECT count(*)::int AS n FROM bookings WHERE candidate_name = 'Anonymised'`)
    expect(rows[0].n).toBe(0)
  })

  it('runs as a daily job: anonymises those due, keeps what reports count, records the counts', async () => {
    await t.app.jobs.add('data-retention', {})
    await waitForIdleQueue(t.app)

    const old = people.Oldham!
    const bookings = await t.app.pg.query(
      `SELECT candidate_name, candidate_email, candidate_phone, accessibility_needs, cancellation_reason, status, starts_at, programme_id, coach_id
         FROM bookings WHERE id = ANY($1::uuid[]) ORDER BY starts_at`,
      [old.bookingIds],
    )
    expect(bookings.rows).toEqual([
      expect.objectContaining({ candidate_name: 'Anonymised', candidate_phone: '', accessibility_needs: null, cancellation_reason: null, status: 'cancelled', programme_id: standard.id, coach_id: coach.id }),
      expect.objectContaining({ candidate_name: 'Anonymised', candidate_phone: '', accessibility_needs: null, status: 'completed' }),
    ])
    expect(bookings.rows[1].starts_at.toISOString()).toBe('2024-01-10T10:00:00.000Z')
    for (const row of bookings.rows) expect(row.candidate_email).toMatch(/^anonymised-[0-9a-f-]{36}@anonymised\.invalid$/)
    const [held] = old.bookingIds.slice(1)
    const q = async (sql: string) => (await t.app.pg.query(sql, [old.bookingIds])).rows
    expect(await q(`SELECT reason FROM booking_events WHERE booking_id = ANY($1::uuid[])`)).toEqual([{ reason: null }, { reason: null }])
    expect(await q(`SELECT 1 FROM booking_manage_tokens WHERE booking_id = ANY($1::uuid[])`)).toEqual([])
    expect(await q(`SELECT 1 FROM booking_preparations WHERE booking_id = ANY($1::uuid[])`)).toEqual([])
    expect(await q(`SELECT 1 FROM idempotency_keys WHERE booking_id = ANY($1::uuid[])`)).toEqual([])
    expect(await q(`SELECT 1 FROM conversation_note_addenda WHERE booking_id = ANY($1::uuid[])`)).toEqual([])
    expect(await q(`SELECT note_values, status FROM conversation_notes WHERE booking_id = ANY($1::uuid[])`)).toEqual([
      { note_values: { confidence: 'fairlyConfident' }, status: 'complete' },
    ])
    expect(await q(`SELECT outcome FROM conversation_outcomes WHERE booking_id = ANY($1::uuid[])`)).toEqual([{ outcome: 'held' }])
    expect(await q(`SELECT status, usefulness, knows_next_step, confidence, comment FROM conversation_feedback WHERE booking_id = ANY($1::uuid[])`)).toEqual([
      { status: 'answered', usefulness: 'very_useful', knows_next_step: 'yes', confidence: 'confident', comment: null },
    ])
    expect(await q(`SELECT months, done_since::text[] AS done, helped FROM outcome_follow_ups WHERE booking_id = ANY($1::uuid[])`)).toEqual([
      { months: 3, done: ['started_training', 'applied_for_role'], helped: 'a_lot' },
    ])
    expect(await q(`SELECT summary, category, status, due_on::text AS due, resource_url, resource_title FROM actions WHERE booking_id = ANY($1::uuid[])`)).toEqual([
      { summary: 'Removed at the end of the retention period', category: 'training_or_course', status: 'done', due: '2024-02-01', resource_url: null, resource_title: null },
    ])
    expect(await q(`SELECT from_status, to_status, comment FROM action_status_changes WHERE action_id IN (SELECT id FROM actions WHERE booking_id = ANY($1::uuid[])) ORDER BY id`)).toEqual([
      { from_status: null, to_status: 'not_started', comment: null },
      { from_status: 'not_started', to_status: 'done', comment: null },
    ])
    expect(await q(`SELECT recipient, subject, status FROM email_deliveries WHERE booking_id = ANY($1::uuid[])`)).toEqual([{ recipient: '', subject: '', status: 'sent' }])
    expect((await jobsWithPayloads(t.app)).filter((job) => job.payload.bookingId === held)).toEqual([])
    const invitations = await t.app.pg.query(`SELECT name, email, phone, note, status FROM invitations WHERE id = ANY($1::uuid[])`, [
      [old.invitationId, people.Inverness!.invitationId],
    ])
    for (const row of invitations.rows) {
      expect(row).toMatchObject({ name: 'Anonymised', phone: null, note: null })
      expect(row.email).toMatch(/@anonymised\.invalid$/)
    }

    // Nothing of the three due remains anywhere; the others are untouched.
    for (const key of ['Oldham', 'Inverness', 'Shortland']) {
      const person = people[key]!
      expect(await whereFound(t.app, [person.name, person.email, person.phone]), key).toEqual([])
    }
    for (const key of ['Recentia', 'Mixon', 'Ivy', 'Soonberg']) {
      const person = people[key]!
      expect(await whereFound(t.app, [person.email]), key).not.toEqual([])
    }
    expect((await readdir(t.outbox)).sort()).toEqual(['2025-05-01T09-00-00-000Z-0000000000000000000000bb.eml'])

    const audit = await t.app.pg.query(`SELECT actor, result, details FROM audit_events WHERE action = 'data.retention'`)
    expect(audit.rows).toEqual([
      {
        actor: 'system',
        result: 'success',
        details: { candidates: 3, bookings: 3, invitations: 2, emailDeliveries: 1, queuedJobs: 1, outboxFiles: 2, expiredIdempotencyKeys: 0, waitlistEntries: 0 },
      },
    ])
  })

  it('does nothing more on the next run, and the page says so', async () => {
    await t.app.jobs.add('data-retention', {})
    await waitForIdleQueue(t.app)
    const audit = await t.app.pg.query(`SELECT details FROM audit_events WHERE action = 'data.retention' ORDER BY id`)
    expect(audit.rows[1].details).toMatchObject({ candidates: 0, bookings: 0, invitations: 0 })
    const page = (await adminGet('/admin/data/retention')).body.replace(/\s+/g, ' ')
    expect(page).toContain('Nobody is past their programme’s retention period.')
    expect(page).toMatch(/<h2>Last runs<\/h2>.*Monday 2 March 2026, 8am<\/td> <td[^>]*>0<\/td>/)
  })

  it('moves with the clock: a year on, the recent ones go too', async () => {
    t.clock.set('2027-12-02T08:00:00.000Z')
    try {
      await t.app.jobs.add('data-retention', {})
      await waitForIdleQueue(t.app)
      const { rows } = await t.app.pg.query(`SELECT count(*)::int AS n FROM bookings WHERE candidate_name <> 'Anonymised'`)
      expect(rows[0].n).toBe(0) // Mixon's last conversation, on 1 December 2025, was kept until 1 December 2027
    } finally {
      t.clock.set(NOW)
    }
  })

  it('is a task of the worker, on a daily crontab line', () => {
    expect(createTaskList(t.app)).toHaveProperty('data-retention')
    const [item] = parseCrontab(RETENTION_CRONTAB)
    expect(item).toMatchObject({ task: 'data-retention', identifier: 'data-retention' })
    expect(RETENTION_CRONTAB).toMatch(/^30 2 \* \* \* /) // 2:30am UTC, every day
  })

  it('is for admins only', async () => {
    expect((await t.app.inject({ url: '/admin/data/retention' })).statusCode).toBe(302)
    const coachStaff = await createStaff(t.app, { role: 'coach' })
    const response = await t.app.inject({ url: '/admin/data/retention', headers: { cookie: await startSession(t.app, coachStaff.id) } })
    expect(response.statusCode).toBe(403)
  })
})
