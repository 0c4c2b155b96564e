/**
 * A programme with a known history, for the report and action review tests:
 * every figure the tests expect follows from these rows (see the comments).
 */
import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'

/** "Now" for these tests: Monday 1 June 2026, 1pm UK time. */
export const NOW = '2026-06-01T12:00:00.000Z'
export const PRIVATE_NOTE = 'PRIVATE-NOTE-never-on-the-review-page'

export interface Seeded {
  programme: ProgrammeFixture
  other: ProgrammeFixture
  alice: CoachFixture
  bob: CoachFixture
  references: Record<string, string>
}

async function invitation(pool: pg.Pool, programmeId: string, createdAt: string, status = 'sent'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO invitations (programme_id, name, email, status, token_hash, created_at, updated_at, expires_at)
     VALUES ($1, 'Invited Person', $2, $3, $4, $5, $5, $5::timestamptz + interval '60 days') RETURNING id`,
    [programmeId, `${randomBytes(5).toString('hex')}@example.com`, status, createHash('sha256').update(randomBytes(16)).digest('hex'), createdAt],
  )
  return rows[0]!.id
}

async function booking(
  pool: pg.Pool,
  row: { programmeId: string; coachId: string; start: string; status: string; cancelledBy?: string; invitationId?: string },
): Promise<{ id: string; reference: string }> {
  const reference = generateBookingReference()
  const end = new Date(new Date(row.start).getTime() + 45 * 60_000).toISOString()
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method,
                           candidate_time_zone, status, starts_at, ends_at, cancelled_at, cancelled_by, invitation_id,
                           consent_notice_version, consent_acknowledged_at, created_at)
     VALUES ($1, $2, $3, 'Report Candidate', 'candidate@example.com', 'video', 'Europe/London', $4, $5, $6,
             CASE WHEN $7::booking_actor IS NOT NULL THEN $5::timestamptz - interval '1 day' END, $7::booking_actor, $8,
             'test', $5::timestamptz - interval '7 days', $5::timestamptz - interval '7 days')
     RETURNING id`,
    [reference, row.programmeId, row.coachId, row.status, row.start, end, row.cancelledBy ?? null, row.invitationId ?? null],
  )
  return { id: rows[0]!.id, reference }
}

