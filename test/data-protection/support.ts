/**
 * A person seeded everywhere the service keeps something about someone, for
 * the data protection tests: an invitation and bookings made through the
 * real API (with an Idempotency-Key), a move and a cancellation, preparation
 * answers, notes with private parts, addenda, actions and their changes,
 * emails sent by the worker (deliveries and local outbox copies), emails
 * still queued, and a failed job and delivery whose errors quote the address.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import PostalMime from 'postal-mime'
import { expect } from 'vitest'
import { hashToken } from '../../src/domain/booking/tokens.js'
import { scheduleQuestionsAfterConversation } from '../../src/domain/outcomes/index.js'
import { LONDON, listSlotStarts, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'

export interface Person {
  name: string
  /** As they typed it (mixed case): stored in lower case. */
  email: string
  phone: string
}

export interface SeededPerson extends Person {
  bookingIds: string[]
  invitationId: string
  manageToken: string
  actionId: string
}

export function personNamed(first: string): Person {
  const tag = randomBytes(3).toString('hex')
  return {
    name: `${first} Zephyrine-${tag} Quillfeather`,
    email: `${first}.Quill+${tag}@Example.org`,
    phone: `07700 9${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`,
  }
}

/** What must not remain anywhere once the person is erased. */
export function traces(person: Person): string[] {
  const surname = person.name.split(' ')[1]!
  return [person.email.toLowerCase(), person.name, surname, person.phone, person.phone.replace(/\s/g, '')]
}

