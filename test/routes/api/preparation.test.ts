import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helper.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../../support/booking-fixtures.js'
import { createStaff, startSession } from '../../support/staff.js'

/** The candidate's preparation answers, behind their manage link. */
describe('preparation answers', () => {
  let t: TestApp
  let bookingId: string
  let token: string
  let coachCookie: string
  let otherBooking: { id: string; token: string }
  const start = '2026-03-04T09:45:00.000Z'

  beforeAll(async () => {
    t = await buildTestApp()
    t.clock.set('2026-03-02T08:00:00.000Z')
    const programme = await createProgramme(t.app.pg.pool)
    const coach = await createCoach(t.app.pg.pool, programme)
    const created = await postBooking(t.app, bookingBody(programme, start))
    expect(created.statusCode).toBe(201)
    bookingId = created.json().booking.id
    token = tokenOf(created.json().manageUrl)
    const other = await postBooking(t.app, bookingBody(programme, '2026-03-04T10:30:00.000Z', { candidate: { name: 'Other', email: 'o@example.com' } }))
    otherBooking = { id: other.json().booking.id, token: tokenOf(other.json().manageUrl) }
    coachCookie = await startSession(t.app, coach.staffUserId)
  })
  afterAll(async () => {
    await t.app.close()
  })

  const url = (id = bookingId) => `/api/v1/bookings/${id}/preparation`

  it('starts empty', async () => {
    const response = await t.app.inject({ url: url(), headers: asCandidate(token) })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ answers: {}, updatedAt: null })
    // The short form: eight questions in the four areas, each with a hint.
    const questions = response.json().questions as { key: string; label: string; hint?: string; area: string }[]
    expect(questions.map((q) => q.key)).toEqual([
      'conversationGoal',
      'strengthsAndSkills',
      'workValues',
      'rolesOfInterest',
      'questionsAboutRoles',
      'developmentNeeded',
      'supportWanted',
      'oneDevelopmentNeed',
    ])
    expect([...new Set(questions.map((q) => q.area))]).toEqual(['Know yourself', 'Explore possibilities', 'Making choices', 'Making it happen'])
    expect(questions.every((q) => q.hint)).toBe(true)
  })

  it('saves the answers, trimmed, dropping empty ones, and reads them back', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: asCandidate(token),
      payload: { answers: { conversationGoal: '  Find a clinical role  ', strengthsAndSkills: 'Calm, organised', supportWanted: '' } },
    })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({
      answers: { conversationGoal: 'Find a clinical role', strengthsAndSkills: 'Calm, organised' },
      updatedAt: t.clock.now().toISOString(),
    })
    expect(saved.json().questions).toHaveLength(8)
    const read = await t.app.inject({ url: url(), headers: asCandidate(token) })
    expect(read.json().answers).toEqual({ conversationGoal: 'Find a clinical role', strengthsAndSkills: 'Calm, organised' })
  })

  it('refuses unknown questions and answers over 5,000 characters, naming the field', async () => {
    const unknown = await t.app.inject({ method: 'PUT', url: url(), headers: asCandidate(token), payload: { answers: { favouriteColour: 'blue' } } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields).toEqual([{ field: 'answers.favouriteColour', message: 'This question is not on the preparation form' }])
    const long = await t.app.inject({ method: 'PUT', url: url(), headers: asCandidate(token), payload: { answers: { workValues: 'x'.repeat(5001) } } })
    expect(long.statusCode).toBe(400)
    expect(long.json().fields[0]).toEqual({ field: 'answers.workValues', message: 'Answer to "What matters to you in work?" must be 5,000 characters or fewer' })
    // One form at a time: a first-form question beside the short form's is not on the form.
    const mixed = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: asCandidate(token),
      payload: { answers: { conversationGoal: 'x', strengthsAndSkills: 'y', technicalSkills: 'z' } },
    })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.json().fields).toEqual([{ field: 'answers.technicalSkills', message: 'This question is not on the preparation form' }])
    const read = await t.app.inject({ url: url(), headers: asCandidate(token) })
    expect(read.json().answers.conversationGoal).toBe('Find a clinical role')
  })

  it("lets the coach read the answers but not change them; another booking's link opens nothing", async () => {
    const read = await t.app.inject({ url: url(), headers: { cookie: coachCookie } })
    expect(read.statusCode).toBe(200)
    expect(read.json().answers.strengthsAndSkills).toBe('Calm, organised')
    const write = await t.app.inject({
      method: 'PUT',
      url: url(),
      headers: { cookie: coachCookie, 'content-type': 'application/json' },
      payload: { answers: { strengthsAndSkills: 'changed by coach' } },
    })
    expect([403, 404]).toContain(write.statusCode)
    const wrongLink = await t.app.inject({ url: url(), headers: asCandidate(otherBooking.token) })
    expect(wrongLink.statusCode).toBe(404)
    expect(wrongLink.body).not.toContain('Calm')
    const noLink = await t.app.inject({ url: url() })
    expect(noLink.statusCode).toBe(401)
  })

  it('closes when the conversation starts: 409 preparation_closed, answers still readable', async () => {
    t.clock.set(start)
    const late = await t.app.inject({ method: 'PUT', url: url(), headers: asCandidate(token), payload: { answers: { workValues: 'late' } } })
    expect(late.statusCode).toBe(409)
    expect(late.json().error).toBe('preparation_closed')
    const read = await t.app.inject({ url: url(), headers: asCandidate(token) })
    expect(read.statusCode).toBe(200)
    expect(read.json().answers.workValues).toBeUndefined()
  })

  it('keeps answers written on the first form with its questions, for the candidate and the coach, and saves them on it', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    // Written before the short form: stored under the first form's keys.
    await t.app.pg.pool.query(
      `INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, now())`,
      [otherBooking.id, JSON.stringify({ technicalSkills: 'Taking blood', helpWanted: 'Time to study' })],
    )
    const url = `/api/v1/bookings/${otherBooking.id}/preparation`
    const read = await t.app.inject({ url, headers: asCandidate(otherBooking.token) })
    expect(read.statusCode).toBe(200)
    const questions = read.json().questions as { key: string; label: string; area: string }[]
    expect(questions).toHaveLength(20)
    expect(questions.find((q) => q.key === 'technicalSkills')).toMatchObject({ label: 'What technical skills do you have?', area: 'Know yourself' })
    expect(questions.find((q) => q.key === 'helpWanted')).toMatchObject({ area: 'Questions to think about' })
    const coachRead = await t.app.inject({ url, headers: { cookie: coachCookie } })
    expect(coachRead.json()).toMatchObject({ answers: { technicalSkills: 'Taking blood' }, questions })
    const saved = await t.app.inject({
      method: 'PUT',
      url,
      headers: asCandidate(otherBooking.token),
      payload: { answers: { technicalSkills: 'Taking blood, giving vaccinations', helpWanted: 'Time to study', interests: 'Children' } },
    })
    expect(saved.statusCode).toBe(200)
    expect(saved.json().questions).toHaveLength(20)
    expect(saved.json().answers).toEqual({ technicalSkills: 'Taking blood, giving vaccinations', helpWanted: 'Time to study', interests: 'Children' })
  })
})

describe('preparation answers for an admin', () => {
  it('are readable by any admin', async () => {
    const t = await buildTestApp()
    try {
      t.clock.set('2026-03-02T08:00:00.000Z')
      const programme = await createProgramme(t.app.pg.pool)
      await createCoach(t.app.pg.pool, programme)
      const created = await postBooking(t.app, bookingBody(programme, '2026-03-04T09:45:00.000Z'))
      const admin = await createStaff(t.app, { role: 'admin' })
      const cookie = await startSession(t.app, admin.id)
      const read = await t.app.inject({ url: `/api/v1/bookings/${created.json().booking.id}/preparation`, headers: { cookie } })
      expect(read.statusCode).toBe(200)
    } finally {
      await t.app.close()
    }
  })
})
