import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { sealSetUpSecret } from '../../src/domain/staff/two-factor-service.js'
import { newTotpSecret, totpCode } from '../../src/domain/staff/two-factor.js'
import { buildTestApp, type TestClock } from '../helper.js'
import { createStaff, currentCode, recoveryCodesOnPage, signedInBrowser, totpKeyOnPage, type TestStaff } from '../support/staff.js'

const MINUTE = 60 * 1000

describe('/account/two-factor: one’s own two-factor sign-in', () => {
  let app: FastifyInstance
  let clock: TestClock

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  const signedIn = (person: TestStaff) => signedInBrowser(app, person.id)

  it('lets a coach set it up, make new recovery codes with a code, and turn it off again', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const browser = await signedIn(coach)
    const status = await browser.get('/account/two-factor')
    expect(status.statusCode).toBe(200)
    expect(status.body).toContain('Two-factor sign-in is off.')

    const setUp = await browser.get('/account/two-factor/set-up')
    expect(setUp.statusCode).toBe(200)
    expect(setUp.body).toMatch(/<img src="data:image\/png;base64,/)
    const key = totpKeyOnPage(setUp.body)
    const sealed = setUp.body.match(/name="setUp" value="([^"]+)"/)?.[1]
    expect(sealed).toBeDefined()
    expect(sealed).not.toContain(key)

    const wrong = await browser.post('/account/two-factor/set-up', { setUp: sealed!, code: '000000' })
    expect(wrong.statusCode).toBe(400)
    expect(totpKeyOnPage(wrong.body)).toBe(key)

    const done = await browser.post('/account/two-factor/set-up', { setUp: sealed!, code: totpCode(key, clock.now()) })
    expect(done.statusCode).toBe(200)
    const firstCodes = recoveryCodesOnPage(done.body)
    expect(firstCodes).toHaveLength(10)
    expect((await browser.get('/account/two-factor')).body).toMatch(/Recovery codes left\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*10 of 10/)
    // Set up already: the set-up page sends them back.
    expect((await browser.get('/account/two-factor/set-up')).headers.location).toBe('/account/two-factor')

    // New recovery codes need a code; a recovery code will do (and is used up by it).
    const noCode = await browser.post('/account/two-factor/recovery-codes', { code: '' })
    expect(noCode.statusCode).toBe(400)
    expect(noCode.body).toMatch(/<a href="#recovery-codes-code">\s*Enter a code from your authenticator app, or a recovery code/)
    const replaced = await browser.post('/account/two-factor/recovery-codes', { code: firstCodes[0]! })
    expect(replaced.statusCode).toBe(200)
    const newCodes = recoveryCodesOnPage(replaced.body)
    expect(newCodes).toHaveLength(10)
    expect(newCodes).not.toContain(firstCodes[1])
    // The old ones stop working.
    expect((await browser.post('/account/two-factor/turn-off', { code: firstCodes[1]! })).statusCode).toBe(401)

    clock.advance(MINUTE)
    const off = await browser.post('/account/two-factor/turn-off', { code: totpCode(key, clock.now()) })
    expect(off.statusCode).toBe(303)
    expect(off.headers.location).toBe('/account/two-factor?done=turned-off')
    expect((await browser.get(off.headers.location!)).body).toContain('Two-factor sign-in is off</p>')

    const actions = (await findAuditEvents(app.pg.pool, { subjectId: coach.id })).map((event) => `${event.action} ${event.result}`)
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.two_factor.set_up success',
        'staff.two_factor.recovery_code_used success',
        'staff.two_factor.recovery_codes_replaced success',
        'staff.two_factor.failed failure',
        'staff.two_factor.turned_off success',
      ]),
    )
    clock.advance(16 * MINUTE)
  })

  it('refuses a set-up form sealed for someone else, or too old', async () => {
    const coach = await createStaff(app, { role: 'coach' })
    const other = await createStaff(app, { role: 'coach' })
    const browser = await signedIn(coach)
    const secret = newTotpSecret()
    const theirs = sealSetUpSecret(secret, other.id, clock.now(), app.config.SESSION_SECRET)
    const response = await browser.post('/account/two-factor/set-up', { setUp: theirs, code: totpCode(secret, clock.now()) })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('This page timed out')
    expect((await app.pg.query('SELECT 1 FROM staff_two_factor WHERE staff_user_id = $1', [coach.id])).rows).toHaveLength(0)

    const mine = sealSetUpSecret(secret, coach.id, clock.now(), app.config.SESSION_SECRET)
    clock.advance(31 * MINUTE)
    const browserLater = await signedIn(coach)
    const late = await browserLater.post('/account/two-factor/set-up', { setUp: mine, code: totpCode(secret, clock.now()) })
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('This page timed out')
  })

  it('does not let an admin turn it off: no form, and a post is refused', async () => {
    const admin = await createStaff(app, { role: 'admin' })
    const browser = await signedIn(admin)
    const page = await browser.get('/account/two-factor')
    expect(page.body).toContain('Your role needs two-factor sign-in, so you cannot turn it off.')
    expect(page.body).not.toContain('action="/account/two-factor/turn-off"')
    const refused = await browser.post('/account/two-factor/turn-off', { code: await currentCode(app, admin.id) })
    expect(refused.statusCode).toBe(403)
    expect((await app.pg.query('SELECT 1 FROM staff_two_factor WHERE staff_user_id = $1', [admin.id])).rows).toHaveLength(1)
  })

  it('holds codes on this page to the sign-in limits', async () => {
    const coach = await createStaff(app, { role: 'coach', twoFactor: true })
    const browser = await signedIn(coach)
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await browser.post('/account/two-factor/turn-off', { code: '000000' })).statusCode).toBe(401)
    }
    const locked = await browser.post('/account/two-factor/turn-off', { code: await currentCode(app, coach.id) })
    expect(locked.statusCode).toBe(429)
    expect(locked.body).toContain('You have tried to sign in too many times')
    clock.advance(16 * MINUTE)
  })
})
