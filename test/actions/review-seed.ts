/**
 * A made-up programme team's follow-up actions for the review tests: enough
 * rows, with enough ties (equal due dates, equal names, equal instants), to
 * exercise every filter and sort. Every row is also kept here, in memory, so
 * the tests can work out what the review must answer on their own, without
 * the SQL under test.
 */
import type pg from 'pg'
import { DateTime } from 'luxon'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { ACTION_CATEGORIES, ACTION_OWNERS, ACTION_STATUSES, type ActionCategory, type ActionOwner, type ActionStatus } from '../../src/domain/actions/types.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'

/** "Now" for the review tests: Monday 1 June 2026, 1pm UK time. */
export const REVIEW_NOW = '2026-06-01T12:00:00.000Z'
export const REVIEW_TODAY = '2026-06-01'
export const SECRET_NOTE = 'SECRET-NOTE-never-in-the-review'
export const COACH_ONLY_COMMENT = 'COACH-COMMENT-not-the-candidate'

export interface SeedAction {
  id: string
  bookingId: string
  summary: string
  owner: ActionOwner
  category: ActionCategory
  status: ActionStatus
  dueOn: string
  createdAt: Date
  statusChangedAt: Date
  candidateName: string
  candidateEmail: string
  reference: string
  coachName: string
  coachStaffUserId: string
  coachId: string
  programmeId: string
  programmeSlug: string
  programmeName: string
  latestCandidateComment: string | null
}

export interface SeedBooking {
  id: string
  reference: string
  candidateName: string
  candidateEmail: string
  coach: CoachFixture
  programme: ProgrammeFixture & { name: string }
}

export interface ReviewSeed {
  programmes: (ProgrammeFixture & { name: string })[]
  coaches: CoachFixture[]
  bookings: SeedBooking[]
  actions: SeedAction[]
}

/** A small, seeded pseudo-random generator (mulberry32): the same rows every run. */
export function randomFrom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

// First names that share no first letter, so any collation orders them alike.
const FIRST = ['Amara', 'Bilal', 'Chloe', 'Dmitri', 'Esther', 'Farah', 'Gideon', 'Hannah', 'Ibrahim', 'Joanna']
const LAST = ['Okafor', 'Patel', 'Quinn', 'Rossi', 'Smith']

const day = (date: string, days: number) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!

/** Inserts one action with its history; gives the row as the review should show it. */
export async function insertReviewAction(
  pool: pg.Pool,
  booking: SeedBooking,
  row: {
    summary: string
    owner: ActionOwner
    category: ActionCategory
    status: ActionStatus
    dueOn: string
    createdAt: Date
    statusChangedAt: Date
    /** Comments on the way, in order: [actor, instant, text]. */
    comments?: ['candidate' | 'coach', Date, string][]
  },
): Promise<SeedAction> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, updated_at)
     VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM actions WHERE booking_id = $1), $2, $3, $4, $5, $6, $7, $8, $7)
     RETURNING id`,
    [booking.id, row.summary, row.owner, row.dueOn, row.category, row.status, row.statusChangedAt, row.createdAt],
  )
  const id = rows[0]!.id
  // The history, in time order: agreed (not started), comments while not started, then the change to its status now.
  const history: { from: ActionStatus | null; to: ActionStatus; at: Date; actor: string; comment: string | null }[] = [
    { from: null, to: 'not_started', at: row.createdAt, actor: 'coach', comment: null },
  ]
  const comments = [...(row.comments ?? [])].sort((a, b) => a[1].getTime() - b[1].getTime())
  for (const [actor, at, text] of comments) {
    if (at.getTime() < row.statusChangedAt.getTime()) history.push({ from: 'not_started', to: 'not_started', at, actor, comment: text })
  }
  if (row.status !== 'not_started') {
    history.push({ from: 'not_started', to: row.status, at: row.statusChangedAt, actor: 'coach', comment: null })
  }
  for (const [actor, at, text] of comments) {
    if (at.getTime() >= row.statusChangedAt.getTime()) history.push({ from: row.status, to: row.status, at, actor, comment: text })
  }
  let latestCandidateComment: string | null = null
  for (const change of history) {
    await pool.query(
      `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, comment) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, change.from, change.to, change.at, change.actor, change.comment],
    )
    if (change.actor === 'candidate' && change.comment !== null) latestCandidateComment = change.comment
  }
  return {
    id,
    bookingId: booking.id,
    summary: row.summary,
    owner: row.owner,
    category: row.category,
    status: row.status,
    dueOn: row.dueOn,
    createdAt: row.createdAt,
    statusChangedAt: row.statusChangedAt,
    candidateName: booking.candidateName,
    candidateEmail: booking.candidateEmail,
    reference: booking.reference,
    coachName: booking.coach.name,
    coachStaffUserId: booking.coach.staffUserId,
    coachId: booking.coach.id,
    programmeId: booking.programme.id,
    programmeSlug: booking.programme.slug,
    programmeName: booking.programme.name,
    latestCandidateComment,
  }
}

