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
      daysFromInvitationToConversation: { count: 3, median: 21, mean: 33.3 },
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
        completedShare: {
          weeks4: { share: 0.333, conversations: 4, actions: 6, done: 2 },
          weeks8: { share: 0.5, conversations: 4, actions: 6, done: 3 },
          weeks12: { share: 0.75, conversations: 3, actions: 4, done: 3 },
        },
      },
      wentOnTo: { basis: 'actions_done', trainingStarted: 2, applicationMade: 1, qualificationGained: 0, newRole: null },
    })
  })

  it('takes the programme id as well as its slug, and counts only the period', async () => {
    const response = await report(`programme=${seeded.programme.id}&from=2026-04-01&to=2026-04-30`, admin)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    // I5 was sent at 00:30 on 1 April UK time (23:30 UTC on 31 March); B10 was held on 1 April.
    expect(body.invitations).toEqual({ sent: 1 })
    expect(body.bookings).toMatchObject({ made: 1, held: 1 })
    expect(body.daysFromInvitationToConversation).toEqual({ count: 0, median: null, mean: null })
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
