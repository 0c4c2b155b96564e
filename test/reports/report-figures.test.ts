import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { createCoach, createProgramme, type CoachFixture, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { generateBookingReference } from '../../src/domain/booking/reference.js'
import { randomFrom } from '../actions/review-seed.js'

/**
 * GET /api/v1/reports/programme on a made-up programme of a few hundred rows
 * (bookings in every state, invitations answered or not, actions done,
 * reopened and dropped, coaches with odd hours, date changes and time off),
 * every figure checked against the same figure worked out here, in plain
 * TypeScript over the rows the test wrote: not the SQL under test.
 */

const NOW = '2026-06-15T11:00:00.000Z'
const FROM = '2026-02-01'
const TO = '2026-04-30'
const ZONE = 'Europe/London'
const START = DateTime.fromISO(FROM, { zone: ZONE }).toJSDate()
const END = DateTime.fromISO(TO, { zone: ZONE }).plus({ days: 1 }).toJSDate()
const HOUR = 3_600_000

type Status = 'not_started' | 'in_progress' | 'done' | 'no_longer_relevant'
interface Change {
  to: Status
  at: Date
  seq: number
}
interface Action {
  bookingId: string
  category: string
  owner: string
  status: Status
  statusChangedAt: Date
  history: Change[]
}
interface Booking {
  id: string
  programmeId: string
  coachId: string
  status: 'booked' | 'completed' | 'no_show' | 'cancelled'
  cancelledBy: string | null
  startsAt: Date
  endsAt: Date
  createdAt: Date
  invitationId: string | null
}
interface Invitation {
  id: string
  programmeId: string
  createdAt: Date
}
interface Window {
  weekday: number
  start: number
  end: number
}
interface CoachPlan {
  fixture: CoachFixture
  zone: string
  weekly: Window[]
  daysOff: string[]
  extra: { date: string; start: number; end: number }[]
  timeOff: { start: Date; end: Date }[]
}

let app: FastifyInstance
let admin: string
let programme: ProgrammeFixture
const invitations: Invitation[] = []
const bookings: Booking[] = []
const actions: Action[] = []
const coaches: CoachPlan[] = []

const CATEGORIES = ['training_or_course', 'job_application', 'work_experience_or_shadowing', 'networking_or_information', 'qualification', 'other']
const OWNERS = ['candidate', 'coach', 'programme_team']

async function seed() {
  const pool = app.pg.pool
  const random = randomFrom(2026)
  programme = await createProgramme(pool, { slug: 'figures' })
  const other = await createProgramme(pool, { slug: 'figures-other' })

  // Coaches: ordinary weekdays; split and overlapping windows with a day off and extra hours; another zone with time off.
  const plans: Omit<CoachPlan, 'fixture'>[] = [
    { zone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 540, end: 1020 })), daysOff: ['2026-02-16', '2026-04-06'], extra: [], timeOff: [] },
    {
      zone: ZONE,
      weekly: [
        { weekday: 1, start: 540, end: 720 },
        { weekday: 1, start: 780, end: 1020 },
        { weekday: 1, start: 600, end: 660 },
        { weekday: 3, start: 780, end: 1020 },
      ],
      daysOff: ['2026-03-04'],
      extra: [
        { date: '2026-03-07', start: 600, end: 720 },
        { date: '2026-03-02', start: 960, end: 1080 },
        { date: '2026-03-04', start: 540, end: 600 },
      ],
      timeOff: [],
    },
    {
      zone: 'America/New_York',
      weekly: [1, 2, 4, 5].map((weekday) => ({ weekday, start: 480, end: 960 })),
      daysOff: [],
      extra: [],
      timeOff: [
        { start: new Date('2026-03-10T15:00:00Z'), end: new Date('2026-03-12T14:00:00Z') },
        { start: new Date('2026-03-11T12:00:00Z'), end: new Date('2026-03-13T02:00:00Z') },
        { start: new Date('2026-01-20T00:00:00Z'), end: new Date('2026-02-03T17:00:00Z') },
      ],
    },
  ]
  for (const [i, plan] of plans.entries()) {
    const fixture = await createCoach(pool, programme, { name: `Figures Coach ${i + 1}`, timeZone: plan.zone, weekdays: [] })
    for (const w of plan.weekly) {
      await pool.query('INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, $2, $3, $4)', [fixture.id, w.weekday, w.start, w.end])
    }
    for (const date of plan.daysOff) await pool.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, $2, 'day_off')`, [fixture.id, date])
    for (const e of plan.extra) {
      await pool.query(`INSERT INTO coach_date_overrides (coach_id, date, kind, start_minute, end_minute) VALUES ($1, $2, 'extra_hours', $3, $4)`, [fixture.id, e.date, e.start, e.end])
    }
    for (const t of plan.timeOff) await pool.query('INSERT INTO coach_time_off (coach_id, starts_at, ends_at) VALUES ($1, $2, $3)', [fixture.id, t.start, t.end])
    coaches.push({ ...plan, fixture })
  }
  const otherCoach = await createCoach(pool, other, { name: 'Figures Other Coach' })

  // Invitations from December to May, a few at the period's edges (UK midnight).
  const edges = ['2026-01-31T23:59:00Z', '2026-02-01T00:00:00Z', '2026-04-30T22:59:00Z', '2026-04-30T23:00:00Z']
  for (let i = 0; i < 90; i++) {
    const createdAt = i < edges.length ? new Date(edges[i]!) : new Date(Date.parse('2025-12-10T10:00:00Z') + random.int(170 * 24) * HOUR)
    const programmeId = i % 9 === 8 ? other.id : programme.id
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO invitations (programme_id, name, email, status, token_hash, created_at, updated_at, expires_at)
       VALUES ($1, 'Invited', $2, 'sent', $3, $4, $4, $4::timestamptz + interval '60 days') RETURNING id`,
      [programmeId, `invited${i}@example.org`, `hash-${i}-${random.int(1e9)}`, createdAt],
    )
    invitations.push({ id: rows[0]!.id, programmeId, createdAt })
  }

  // Bookings in every state, a few answering invitations (some invitations more than once).
  const used = new Map<string, number>()
  for (let i = 0; i < 160; i++) {
    const onOther = i % 11 === 10
    const plan = onOther ? null : coaches[i % coaches.length]!
    const coachId = plan ? plan.fixture.id : otherCoach.id
    const programmeId = onOther ? other.id : programme.id
    const startsAt = new Date(Date.parse('2026-01-20T09:00:00Z') + i * 17 * HOUR + random.int(3) * HOUR)
    const endsAt = new Date(startsAt.getTime() + random.pick([45, 45, 60, 30]) * 60_000)
    const roll = random.next()
    let status: Booking['status'] = startsAt.getTime() > Date.parse(NOW) ? 'booked' : roll < 0.55 ? 'completed' : roll < 0.7 ? 'no_show' : roll < 0.9 ? 'cancelled' : 'booked'
    const cancelledBy = status === 'cancelled' ? random.pick(['candidate', 'candidate', 'coach', 'admin', 'system']) : null
    const createdAt = new Date(startsAt.getTime() - (1 + random.int(25 * 24)) * HOUR)
    const candidates = invitations.filter((inv) => inv.programmeId === programmeId && inv.createdAt < createdAt)
    let invitationId: string | null = null
    if (candidates.length > 0 && random.int(3) > 0) {
      const invitation = random.pick(candidates)
      // One live booking per invitation at most.
      if (!(status === 'booked' && (used.get(invitation.id) ?? 0) > 0)) invitationId = invitation.id
    }
    if (status === 'booked' && invitationId) used.set(invitationId, 1)
    if (status === 'booked' && invitationId === null && random.int(2) === 0) status = 'booked'
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO bookings (reference, programme_id, coach_id, candidate_name, candidate_email, contact_method, candidate_time_zone,
                             status, starts_at, ends_at, cancelled_at, cancelled_by, invitation_id, consent_notice_version, consent_acknowledged_at, created_at)
       VALUES ($1, $2, $3, 'Figures Candidate', 'figures@example.org', 'video', 'Europe/London', $4, $5, $6,
               CASE WHEN $7::booking_actor IS NOT NULL THEN $5::timestamptz - interval '1 hour' END, $7::booking_actor, $8, 'test', $9, $9)
       RETURNING id`,
      [generateBookingReference(), programmeId, coachId, status, startsAt, endsAt, cancelledBy, invitationId, createdAt],
    )
    bookings.push({ id: rows[0]!.id, programmeId, coachId, status, cancelledBy, startsAt, endsAt, createdAt, invitationId })
  }

  // Actions with histories: done, reopened, dropped, done twice, changes at one instant; none for some.
  let seq = 0
  for (const booking of bookings) {
    const count = booking.status === 'completed' ? random.int(6) : random.int(3)
    for (let k = 0; k < count; k++) {
      const agreed = new Date(booking.startsAt.getTime() + 40 * 60_000)
      const history: Change[] = [{ to: 'not_started', at: agreed, seq: ++seq }]
      let at = agreed
      const steps = random.int(5)
      for (let s = 0; s < steps; s++) {
        // Some changes at the very same instant as the one before: the later one counts.
        at = random.int(6) === 0 ? at : new Date(at.getTime() + random.pick([2, 10, 20, 27, 30, 40, 60]) * 24 * HOUR + random.int(24) * HOUR)
        if (at.getTime() > Date.parse(NOW)) break
        const previous = history[history.length - 1]!.to
        const to = random.pick((['in_progress', 'done', 'done', 'no_longer_relevant', 'in_progress'] as Status[]).filter((st) => st !== previous))
        history.push({ to, at, seq: ++seq })
      }
      const last = history[history.length - 1]!
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO actions (booking_id, position, summary, owner, due_on, category, status, status_changed_at, created_at, updated_at)
         VALUES ($1, $2, 'Figures action', $3, '2026-06-01', $4, $5, $6, $7, $6) RETURNING id`,
        [booking.id, k + 1, random.pick(OWNERS), random.pick(CATEGORIES), last.to, last.at, agreed],
      )
      const actionId = rows[0]!.id
      const stored = await pool.query<{ owner: string; category: string }>('SELECT owner, category FROM actions WHERE id = $1', [actionId])
      let previous: Status | null = null
      for (const change of history) {
        await pool.query(
          `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor) VALUES ($1, $2, $3, $4, 'coach')`,
          [actionId, previous, change.to, change.at],
        )
        previous = change.to
      }
      // Now and then a comment that changes nothing, after the last change.
      if (random.int(3) === 0) {
        const commentAt = new Date(last.at.getTime() + random.pick([1, 24 * 20, 24 * 40]) * HOUR)
        await pool.query(
          `INSERT INTO action_status_changes (action_id, from_status, to_status, changed_at, actor, comment) VALUES ($1, $2, $2, $3, 'candidate', 'On it')`,
          [actionId, last.to, commentAt],
        )
        history.push({ to: last.to, at: commentAt, seq: ++seq })
      }
      actions.push({ bookingId: booking.id, category: stored.rows[0]!.category, owner: stored.rows[0]!.owner, status: last.to, statusChangedAt: last.at, history })
    }
  }
}