async function json(app: FastifyInstance, method: 'POST' | 'PUT', url: string, payload: object, headers: Record<string, string>) {
  const response = await app.inject({ method, url, payload, headers })
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`)
  return response.json()
}

/**
 * Seeds `person` on `programme` with bookings at the first free slots from
 * `from` (an ISO date a few weeks ahead, so reminders stay queued). `adminCookie`
 * signs the invitation; `coachStaffId` writes the notes.
 */
export async function seedPerson(
  app: FastifyInstance,
  programme: ProgrammeFixture,
  person: Person,
  options: { adminCookie: string; coachStaffId: string; from: string; to: string; slotIndex: number },
): Promise<SeededPerson> {
  const slots = await listSlotStarts(app, programme, options.from, options.to)
  const [first, second, third] = [slots[options.slotIndex]!, slots[options.slotIndex + 1]!, slots[options.slotIndex + 2]!]

  // Invited by the programme team, with a note about them; the link's token is one the test knows.
  const invitation = await json(app, 'POST', '/api/v1/admin/invitations', {
    programme: programme.slug,
    name: person.name,
    email: person.email,
    phone: person.phone,
    note: `Met ${person.name} at the vaccination centre`,
  }, { cookie: options.adminCookie })
  const invitationId = invitation.invitation.id as string
  // The invitation email issues the link: wait for it, then swap in a token this test knows.
  await waitForIdleQueue(app)
  const invitationToken = randomBytes(32).toString('base64url')
  await app.pg.query('UPDATE invitations SET token_hash = $2 WHERE id = $1', [invitationId, hashToken(invitationToken)])

  const body = (start: string, extra: object = {}) => ({
    programme: programme.slug,
    start,
    timeZone: LONDON,
    candidate: { name: person.name, email: person.email, phone: person.phone },
    contactMethod: 'phone',
    accessibilityNeeds: `${person.name} uses a screen reader`,
    consent: true,
    ...extra,
  })
  const booked = await json(app, 'POST', '/api/v1/bookings', body(first, { invitation: invitationToken }), {
    'idempotency-key': `seed-${randomUUID()}`,
  })
  const bookingId = booked.booking.id as string
  const manageToken = (booked.manageUrl as string).split('/').pop()!
  const asCandidate = { authorization: `Bearer ${manageToken}` }
  await json(app, 'POST', `/api/v1/bookings/${bookingId}/reschedule`, { start: second, reason: `${person.name} has a shift then` }, asCandidate)
  await json(app, 'PUT', `/api/v1/bookings/${bookingId}/preparation`, {
    answers: { conversationGoal: `I am ${person.name}, call me on ${person.phone}` },
  }, asCandidate)

  // A second booking, cancelled with a reason.
  const other = await json(app, 'POST', '/api/v1/bookings', body(third), { 'idempotency-key': `seed-${randomUUID()}` })
  const otherId = other.booking.id as string
  const otherToken = (other.manageUrl as string).split('/').pop()!
  await json(app, 'POST', `/api/v1/bookings/${otherId}/cancel`, { reason: `${person.name} found a job` }, { authorization: `Bearer ${otherToken}` })

  // A place on the programme's waitlist for Saturday evenings, which no coach works: no offer.
  await json(app, 'POST', '/api/v1/waitlist', {
    programme: programme.slug,
    candidate: { name: person.name, email: person.email, phone: person.phone },
    contactMethod: 'phone',
    preferences: { days: [6], partsOfDay: ['early_evening'], timeZone: LONDON },
    consent: true,
  }, {})

  // Notes (shared and private), an addendum, an outcome, an action and its changes: as the notes service writes them.
  const now = app.clock.now()
  await app.pg.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, status, version, created_at, updated_at, updated_by_id, completed_at, completed_by_id)
     VALUES ($1, 'four-stage', 1, $2, 'complete', 3, $3, $3, $4, $3, $4)`,
    [
      bookingId,
      JSON.stringify({
        purpose: `Help ${person.name} find a healthcare assistant role`,
        strengths: ['Calm under pressure', `Known as ${person.name.split(' ')[0]} the reliable`],
        whoAmIPrivateNotes: `${person.name} mentioned money worries; phone ${person.phone}`,
        confidence: 'fairlyConfident',
      }),
      now,
      options.coachStaffId,
    ],
  )
  await app.pg.query(
    `INSERT INTO conversation_note_addenda (booking_id, author_id, visibility, text, created_at) VALUES ($1, $2, 'private', $3, $4)`,
    [bookingId, options.coachStaffId, `Private: ${person.name} called back from ${person.email}`, now],
  )
  await app.pg.query(`INSERT INTO conversation_outcomes (booking_id, outcome, recorded_at, recorded_by_id) VALUES ($1, 'held', $2, $3)`, [
    bookingId,
    now,
    options.coachStaffId,
  ])
  // The candidate's feedback and an outcome follow-up, each saying who they are.
  await app.pg.query(
    `INSERT INTO conversation_feedback (booking_id, status, usefulness, knows_next_step, confidence, comment, first_answered_at, updated_at)
     VALUES ($1, 'answered', 'very_useful', 'partly', 'fairlyConfident', $2, $3, $3)`,
    [bookingId, `Thank you from ${person.name}, ${person.phone}`, now],
  )
  await app.pg.query(
    `INSERT INTO outcome_follow_ups (booking_id, months, status, done_since, helped, first_answered_at, updated_at)
     VALUES ($1, 3, 'answered', '{applied_for_role}', 'a_little', $2, $2)`,
    [bookingId, now],
  )
  // Its questions still to be emailed (the feedback and the follow-ups at 3 and 12 months), queued as recording "held" queues them.
  const client = await app.pg.pool.connect()
  try {
    const held = await app.pg.query<{ starts_at: Date; ends_at: Date }>('SELECT starts_at, ends_at FROM bookings WHERE id = $1', [bookingId])
    await scheduleQuestionsAfterConversation({ jobs: app.jobs }, client, { bookingId, startsAt: held.rows[0]!.starts_at, endsAt: held.rows[0]!.ends_at, now })
  } finally {
    client.release()
  }
  const action = await app.pg.query<{ id: string }>(
    `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, resource_url, resource_title, status, status_changed_at, created_at, created_by_id, updated_at)
     VALUES ($1, 1, $2, 'candidate', '2026-12-01', 'job_application', 'https://example.org/jobs', $3, 'in_progress', $4, $4, $5, $4) RETURNING id`,
    [bookingId, `${person.name} applies for the HCA post`, `Jobs for ${person.name}`, now, options.coachStaffId],
  )
  const actionId = action.rows[0]!.id
  await app.pg.query(
    `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, actor_staff_user_id, comment) VALUES
       ($1, NULL, 'not_started', $2, 'coach', $3, NULL),
       ($1, 'not_started', 'in_progress', $2, 'candidate', NULL, $4),
       ($1, 'in_progress', 'in_progress', $2, 'candidate', NULL, $5)`,
    [actionId, now, options.coachStaffId, `Started, ring ${person.phone}`, `Email me at ${person.email.toLowerCase()}`],
  )

  // A job that failed, quoting the address as SMTP errors do; and a delivery that failed the same way.
  // graphile-worker's public functions only: the error recorded (as failing for good does), then one attempt used of 14.
  const { rows: failing } = await app.pg.query<{ id: string }>(
    `SELECT id FROM graphile_worker.add_job('send-email', json_build_object('email', 'booking-confirmation', 'bookingId', $1::text, 'preparationIncluded', false), run_at => now() + interval '1 day', max_attempts => 14)`,
    [otherId],
  )
  await app.pg.query(`SELECT graphile_worker.permanently_fail_jobs(ARRAY[$1::bigint], $2)`, [failing[0]!.id, `550 5.1.1 <${person.email.toLowerCase()}>: mailbox unavailable`])
  await app.pg.query(`SELECT graphile_worker.reschedule_jobs(ARRAY[$1::bigint], attempts := 1)`, [failing[0]!.id])
  await app.pg.query(
    `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, status, last_error, job_payload, failed_at)
     VALUES ($1, 'reminder', $2, $3, 'Reminder: your career conversation', $4, 'failed', $5, '{}', now())`,
    [`seed:${randomUUID()}`, otherId, person.email.toLowerCase(), `<${randomBytes(16).toString('hex')}@localhost>`, `550 <${person.email.toLowerCase()}> unknown`],
  )

  return { ...person, bookingIds: [bookingId, otherId], invitationId, manageToken, actionId }
}