let position = 0
/** An action and its history: [status, when] pairs, the first from nothing (when it was agreed). */
async function action(
  pool: pg.Pool,
  bookingId: string,
  row: { summary: string; category: string; dueOn: string; owner?: string; history: [string, string][] },
): Promise<string> {
  const [first] = row.history
  const last = row.history[row.history.length - 1]!
  position += 1
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id`,
    [bookingId, position, row.summary, row.owner ?? 'candidate', row.dueOn, row.category, last[0], last[1], first![1]],
  )
  const id = rows[0]!.id
  let previous: string | null = null
  for (const [status, at] of row.history) {
    await pool.query(
      `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor) VALUES ($1, $2, $3, $4, 'coach')`,
      [id, previous, status, at],
    )
    previous = status
  }
  return id
}

/**
 * Period 2026-01-01 to 2026-03-31 (UK time) of `programme`:
 * - invitations sent in it: 4 (I2, I3, I4 expired, I6 at midnight on 1 January);
 *   I1 (December) and I5 (00:30 BST on 1 April) fall outside, I7 is another programme's.
 * - bookings in it: 9 — held B1 B2 B3 B4, no-show B5, cancelled by the candidate B6,
 *   by a coach B7, by an admin B8, still booked B9. B10 (1 April) and B11 (other programme) are outside.
 * - days from invitation to conversation: B1 21, B2 10, B3 69 (B4 had no invitation): median 21, mean 33.3.
 * - actions of held conversations: 6 (B4 has none); A7 (on B10) and A8 (other programme) are not counted.
 */
export async function seedProgrammeHistory(pool: pg.Pool): Promise<Seeded> {
  const programme = await createProgramme(pool, { slug: `report-${randomBytes(3).toString('hex')}` })
  const other = await createProgramme(pool, { slug: `report-other-${randomBytes(3).toString('hex')}` })
  const alice = await createCoach(pool, programme, { name: 'Alice Report-Coach' })
  const bob = await createCoach(pool, programme, { name: 'Bob Report-Coach' })

  const i1 = await invitation(pool, programme.id, '2025-12-20T09:00:00Z', 'booked')
  const i2 = await invitation(pool, programme.id, '2026-01-05T12:00:00Z', 'booked')
  const i3 = await invitation(pool, programme.id, '2026-01-10T12:00:00Z', 'booked')
  await invitation(pool, programme.id, '2026-02-01T12:00:00Z', 'expired')
  await invitation(pool, programme.id, '2026-03-31T23:30:00Z')
  await invitation(pool, programme.id, '2026-01-01T00:00:00Z', 'withdrawn')
  await invitation(pool, other.id, '2026-02-01T12:00:00Z')

  const p = programme.id
  const b1 = await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-01-10T10:00:00Z', status: 'completed', invitationId: i1 })
  const b2 = await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-01-15T10:00:00Z', status: 'completed', invitationId: i2 })
  const b3 = await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-03-20T10:00:00Z', status: 'completed', invitationId: i3 })
  const b4 = await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-02-10T10:00:00Z', status: 'completed' })
  await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-02-11T10:00:00Z', status: 'no_show' })
  await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-02-12T10:00:00Z', status: 'cancelled', cancelledBy: 'candidate' })
  await booking(pool, { programmeId: p, coachId: alice.id, start: '2026-02-13T10:00:00Z', status: 'cancelled', cancelledBy: 'coach' })
  await booking(pool, { programmeId: p, coachId: bob.id, start: '2026-02-14T10:00:00Z', status: 'cancelled', cancelledBy: 'admin' })
  await booking(pool, { programmeId: p, coachId: bob.id, start: '2026-03-25T10:00:00Z', status: 'booked' })
  const b10 = await booking(pool, { programmeId: p, coachId: bob.id, start: '2026-04-01T10:00:00Z', status: 'completed' })
  const otherCoach = await createCoach(pool, other, { name: 'Carol Other-Coach' })
  const b11 = await booking(pool, { programmeId: other.id, coachId: otherCoach.id, start: '2026-02-01T10:00:00Z', status: 'completed' })

  await pool.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, created_at, updated_at)
     VALUES ($1, 'four-stage', 1, $2, 1, now(), now())`,
    [b1.id, JSON.stringify({ private: PRIVATE_NOTE })],
  )

  // B1: done by 4 weeks (A1), by 8 weeks (A2), by 12 weeks (A3).
  await action(pool, b1.id, {
    summary: 'Enrol on the care certificate course', category: 'training_or_course', dueOn: '2026-02-01',
    history: [['not_started', '2026-01-10T10:30:00Z'], ['in_progress', '2026-01-20T09:00:00Z'], ['done', '2026-02-01T09:00:00Z']],
  })
  await action(pool, b1.id, {
    summary: 'Apply for the healthcare assistant role', category: 'job_application', dueOn: '2026-03-01',
    history: [['not_started', '2026-01-10T10:30:00Z'], ['done', '2026-02-20T09:00:00Z']],
  })
  await action(pool, b1.id, {
    summary: 'Talk to a ward manager', category: 'networking_or_information', dueOn: '2026-04-01', owner: 'coach',
    history: [['not_started', '2026-01-10T10:30:00Z'], ['done', '2026-03-20T09:00:00Z']],
  })
  // B2: done, then reopened before 4 weeks: in progress now, overdue (due 1 March).
  await action(pool, b2.id, {
    summary: 'Find a level 3 qualification', category: 'qualification', dueOn: '2026-03-01', owner: 'programme_team',
    history: [['not_started', '2026-01-15T10:30:00Z'], ['done', '2026-01-30T09:00:00Z'], ['in_progress', '2026-02-05T09:00:00Z']],
  })
  // B3 (too recent for 12 weeks): one done, one no longer relevant.
  await action(pool, b3.id, {
    summary: 'Start the phlebotomy course', category: 'training_or_course', dueOn: '2026-05-01',
    history: [['not_started', '2026-03-20T10:30:00Z'], ['done', '2026-04-01T09:00:00Z']],
  })
  await action(pool, b3.id, {
    summary: 'Look into volunteering', category: 'other', dueOn: '2026-05-01',
    history: [['not_started', '2026-03-20T10:30:00Z'], ['no_longer_relevant', '2026-04-02T09:00:00Z']],
  })
  // Outside the period (B10, Bob's): not started, overdue (due 15 May).
  await action(pool, b10.id, {
    summary: 'Shadow a nurse for a day', category: 'work_experience_or_shadowing', dueOn: '2026-05-15',
    history: [['not_started', '2026-04-01T10:30:00Z']],
  })
  // Another programme's.
  await action(pool, b11.id, {
    summary: 'Other programme action', category: 'other', dueOn: '2026-02-15',
    history: [['not_started', '2026-02-01T10:30:00Z'], ['done', '2026-02-10T09:00:00Z']],
  })
  void b4
  return { programme, other, alice, bob, references: { b1: b1.reference, b2: b2.reference, b10: b10.reference } }
}
