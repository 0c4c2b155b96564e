/**
 * Conversations for notes and actions tests, written straight to the test's
 * own database: a programme (with its conversation model), coaches with
 * sessions, bookings with a manage link the test knows.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { insertProgrammeResource } from '../../src/repositories/actions.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'

export interface SignedIn extends TestStaff {
  cookie: string
}

export async function signedIn(app: FastifyInstance, role: 'coach' | 'admin', name?: string): Promise<SignedIn> {
  const staff = await createStaff(app, { role, ...(name ? { name } : {}) })
  return { ...staff, cookie: await startSession(app, staff.id) }
}

export async function createProgramme(app: FastifyInstance, model = 'four-stage'): Promise<{ id: string; slug: string }> {
  const slug = `notes-${randomBytes(4).toString('hex')}`
  const { rows } = await app.pg.query<{ id: string }>(
    `INSERT INTO programmes (slug, name, conversation_model_key) VALUES ($1, $2, $3) RETURNING id`,
    [slug, `Programme ${slug}`, model],
  )
  return { id: rows[0]!.id, slug }
}

export interface NotesTeam {
  programmeId: string
  coach: SignedIn
  /** A coach on the same programme, who must not see `coach`'s conversations. */
  otherCoach: SignedIn
  admin: SignedIn
}

/** A programme and the people of most notes and actions tests, each signed in (named as given, or made-up names). */
export async function notesTeam(app: FastifyInstance, names: { coach?: string; otherCoach?: string; admin?: string } = {}): Promise<NotesTeam> {
  const programmeId = (await createProgramme(app)).id
  return {
    programmeId,
    coach: await signedIn(app, 'coach', names.coach),
    otherCoach: await signedIn(app, 'coach', names.otherCoach),
    admin: await signedIn(app, 'admin', names.admin),
  }
}

export interface Conversation {
  id: string
  reference: string
  /** The token of a manage link of this booking (send as Bearer). */
  token: string
  startsAt: Date
  endsAt: Date
}

/** A booking with `coach`, starting at `start`, with a manage link that works for a year. */
export async function createConversation(
  app: FastifyInstance,
  programmeId: string,
  coachId: string,
  start: string,
  candidate: { name?: string; email?: string; phone?: string | null; accessibilityNeeds?: string | null } = {},
): Promise<Conversation> {
  const startsAt = new Date(start)
  const endsAt = new Date(startsAt.getTime() + 45 * 60_000)
  const reference = generateBookingReference()
  const phone = candidate.phone === undefined ? '07700 900123' : candidate.phone
  const { rows } = await app.pg.query<{ id: string }>(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, candidate_phone, contact_method,
                           accessibility_needs, candidate_time_zone, starts_at, ends_at, consent_notice_version, consent_acknowledged_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Europe/London', $9, $10, 'test', $9) RETURNING id`,
    [
      reference,
      programmeId,
      coachId,
      candidate.name ?? 'Sam Taylor',
      candidate.email ?? `sam.${randomBytes(3).toString('hex')}@example.com`,
      phone,
      phone ? 'phone' : 'video',
      candidate.accessibilityNeeds ?? null,
      startsAt,
      endsAt,
    ],
  )
  const id = rows[0]!.id
  const { token, hash } = generateToken()
  await app.pg.query(`INSERT INTO booking_manage_tokens (booking_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [
    id,
    hash,
    new Date(startsAt.getTime() + 365 * 24 * 60 * 60_000),
  ])
  return { id, reference, token, startsAt, endsAt }
}

export async function createResource(app: FastifyInstance, programmeId: string, title = 'Health Careers: explore roles') {
  return insertProgrammeResource(app.pg.pool, {
    programmeId,
    title,
    url: 'https://www.healthcareers.nhs.uk/explore-roles',
    description: 'Over 350 roles in health and care',
  })
}

/** A JSON request as a signed-in member of staff. */
export function asStaff(
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
}

export function asCandidate(
  app: FastifyInstance,
  token: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) })
}

export const anAction = (overrides: Record<string, unknown> = {}) => ({
  summary: 'Look at healthcare assistant roles on NHS Jobs',
  owner: 'candidate',
  dueOn: '2026-03-31',
  category: 'job_application',
  ...overrides,
})

/**
 * The coach writes up a conversation: every shared stage answered (a route
 * into nursing, maths first), `privateNotes` besides, saved as a draft
 * (version 1); then agrees `action` (with anAction's defaults). Gives the
 * action's id.
 */
export async function draftNotesWithAction(
  app: FastifyInstance,
  coach: Pick<SignedIn, 'cookie'>,
  bookingId: string,
  { privateNotes = {}, action }: { privateNotes?: Record<string, string>; action: Record<string, unknown> },
): Promise<string> {
  const saved = await asStaff(app, coach.cookie, 'PUT', `/api/v1/bookings/${bookingId}/notes`, {
    version: 0,
    values: {
      purpose: 'Find a route into nursing',
      strengths: ['Calm', 'Kind'],
      optionsDiscussed: [{ role: 'Nursing associate', timing: 'later', realism: 'stretch' }],
      developmentNeeds: [{ need: 'Maths', isFocus: true }],
      strategies: 'Maths first, then apply',
      ...privateNotes,
    },
  })
  expect(saved.statusCode, saved.body).toBe(200)
  const agreed = await asStaff(app, coach.cookie, 'POST', `/api/v1/bookings/${bookingId}/actions`, anAction(action))
  expect(agreed.statusCode, agreed.body).toBe(201)
  return agreed.json().id as string
}

/** The candidate's answers to the preparation form, as if saved just now. */
export async function addPreparation(app: FastifyInstance, bookingId: string, answers: Record<string, string>): Promise<void> {
  await app.pg.query(`INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, now())`, [bookingId, JSON.stringify(answers)])
}

export async function auditActions(app: FastifyInstance, bookingId: string): Promise<{ actor: string; action: string; result: string; details: Record<string, unknown> }[]> {
  const { rows } = await app.pg.query(
    `SELECT actor, action, result, details FROM audit_events WHERE subject_type = 'booking' AND subject_id = $1 ORDER BY id`,
    [bookingId],
  )
  return rows
}

/** Sessions end after 30 idle minutes: after moving the clock, give each person a fresh one. */
export async function freshSessions(app: FastifyInstance, ...people: SignedIn[]): Promise<void> {
  for (const person of people) person.cookie = await startSession(app, person.id)
}

/**
 * 20 minutes into a call: Amina Okafor (coach, signed in) talking to Sam
 * Taylor from 10am on Wednesday 4 March 2026, who answered two preparation
 * questions; the programme's library has one resource.
 */
export async function callInProgress(server: { app: FastifyInstance; clock: { set(instant: string): void } }) {
  server.clock.set('2026-03-04T10:20:00.000Z')
  const programme = await createProgramme(server.app)
  await createResource(server.app, programme.id, 'Nursing associate apprenticeships')
  const coach = await signedIn(server.app, 'coach', 'Amina Okafor')
  const conversation = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-04T10:00:00.000Z', { name: 'Sam Taylor' })
  await addPreparation(server.app, conversation.id, { conversationGoal: 'Find a way into nursing', keyStrengths: 'Calm with anxious patients' })
  return { programme, coach, conversation }
}
