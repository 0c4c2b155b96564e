import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, type TestClock } from '../helper.js'
import { createStaff, pageBrowser, signIn, type StaffOptions, type TestStaff } from '../support/staff.js'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

describe('staff sessions', () => {
  let app: FastifyInstance
  let clock: TestClock
  let coach: TestStaff

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
    coach = await createStaff(app, { role: 'coach' })
  })
  afterAll(async () => {
    await app?.close()
  })

  async function status(cookie: string, url = '/coach') {
    return (await app.inject({ url, headers: { cookie } })).statusCode
  }

  /** A new person signed in on two devices. */
  async function signedInTwice(role: StaffOptions['role'] = 'coach') {
    const person = await createStaff(app, { role })
    return { person, laptop: await signIn(app, person.email, person.password), phone: await signIn(app, person.email, person.password) }
  }

  async function sessionCount(staffUserId: string) {
    const { rows } = await app.pg.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM staff_sessions WHERE staff_user_id = $1',
      [staffUserId],
    )
    return rows[0]!.count
  }

  it('ends after 30 minutes without a request', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    clock.advance(29 * MINUTE)
    expect(await status(cookie)).toBe(200)
    clock.advance(29 * MINUTE + 59_000) // 29:59 after the last request
    expect(await status(cookie)).toBe(200)
    clock.advance(30 * MINUTE) // exactly 30 minutes idle
    const response = await app.inject({ url: '/coach', headers: { cookie } })
    expect(response.statusCode).toBe(302)
    expect(response.headers.location).toBe('/sign-in?next=%2Fcoach')
    // The dead session is removed and the browser told to forget the cookie.
    expect(response.cookies.find((c) => c.name === 'cc_session')?.value).toBe('')
  })

  it('writes its use at most once a minute, and ends 30 minutes after the use it wrote', async () => {
    const person = await createStaff(app, { role: 'coach' })
    const cookie = await signIn(app, person.email, person.password)
    const lastSeen = async () =>
      (await app.pg.query<{ at: Date }>('SELECT last_seen_at AS at FROM staff_sessions WHERE staff_user_id = $1', [person.id])).rows[0]!.at.getTime()
    const signedInAt = await lastSeen()
    clock.advance(59_000)
    expect(await status(cookie)).toBe(200)
    expect(await lastSeen()).toBe(signedInAt) // under a minute since: nothing written
    clock.advance(1_000)
    expect(await status(cookie)).toBe(200)
    const written = clock.now().getTime()
    expect(await lastSeen()).toBe(written) // a minute since: written
    clock.advance(30_000)
    expect(await status(cookie)).toBe(200)
    expect(await lastSeen()).toBe(written)
    // 29:30 after the last request, 30:00 after the use written: ended (a minute early at most, never late).
    clock.advance(29 * MINUTE + 30_000)
    expect(await status(cookie)).toBe(302)
  })

  it('is kept alive by use, and still ends 12 hours after sign-in', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    for (let elapsed = 0; elapsed < 12 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      clock.advance(20 * MINUTE)
      expect(await status(cookie), `after ${(elapsed + 20 * MINUTE) / MINUTE} minutes`).toBe(200)
    }
    // Now 11h40 after sign-in, seen just now. 19 minutes later: still inside 12 hours.
    clock.advance(19 * MINUTE)
    expect(await status(cookie)).toBe(200)
    clock.advance(1 * MINUTE) // 12:00 exactly
    expect(await status(cookie)).toBe(302)
  })

  it('is anonymous for an API request after the idle timeout: 401', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    clock.advance(31 * MINUTE)
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: { cookie } })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ error: 'unauthorized' })
  })

  it('ends when the account is switched off', async () => {
    const leaver = await createStaff(app, { role: 'coach' })
    const cookie = await signIn(app, leaver.email, leaver.password)
    expect(await status(cookie)).toBe(200)
    await app.pg.query('UPDATE staff_users SET active = false WHERE id = $1', [leaver.id])
    expect(await status(cookie)).toBe(302)
    expect(await sessionCount(leaver.id)).toBe(0)
  })

  it('ignores a cookie that is not one of ours', async () => {
    expect(await status('cc_session=not-a-token')).toBe(302)
    expect(await status(`cc_session=${'A'.repeat(43)}`)).toBe(302)
    expect(await status('cc_session=')).toBe(302)
  })

  it('signs out everywhere from the API: every session of that person ends, others are untouched', async () => {
    const { person, laptop, phone } = await signedInTwice()
    const other = await createStaff(app, { role: 'coach' })
    const someoneElse = await signIn(app, other.email, other.password)
    expect(await sessionCount(person.id)).toBe(2)

    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: { cookie: phone } })
    expect(response.statusCode).toBe(204)
    expect(response.cookies.find((c) => c.name === 'cc_session')?.value).toBe('')
    expect(await status(laptop)).toBe(302)
    expect(await status(phone)).toBe(302)
    expect(await status(someoneElse)).toBe(200)
    expect(await sessionCount(person.id)).toBe(0)
  })

  it('signs out everywhere from the page', async () => {
    const { laptop, phone } = await signedInTwice()
    const response = await pageBrowser(app, { cookie: phone }).post('/sign-out-everywhere', {}, { tokenFrom: '/coach' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/signed-out?everywhere=true')
    expect(await status(laptop)).toBe(302)
    expect(await status(phone)).toBe(302)
    const page = await app.inject('/signed-out?everywhere=true')
    expect(page.body).toContain('<h1>You have signed out</h1>')
    expect(page.body).toContain('signed out on every device')
  })

  it('signs out from the header form: this session only', async () => {
    const { laptop, phone } = await signedInTwice('admin')
    const response = await pageBrowser(app, { cookie: phone }).post('/sign-out', {}, { tokenFrom: '/admin' })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/signed-out')
    expect(response.cookies.find((c) => c.name === 'cc_session')?.value).toBe('')
    expect(await status(phone, '/admin')).toBe(302)
    expect(await status(laptop, '/admin')).toBe(200)
  })

  it('lets a browser whose session has already ended sign out without a token', async () => {
    const response = await app.inject({ method: 'POST', url: '/sign-out', headers: { cookie: `cc_session=${'B'.repeat(43)}` } })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/signed-out')
  })

  it('removes dead sessions of a person when they sign in', async () => {
    const { person } = await signedInTwice()
    clock.advance(31 * MINUTE)
    await signIn(app, person.email, person.password)
    expect(await sessionCount(person.id)).toBe(1)
  })

  it('tells the browser not to keep pages shown to a signed-in person', async () => {
    const cookie = await signIn(app, coach.email, coach.password)
    expect((await app.inject({ url: '/coach', headers: { cookie } })).headers['cache-control']).toBe('no-store')
    expect((await app.inject({ url: '/', headers: { cookie } })).headers['cache-control']).toBe('no-store')
  })
})