/** Random fields for a new action, from a small pool of dates so that many share one. */
export function randomActionFields(random: ReturnType<typeof randomFrom>, n: number) {
  const createdAt = DateTime.fromISO(REVIEW_NOW)
    .minus({ days: random.int(120), hours: random.pick([0, 0, 11, 23]) })
    .startOf('hour')
  // Some agreed at exactly UK midnight, on the edge of an "agreed" date.
  const agreed = random.int(10) === 0 ? createdAt.setZone('Europe/London').startOf('day') : createdAt
  const status = random.pick(ACTION_STATUSES)
  const changed = status === 'not_started' ? agreed : agreed.plus({ days: random.pick([0, 3, 3, 10, 30]) })
  const comments: ['candidate' | 'coach', Date, string][] = []
  const count = random.int(4)
  for (let i = 0; i < count; i++) {
    const actor = random.int(3) === 0 ? 'coach' : 'candidate'
    const text = actor === 'coach' ? `${COACH_ONLY_COMMENT} ${n}.${i}` : `Candidate says ${n}.${i}`
    comments.push([actor, agreed.plus({ days: 1 + random.int(40) }).toJSDate(), text])
  }
  return {
    summary: `Action ${n}: ${random.pick(['Enrol on a course', 'Apply for a role', 'Shadow a nurse', 'Update the CV'])}`,
    owner: random.pick(ACTION_OWNERS),
    category: random.pick(ACTION_CATEGORIES),
    status,
    dueOn: day(REVIEW_TODAY, random.pick([-60, -30, -30, -7, -1, 0, 0, 1, 14, 14, 45, 90])),
    createdAt: agreed.toJSDate(),
    statusChangedAt: changed.toJSDate(),
    comments,
  }
}

export async function seedReview(pool: pg.Pool, { bookings: bookingCount = 60, seed = 14 } = {}): Promise<ReviewSeed> {
  const random = randomFrom(seed)
  const programmes = [
    { ...(await createProgramme(pool, { slug: 'review-vaccinators' })), name: 'Programme review-vaccinators' },
    { ...(await createProgramme(pool, { slug: 'review-support' })), name: 'Programme review-support' },
  ]
  // Two coaches with the same name: the coach sort falls back to who they are.
  const coaches = [
    await createCoach(pool, programmes[0]!, { name: 'Aisha Brown' }),
    await createCoach(pool, programmes[0]!, { name: 'Callum Doyle' }),
    await createCoach(pool, programmes[1]!, { name: 'Callum Doyle' }),
    await createCoach(pool, programmes[1]!, { name: 'Zoe Evans' }),
  ]
  const bookings: SeedBooking[] = []
  for (let i = 0; i < bookingCount; i++) {
    const coachIndex = random.int(coaches.length)
    const coach = coaches[coachIndex]!
    const programme = programmes[coachIndex < 2 ? 0 : 1]!
    const first = random.pick(FIRST)
    const last = random.pick(LAST)
    const candidateName = i % 17 === 5 ? `${first.toLowerCase()} ${last.toLowerCase()}` : `${first} ${last}`
    const candidateEmail = `${first}.${last}.${i}@example.org`.toLowerCase()
    const reference = generateBookingReference()
    const start = DateTime.fromISO('2026-01-05T09:00:00Z').plus({ hours: 5 * i }).toISO()!
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone,
                             status, starts_at, ends_at, consent_notice_version, consent_acknowledged_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'video', 'Europe/London', 'completed', $6, $6::timestamptz + interval '45 minutes', 'test', $6, $6)
       RETURNING id`,
      [reference, programme.id, coach.id, candidateName, candidateEmail, start],
    )
    bookings.push({ id: rows[0]!.id, reference, candidateName, candidateEmail, coach, programme })
  }
  // Notes that must never reach the review.
  await pool.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, created_at, updated_at)
     VALUES ($1, 'four-stage', 1, $2, 1, now(), now())`,
    [bookings[0]!.id, JSON.stringify({ private: SECRET_NOTE })],
  )
  const actions: SeedAction[] = []
  let n = 0
  for (const booking of bookings) {
    const count = random.int(11)
    for (let i = 0; i < count; i++) actions.push(await insertReviewAction(pool, booking, randomActionFields(random, ++n)))
  }
  return { programmes, coaches, bookings, actions }
}