/** Every text, JSON, array or enum column of every table in the public and graphile_worker schemas. */
export async function searchableColumns(app: FastifyInstance) {
  const { rows } = await app.pg.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ('public', 'graphile_worker')
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea'))
      ORDER BY 1, 2, 3`,
  )
  return rows
}

/** "schema.table.column" for every column holding one of `needles` (case-insensitive), and whole rows too. */
export async function whereFound(app: FastifyInstance, needles: readonly string[]): Promise<string[]> {
  const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, '\\$&')}%`)
  const found: string[] = []
  for (const { schema, table, column } of await searchableColumns(app)) {
    const { rows } = await app.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE "${column}"::text ILIKE ANY($1::text[])`,
      [patterns],
    )
    if (rows[0]!.n > 0) found.push(`${schema}.${table}.${column}`)
  }
  // Whole rows as text: anything the column list would miss.
  const { rows: tables } = await app.pg.query<{ schema: string; table: string }>(
    `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker')`,
  )
  for (const { schema, table } of tables) {
    const { rows } = await app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${table}" AS t WHERE t::text ILIKE ANY($1::text[])`, [patterns])
    if (rows[0]!.n > 0 && !found.some((f) => f.startsWith(`${schema}.${table}.`))) found.push(`${schema}.${table}`)
  }
  return found
}

/** Outbox files (names) whose raw text or decoded parts mention one of `needles`. */
export async function outboxFilesMentioning(dir: string, needles: readonly string[]): Promise<string[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'))
  const lower = needles.map((n) => n.toLowerCase())
  const hits: string[] = []
  for (const file of files) {
    const raw = await readFile(path.join(dir, file))
    const parsed = await PostalMime.parse(raw)
    const text = [raw.toString('utf8'), parsed.subject, parsed.text, parsed.html, ...(parsed.to ?? []).map((a) => `${a.name} ${a.address ?? ''}`)]
      .join('\n')
      .replace(/\s+/g, ' ')
      .toLowerCase()
    if (lower.some((n) => text.includes(n.replace(/\s+/g, ' ')))) hits.push(file)
  }
  return hits
}

export function expectNoEmailIn(details: unknown, email: string) {
  expect(JSON.stringify(details).toLowerCase()).not.toContain(email.toLowerCase())
  expect(JSON.stringify(details)).not.toMatch(/[^\s@"]+@[^\s@"]+\.[a-z]+/i)
}
