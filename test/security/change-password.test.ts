import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { buildTestApp } from '../helper.js'
import { createStaff, pageBrowser, signIn, startSession } from '../support/staff.js'

/** /account/password: a signed-in person changes their own password. */
describe('changing your own password', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ app } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  const passwordHash = async (id: string) =>
    (await app.pg.query<{ password_hash: string }>('SELECT password_hash FROM staff_users WHERE id = $1', [id])).rows[0]!.password_hash

  const login = (email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } }).then((response) => response.statusCode)

  it('changes it with the current one, keeps this session, ends the others and records it', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const here = pageBrowser(app, { cookie: await signIn(app, coach.email, coach.password) })
    const elsewhere = await signIn(app, coach.email, coach.password)

    const page = await here.get('/account/password')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1>Change your password</h1>')
    expect(page.body).toContain('autocomplete="current-password"')

    const changed = await here.post('/account/password', { currentPassword: coach.password, newPassword: 'lantern orchard velvet' })
    expect(changed.statusCode).toBe(303)
    expect(changed.headers.location).toBe('/account/password?done=changed')
    const after = await here.get('/account/password?done=changed')
    expect(after.statusCode).toBe(200)
    expect(after.body).toContain('Your password has been changed')

    expect((await app.inject({ url: '/coach', headers: { cookie: elsewhere } })).statusCode).toBe(302)
    expect(await login(coach.email, coach.password)).toBe(401)
    expect(await login(coach.email, 'lantern orchard velvet')).toBe(200)
    const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.password_changed', subjectId: coach.id })
    expect(event).toMatchObject({ actor: `staff:${coach.id}`, result: 'success', details: { sessionsEnded: 1 } })
  })

  it.each([
    [{ currentPassword: '', newPassword: '' }, ['Enter your current password', 'Enter a new password']],
    [{ currentPassword: 'not my password', newPassword: 'lantern orchard velvet' }, ['Your current password is not right']],
    [{ currentPassword: 'CURRENT', newPassword: 'short' }, ['Your password must be 12 characters or more']],
    [{ currentPassword: 'CURRENT', newPassword: 'password1234' }, ['Your password is too common. Choose one that is harder to guess, for example 3 random words']],
  ])('answers %o with the error summary and changes nothing', async (fields, messages) => {
    const admin = await createStaff(app, { role: 'admin' })
    const browser = pageBrowser(app, { cookie: await startSession(app, admin.id) })
    const before = await passwordHash(admin.id)
    const currentPassword = fields.currentPassword === 'CURRENT' ? admin.password : fields.currentPassword
    const response = await browser.post('/account/password', { ...fields, currentPassword })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('<title>Error: Change your password')
    expect(response.body).toContain('nhsuk-error-summary')
    for (const message of messages) expect(response.body).toContain(message)
    expect(await passwordHash(admin.id)).toBe(before)
  })

  it('holds guesses of the current password to the sign-in limits', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const browser = pageBrowser(app, { cookie: await signIn(app, coach.email, coach.password), remoteAddress: '198.51.100.7' })
    const before = await passwordHash(coach.id)
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await browser.post('/account/password', { currentPassword: `guess ${attempt}`, newPassword: 'lantern orchard velvet' })
      expect(wrong.statusCode).toBe(400)
    }
    // Over the limit even the right password is not checked.
    const blocked = await browser.post('/account/password', { currentPassword: coach.password, newPassword: 'lantern orchard velvet' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.body).toContain('nhsuk-error-summary')
    const denied = await findAuditEvents(app.pg.pool, { action: 'staff.password_changed', subjectId: coach.id })
    expect(denied.map((event) => [event.result, event.details])).toEqual(
      expect.arrayContaining([['denied', { reason: 'rate_limited' }], ['failure', { reason: 'wrong_current_password' }]]),
    )
    expect(await passwordHash(coach.id)).toBe(before)
  })
})