// --- The figures, worked out here ------------------------------------------------

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places
const ratio = (part: number, whole: number, places = 3) => (whole === 0 ? null : round(part / whole, places))
const ukDate = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toISODate()!
const daysBetween = (earlier: Date, later: Date) =>
  Math.round(DateTime.fromISO(ukDate(later), { zone: 'UTC' }).diff(DateTime.fromISO(ukDate(earlier), { zone: 'UTC' }), 'days').days)

/** Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const position = p * (sorted.length - 1)
  const below = Math.floor(position)
  const above = Math.ceil(position)
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below)
}
const daysSummary = (values: number[]) => ({
  count: values.length,
  median: percentile(values, 0.5) === null ? null : round(percentile(values, 0.5)!, 1),
  percentile90: percentile(values, 0.9) === null ? null : round(percentile(values, 0.9)!, 1),
  mean: values.length === 0 ? null : round(values.reduce((s, v) => s + v, 0) / values.length, 1),
})

/** Its status at an instant: the last change by then (changes at one instant in the order made); before any, not started. */
function statusAt(action: Action, at: Date): Status {
  let status: Status = 'not_started'
  for (const change of action.history) if (change.at.getTime() <= at.getTime()) status = change.to
  return status
}

/** A coach's working time on a local date, as real-time intervals (joined), less time off; in hours. */
function availableHours(plan: CoachPlan): number {
  let total = 0
  for (let date = DateTime.fromISO(FROM, { zone: 'UTC' }); date.toISODate()! <= TO; date = date.plus({ days: 1 })) {
    const iso = date.toISODate()!
    const weekly = plan.daysOff.includes(iso) ? [] : plan.weekly.filter((w) => w.weekday === date.weekday)
    const windows = [...weekly, ...plan.extra.filter((e) => e.date === iso)]
      .map((w) => {
        const midnight = DateTime.fromISO(iso, { zone: plan.zone })
        return [midnight.plus({ minutes: w.start }).toMillis(), midnight.plus({ minutes: w.end }).toMillis()] as [number, number]
      })
      .sort((a, b) => a[0] - b[0])
    const joined: [number, number][] = []
    for (const w of windows) {
      const last = joined[joined.length - 1]
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1])
      else joined.push([...w])
    }
    for (const [start, end] of joined) {
      // Minutes of [start, end) not in any time off.
      let free = end - start
      const offs = plan.timeOff.map((t) => [Math.max(start, t.start.getTime()), Math.min(end, t.end.getTime())] as [number, number]).filter(([s, e]) => s < e)
      offs.sort((a, b) => a[0] - b[0])
      let covered = 0
      let reach = start
      for (const [s, e] of offs) {
        if (e <= reach) continue
        covered += e - Math.max(s, reach)
        reach = e
      }
      free -= covered
      total += free
    }
  }
  return total / HOUR
}