// --- What the review must answer, worked out here ----------------------------------

export type Sort = 'overdue' | 'dueOn' | 'status' | 'coach' | 'candidate' | 'statusSince'

export const isOverdue = (a: SeedAction, today = REVIEW_TODAY) =>
  (a.status === 'not_started' || a.status === 'in_progress') && a.dueOn < today

const compare = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0)

function keyOf(a: SeedAction, sort: Sort): (string | number)[] {
  switch (sort) {
    case 'overdue':
      return [isOverdue(a) ? 0 : 1, a.dueOn, a.id]
    case 'dueOn':
      return [a.dueOn, a.id]
    case 'status':
      return [ACTION_STATUSES.indexOf(a.status), a.dueOn, a.id]
    case 'coach':
      return [a.coachName, a.coachStaffUserId, a.dueOn, a.id]
    case 'candidate':
      return [a.candidateName.toLowerCase(), a.bookingId, a.dueOn, a.id]
    case 'statusSince':
      return [a.statusChangedAt.getTime(), a.id]
  }
}

/** The actions in the order of `sort` (`-sort`: the exact reverse). */
export function sortedBy(actions: readonly SeedAction[], sortParam: string): SeedAction[] {
  const descending = sortParam.startsWith('-')
  const sort = (descending ? sortParam.slice(1) : sortParam) as Sort
  const sorted = [...actions].sort((a, b) => {
    const ka = keyOf(a, sort)
    const kb = keyOf(b, sort)
    for (let i = 0; i < ka.length; i++) {
      const c = compare(ka[i]!, kb[i]!)
      if (c !== 0) return c
    }
    return 0
  })
  return descending ? sorted.reverse() : sorted
}

const ukDate = (instant: Date) => DateTime.fromJSDate(instant, { zone: 'Europe/London' }).toISODate()!

export interface ExpectedFilters {
  programme?: string
  coach?: string
  owner?: string
  category?: string
  status?: string
  overdue?: boolean
  dueFrom?: string
  dueTo?: string
  agreedFrom?: string
  agreedTo?: string
  q?: string
}

/** The actions a filter keeps (programme by id or slug). */
export function matching(actions: readonly SeedAction[], f: ExpectedFilters): SeedAction[] {
  return actions.filter(
    (a) =>
      (!f.programme || a.programmeId === f.programme || a.programmeSlug === f.programme) &&
      (!f.coach || a.coachId === f.coach) &&
      (!f.owner || a.owner === f.owner) &&
      (!f.category || a.category === f.category) &&
      (!f.status || a.status === f.status) &&
      (f.overdue === undefined || isOverdue(a) === f.overdue) &&
      (!f.dueFrom || a.dueOn >= f.dueFrom) &&
      (!f.dueTo || a.dueOn <= f.dueTo) &&
      (!f.agreedFrom || ukDate(a.createdAt) >= f.agreedFrom) &&
      (!f.agreedTo || ukDate(a.createdAt) <= f.agreedTo) &&
      (!f.q || `${a.candidateName} ${a.candidateEmail} ${a.reference}`.toLowerCase().includes(f.q.toLowerCase())),
  )
}
