import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { NOW, seedProgrammeHistory, type Seeded } from './seed.js'

let app: FastifyInstance
let seeded: Seeded
let admin: string
let coach: string

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(NOW)) }))
  seeded = await seedProgrammeHistory(app.pg.pool)
  ;({ admin, coach } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

/** Done out of counted at 4, 8 and 12 weeks, as the report gives them. */
const shares = (...horizons: [done: number, actions: number][]) => {
  const [weeks4, weeks8, weeks12] = horizons.map(([done, actions]) => ({
    share: actions === 0 ? null : Math.round((done / actions) * 1000) / 1000,
    actions,
    done,
  }))
  return { weeks4, weeks8, weeks12 }
}

const report = (query: string, cookie?: string) =>
  app.inject({ url: `/api/v1/reports/programme?${query}`, headers: cookie ? { cookie } : {} })

describe('GET /api/v1/reports/programme', () => {
  it('gives every figure of the period', async () => {
    const response = await report(`programme=${seeded.programme.slug}&from=2026-01-01&to=2026-03-31`, admin)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      programme: { id: seeded.programme.id, slug: seeded.programme.slug, name: `Programme ${seeded.programme.slug}` },
      from: '2026-01-01',
      to: '2026-03-31',
      timeZone: 'Europe/London',
      generatedAt: NOW,
      invitations: { sent: 4 },
      bookings: { made: 9, held: 4, noShows: 1, upcoming: 1, cancelled: 3, cancelledByCandidate: 1, cancelledByStaff: 2 },
      // I2 and I3 were sent in the period and both led to a conversation held (B2, B3); I4 and I6 to nothing.
      funnel: {
        basis: 'invitations_sent_in_period',
        invited: 4,
        booked: { count: 2, rate: 0.5 },
        held: { count: 2, rate: 1 },
        didNotAttend: { count: 0, rate: 0 },
        stillBooked: { count: 0, rate: 0 },
        cancelled: { count: 0, rate: 0 },
        conversion: 0.5,
      },
      // 10, 21 and 69 days: the 90th percentile interpolates 80% of the way from 21 to 69.
      daysFromInvitationToConversation: { count: 3, median: 21, mean: 33.3, percentile90: 59.4 },
      // Booked 7 days before the conversation: B1 14 days after I1, B2 3 after I2, B3 62 after I3.
      daysFromInvitationToBooking: { count: 3, median: 14, mean: 26.3, percentile90: 52.4 },
      actions: {
        agreed: 6,
        perConversation: 1.5,
        byCategory: {
          training_or_course: 2,
          job_application: 1,
          work_experience_or_shadowing: 0,
          networking_or_information: 1,
          qualification: 1,
          other: 1,
        },
        byStatus: { not_started: 0, in_progress: 1, done: 4, no_longer_relevant: 1 },
        byOwner: { candidate: 4, coach: 1, programme_team: 1 },
        completedShare: {
          weeks4: { share: 0.333, conversations: 4, actions: 6, done: 2 },
          weeks8: { share: 0.5, conversations: 4, actions: 6, done: 3 },
          weeks12: { share: 0.75, conversations: 3, actions: 4, done: 3 },
        },
        // A1 and A5 (training) done by 4 weeks; A2 (application) by 8; A3 (networking) by 12; A4 reopened, A6 dropped.
        completedShareByCategory: {
          training_or_course: shares([2, 2], [2, 2], [1, 1]),
          job_application: shares([0, 1], [1, 1], [1, 1]),
          work_experience_or_shadowing: shares([0, 0], [0, 0], [0, 0]),
          networking_or_information: shares([0, 1], [0, 1], [1, 1]),
          qualification: shares([0, 1], [0, 1], [0, 1]),
          other: shares([0, 1], [0, 1], [0, 0]),
        },
        completedShareByOwner: {
          candidate: shares([2, 4], [3, 4], [2, 2]),
          coach: shares([0, 1], [0, 1], [1, 1]),
          programme_team: shares([0, 1], [0, 1], [0, 1]),
        },
      },
      // Both coaches work 9am to 5pm on weekdays: 64 weekdays in the period, 512 hours each.
      // Booked, not cancelled: Alice B1 to B5 (5 x 45 minutes), Bob B9.
      coachUtilisation: {
        bookedHours: 4.5,
        availableHours: 1024,
        share: 0.004,
        coaches: [
          { coach: { id: seeded.alice.id, name: 'Alice Report-Coach' }, bookedHours: 3.75, availableHours: 512, share: 0.007 },
          { coach: { id: seeded.bob.id, name: 'Bob Report-Coach' }, bookedHours: 0.75, availableHours: 512, share: 0.001 },
        ],
      },
      bookingsPerWeek: expect.any(Array),
      // No follow-up answers in this seed: from the actions done. Feedback and outcomes: test/outcomes/report-figures.
      wentOnTo: { basis: 'outcome_follow_ups_and_actions_done', trainingStarted: 2, applicationMade: 1, qualificationGained: 0, newRole: 0, movedUp: 0 },
      feedback: expect.objectContaining({ held: 4, answered: 0 }),
      outcomes: expect.objectContaining({ basis: 'held_conversations_old_enough' }),
      // Nobody on this programme's waitlist; its figures with people waiting: test/waitlist/waitlist-flow.
      waitlist: expect.objectContaining({ waitingNow: 0, joined: 0, offers: { made: 0, taken: 0, declined: 0, expired: 0, withdrawn: 0, open: 0 } }),
    })
  })

  it('counts bookings per UK week from the Monday of the first date, made and held', async () => {
    const response = await report(`programme=${seeded.programme.slug}&from=2026-01-01&to=2026-03-31`, admin)
    const weeks = response.json().bookingsPerWeek as { weekStarting: string; made: number; conversations: number; held: number }[]
    expect(weeks.map((w) => w.weekStarting)).toEqual(
      Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2025, 11, 29 + i * 7)).toISOString().slice(0, 10)),
    )
    const week = (monday: string) => weeks.find((w) => w.weekStarting === monday)
    // B1 made 3 January (week of 29 December), held 10 January (week of 5 January).
    expect(week('2025-12-29')).toEqual({ weekStarting: '2025-12-29', made: 1, conversations: 0, held: 0 })
    expect(week('2026-01-05')).toEqual({ weekStarting: '2026-01-05', made: 1, conversations: 1, held: 1 })
    // B4 to B8: conversations 10 to 14 February, made 3 to 7 February.
    expect(week('2026-02-02')).toEqual({ weekStarting: '2026-02-02', made: 5, conversations: 0, held: 0 })
    expect(week('2026-02-09')).toEqual({ weekStarting: '2026-02-09', made: 0, conversations: 5, held: 1 })
    // B9 made 18 March for 25 March; B10 made 25 March for 1 April (outside the period's conversations).
    expect(week('2026-03-23')).toEqual({ weekStarting: '2026-03-23', made: 1, conversations: 1, held: 0 })
    expect(weeks.reduce((sum, w) => sum + w.conversations, 0)).toBe(9)
    expect(weeks.reduce((sum, w) => sum + w.held, 0)).toBe(4)
    expect(weeks.reduce((sum, w) => sum + w.made, 0)).toBe(10)
  })

  it('takes the programme id as well as its slug, and counts only the period', async () => {
    const response = await report(`programme=${seeded.programme.id}&from=2026-04-01&to=2026-04-30`, admin)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    // I5 was sent at 00:30 on 1 April UK time (23:30 UTC on 31 March); B10 was held on 1 April.
    expect(body.invitations).toEqual({ sent: 1 })
    expect(body.bookings).toMatchObject({ made: 1, held: 1 })
    expect(body.daysFromInvitationToConversation).toEqual({ count: 0, median: null, mean: null, percentile90: null })
    expect(body.actions).toMatchObject({ agreed: 1, perConversation: 1 })
    expect(body.actions.completedShare.weeks4).toEqual({ share: 0, conversations: 1, actions: 1, done: 0 })
    expect(body.actions.completedShare.weeks12).toEqual({ share: null, conversations: 0, actions: 0, done: 0 })
  })

  it('answers an empty period with zeroes and nulls', async () => {
    const response = await report(`programme=${seeded.programme.slug}&from=2025-01-01&to=2025-01-31`, admin)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.bookings.made).toBe(0)
    expect(body.actions.perConversation).toBeNull()
    expect(body.actions.completedShare.weeks4.share).toBeNull()
  })

  it.each([
    ['bad dates', 'from=2026-02-30&to=nonsense', [
      { field: 'querystring.from', message: 'Enter a real date, like 2026-03-02' },
      { field: 'querystring.to', message: 'Enter a real date, like 2026-03-02' },
    ]],
    ['to before from', 'from=2026-03-01&to=2026-02-28', [{ field: 'querystring.to', message: 'The end date must be the same as or after the start date' }]],
    ['more than 366 days', 'from=2025-01-01&to=2026-01-02', [{ field: 'querystring.to', message: 'Choose a period of 366 days or fewer' }]],
  ])('refuses %s with the field and the reason', async (_name, dates, fields) => {
    const response = await report(`programme=${seeded.programme.slug}&${dates}`, admin)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', fields })
  })

  it('accepts exactly 366 days', async () => {
    const response = await report(`programme=${seeded.programme.slug}&from=2025-04-01&to=2026-04-01`, admin)
    expect(response.statusCode, response.body).toBe(200)
  })

  it('refuses an unknown programme, with every other problem', async () => {
    const response = await report('programme=no-such-programme&from=2026-01-01&to=2025-01-01', admin)
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([
      { field: 'querystring.programme', message: 'Choose a programme that exists (its id or slug)' },
      { field: 'querystring.to', message: 'The end date must be the same as or after the start date' },
    ])
  })

  it('refuses a query without its fields', async () => {
    const response = await report('', admin)
    expect(response.statusCode).toBe(400)
    const fields = (response.json().fields as { field: string }[]).map((f) => f.field)
    expect(fields.some((field) => field.includes('programme'))).toBe(true)
  })

  it('is for admins only: 401 signed out, 403 for a coach', async () => {
    const query = `programme=${seeded.programme.slug}&from=2026-01-01&to=2026-03-31`
    expect((await report(query)).statusCode).toBe(401)
    expect((await report(query, coach)).statusCode).toBe(403)
    expect((await report(query, admin)).statusCode).toBe(200)
  })
})