function expectedReport() {
  const inPeriod = (t: Date) => t >= START && t < END
  const ours = bookings.filter((b) => b.programmeId === programme.id && inPeriod(b.startsAt))
  const held = ours.filter((b) => b.status === 'completed')
  const heldIds = new Set(held.map((b) => b.id))
  const invitationOf = new Map(invitations.map((i) => [i.id, i]))
  const sent = invitations.filter((i) => i.programmeId === programme.id && inPeriod(i.createdAt))
  const rank = { completed: 1, no_show: 2, booked: 3, cancelled: 4 } as const
  const best = sent.map((i) => Math.min(...bookings.filter((b) => b.invitationId === i.id).map((b) => rank[b.status]), 99))
  const bookedCount = best.filter((r) => r < 99).length
  const stage = (r: number) => ({ count: best.filter((x) => x === r).length, rate: ratio(best.filter((x) => x === r).length, bookedCount) })

  const ourActions = actions.filter((a) => heldIds.has(a.bookingId))
  const startOf = new Map(held.map((b) => [b.id, b.startsAt]))
  const horizon = (a: Action, weeks: number) => new Date(startOf.get(a.bookingId)!.getTime() + weeks * 7 * 24 * HOUR)
  const old = (a: Action, weeks: number) => horizon(a, weeks).getTime() <= Date.parse(NOW)
  const shareDone = (list: Action[], weeks: number) => {
    const counted = list.filter((a) => old(a, weeks))
    const done = counted.filter((a) => statusAt(a, horizon(a, weeks)) === 'done').length
    return { share: ratio(done, counted.length), actions: counted.length, done }
  }
  const shares = (list: Action[]) => ({ weeks4: shareDone(list, 4), weeks8: shareDone(list, 8), weeks12: shareDone(list, 12) })
  const countBy = (keys: string[], key: (a: Action) => string) => Object.fromEntries(keys.map((k) => [k, ourActions.filter((a) => key(a) === k).length]))
  const heldOld = (weeks: number) => held.filter((b) => b.startsAt.getTime() + weeks * 7 * 24 * HOUR <= Date.parse(NOW)).length
  const withDone = (category: string) => held.filter((b) => ourActions.some((a) => a.bookingId === b.id && a.category === category && a.status === 'done')).length

  const coachRows = coaches
    .map((plan) => {
      const booked = ours.filter((b) => b.coachId === plan.fixture.id && b.status !== 'cancelled').reduce((s, b) => s + (b.endsAt.getTime() - b.startsAt.getTime()) / HOUR, 0)
      const available = availableHours(plan)
      return { coach: { id: plan.fixture.id, name: plan.fixture.name }, bookedHours: round(booked, 2), availableHours: round(available, 2), share: ratio(booked, available), raw: [booked, available] }
    })
    .sort((a, b) => (a.coach.name < b.coach.name ? -1 : 1))
  const bookedTotal = coachRows.reduce((s, c) => s + c.raw[0]!, 0)
  const availableTotal = coachRows.reduce((s, c) => s + c.raw[1]!, 0)

  const weeks = []
  for (let monday = DateTime.fromISO(FROM, { zone: 'UTC' }).startOf('week'); monday.toISODate()! <= TO; monday = monday.plus({ weeks: 1 })) {
    const weekOf = (t: Date) => DateTime.fromISO(ukDate(t), { zone: 'UTC' }).startOf('week').toISODate()
    const iso = monday.toISODate()!
    const inWeek = ours.filter((b) => weekOf(b.startsAt) === iso)
    weeks.push({
      weekStarting: iso,
      made: bookings.filter((b) => b.programmeId === programme.id && inPeriod(b.createdAt) && weekOf(b.createdAt) === iso).length,
      conversations: inWeek.length,
      held: inWeek.filter((b) => b.status === 'completed').length,
    })
  }

  return {
    invitations: { sent: sent.length },
    bookings: {
      made: ours.length,
      held: held.length,
      noShows: ours.filter((b) => b.status === 'no_show').length,
      upcoming: ours.filter((b) => b.status === 'booked').length,
      cancelled: ours.filter((b) => b.status === 'cancelled').length,
      cancelledByCandidate: ours.filter((b) => b.status === 'cancelled' && b.cancelledBy === 'candidate').length,
      cancelledByStaff: ours.filter((b) => b.status === 'cancelled' && b.cancelledBy !== 'candidate').length,
    },
    funnel: {
      basis: 'invitations_sent_in_period',
      invited: sent.length,
      booked: { count: bookedCount, rate: ratio(bookedCount, sent.length) },
      held: stage(1),
      didNotAttend: stage(2),
      stillBooked: stage(3),
      cancelled: stage(4),
      conversion: ratio(best.filter((r) => r === 1).length, sent.length),
    },
    daysFromInvitationToConversation: daysSummary(held.filter((b) => b.invitationId).map((b) => daysBetween(invitationOf.get(b.invitationId!)!.createdAt, b.startsAt))),
    daysFromInvitationToBooking: daysSummary(ours.filter((b) => b.invitationId).map((b) => daysBetween(invitationOf.get(b.invitationId!)!.createdAt, b.createdAt))),
    actions: {
      agreed: ourActions.length,
      perConversation: ratio(ourActions.length, held.length, 2),
      byCategory: countBy(CATEGORIES, (a) => a.category),
      byStatus: countBy(['not_started', 'in_progress', 'done', 'no_longer_relevant'], (a) => a.status),
      byOwner: countBy(OWNERS, (a) => a.owner),
      completedShare: {
        weeks4: { ...shareDone(ourActions, 4), conversations: heldOld(4) },
        weeks8: { ...shareDone(ourActions, 8), conversations: heldOld(8) },
        weeks12: { ...shareDone(ourActions, 12), conversations: heldOld(12) },
      },
      completedShareByCategory: Object.fromEntries(CATEGORIES.map((c) => [c, shares(ourActions.filter((a) => a.category === c))])),
      completedShareByOwner: Object.fromEntries(OWNERS.map((o) => [o, shares(ourActions.filter((a) => a.owner === o))])),
    },
    coachUtilisation: {
      bookedHours: round(bookedTotal, 2),
      availableHours: round(availableTotal, 2),
      share: ratio(bookedTotal, availableTotal),
      coaches: coachRows.map(({ raw: _raw, ...row }) => row),
    },
    bookingsPerWeek: weeks,
    // No follow-up answers in these rows (test/outcomes/report-figures has them): from the actions done.
    wentOnTo: {
      basis: 'outcome_follow_ups_and_actions_done',
      trainingStarted: withDone('training_or_course'),
      applicationMade: withDone('job_application'),
      qualificationGained: withDone('qualification'),
      newRole: 0,
      movedUp: 0,
    },
  }
}

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(NOW)) }))
  await seed()
  ;({ admin } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

describe('the programme report, figure by figure', () => {
  it('has a dataset with something to count in every figure', () => {
    const expected = expectedReport()
    expect(expected.bookings.held).toBeGreaterThan(20)
    expect(expected.bookings.cancelledByStaff).toBeGreaterThan(0)
    expect(expected.funnel.held.count + expected.funnel.cancelled.count + expected.funnel.didNotAttend.count).toBeGreaterThan(5)
    expect(expected.actions.agreed).toBeGreaterThan(50)
    // Some actions were done at a horizon and changed since (reopened or dropped): the history decides.
    const reopened = actions.filter((a) => a.history.some((c, i) => c.to === 'done' && a.history.slice(i + 1).some((d) => d.to !== 'done')))
    expect(reopened.length).toBeGreaterThan(5)
    expect(expected.actions.completedShare.weeks12.done).toBeGreaterThan(0)
  })

  it('answers every figure as worked out from the rows', async () => {
    const response = await app.inject({ url: `/api/v1/reports/programme?programme=${programme.slug}&from=${FROM}&to=${TO}`, headers: { cookie: admin } })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    const expected = expectedReport()
    expect(body.invitations).toEqual(expected.invitations)
    expect(body.bookings).toEqual(expected.bookings)
    expect(body.funnel).toEqual(expected.funnel)
    expect(body.daysFromInvitationToConversation).toEqual(expected.daysFromInvitationToConversation)
    expect(body.daysFromInvitationToBooking).toEqual(expected.daysFromInvitationToBooking)
    expect(body.actions).toEqual(expected.actions)
    expect(body.coachUtilisation).toEqual(expected.coachUtilisation)
    expect(body.bookingsPerWeek).toEqual(expected.bookingsPerWeek)
    expect(body.wentOnTo).toEqual(expected.wentOnTo)
  })

  it('shows the new figures on the page', async () => {
    const response = await app.inject({
      url: `/admin/reports?programme=${programme.id}&from-day=1&from-month=2&from-year=2026&to-day=30&to-month=4&to-year=2026`,
      headers: { cookie: admin },
    })
    expect(response.statusCode).toBe(200)
    for (const id of ['funnel', 'completed-by-category', 'completed-by-owner', 'by-owner', 'utilisation', 'per-week']) {
      expect(response.body, id).toContain(`id="${id}"`)
    }
    expect(response.body).toContain('Figures Coach 3')
    expect(response.body).toContain('90th percentile')
  })
})
