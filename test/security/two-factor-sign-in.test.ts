import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { totpCode } from '../../src/domain/staff/two-factor.js'
import { buildTestApp, type TestClock } from '../helper.js'
import { createStaff, currentCode, pageBrowser, recoveryCodesOnPage, totpKeyOnPage, type TestStaff } from '../support/staff.js'
import { insertProgramme } from '../support/programmes.js'
import { pageTitle } from '../support/visitor.js'

const MINUTE = 60 * 1000
const CODE_REQUIRED = { error: 'code_required', message: 'Enter the 6-digit code from your authenticator app, or a recovery code' }
const INVALID_CODE = {
  error: 'invalid_code',
  message: 'The code is not right. Enter the code your authenticator app shows now, or a recovery code',
}

describe('two-factor sign-in', () => {
  let app: FastifyInstance
  let clock: TestClock
  let address = 0
  /** Each test from its own address, so the per-address limit stays out of the way. */
  const nextAddress = () => `198.51.100.${++address}`

  beforeAll(async () => {
    ;({ app, clock } = await buildTestApp())
  })
  afterAll(async () => {
    await app?.close()
  })

  function login(body: object, remoteAddress = nextAddress()) {
    return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, remoteAddress })
  }

  async function sessions(staffUserId: string) {
    const { rows } = await app.pg.query('SELECT id FROM staff_sessions WHERE staff_user_id = $1', [staffUserId])
    return rows.length
  }

  describe('through the API', () => {
    let admin: TestStaff

    beforeAll(async () => {
      admin = await createStaff(app, { role: 'admin' })
    })

    it('asks for the code once the password is right: 401 code_required, and no session', async () => {
      const before = await sessions(admin.id)
      const response = await login({ email: admin.email, password: admin.password })
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({ ...CODE_REQUIRED, requestId: expect.any(String) })
      expect(response.headers['set-cookie'] ?? '').not.toContain('cc_session=')
      expect(await sessions(admin.id)).toBe(before)
    })

    it('answers a wrong password as ever, whatever the code (the code is not even looked at)', async () => {
      const response = await login({ email: admin.email, password: 'not-the-password-1', code: '000000' })
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ error: 'invalid_credentials' })
    })

    it('signs in with the code the app shows now, and takes each code only once', async () => {
      const code = await currentCode(app, admin.id)
      const response = await login({ email: admin.email, password: admin.password, code })
      expect(response.statusCode).toBe(200)
      expect(response.json().staff.role).toBe('admin')
      const replay = await login({ email: admin.email, password: admin.password, code })
      expect(replay.statusCode).toBe(401)
      expect(replay.json()).toEqual({ ...INVALID_CODE, requestId: expect.any(String) })
    })

    it('allows one 30-second step of clock difference either side, no more', async () => {
      const secret = admin.totpSecret!
      const at = (offset: number) => totpCode(secret, new Date(clock.now().getTime() + offset))
      await currentCode(app, admin.id) // forget the last code used
      expect((await login({ email: admin.email, password: admin.password, code: at(-30_000) })).statusCode).toBe(200)
      clock.advance(MINUTE)
      expect((await login({ email: admin.email, password: admin.password, code: at(30_000) })).statusCode).toBe(200)
      clock.advance(5 * MINUTE)
      expect((await login({ email: admin.email, password: admin.password, code: at(-90_000) })).statusCode).toBe(401)
      expect((await login({ email: admin.email, password: admin.password, code: at(90_000) })).statusCode).toBe(401)
      clock.advance(16 * MINUTE)
    })

    it('counts wrong codes like wrong passwords, and a right password alone does not start the count again', async () => {
      const person = await createStaff(app, { role: 'admin' })
      const from = nextAddress()
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect((await login({ email: person.email, password: person.password, code: '000000' }, from)).statusCode).toBe(401)
      }
      // The password on its own is right: still asked for the code, and the 3 failures stand.
      expect((await login({ email: person.email, password: person.password }, from)).json().error).toBe('code_required')
      expect((await login({ email: person.email, password: person.password, code: 'aaaa-bbbb-cccc' }, from)).statusCode).toBe(401)
      expect((await login({ email: person.email, password: person.password, code: '111111' }, from)).statusCode).toBe(401)
      // Five failures: even the right code is refused now, from any address.
      const locked = await login({ email: person.email, password: person.password, code: await currentCode(app, person.id) }, nextAddress())
      expect(locked.statusCode).toBe(429)
      clock.advance(16 * MINUTE)
      expect((await login({ email: person.email, password: person.password, code: await currentCode(app, person.id) }, from)).statusCode).toBe(200)
    })

    it('refuses an admin who has not set up two-factor: 403, set it up on the website', async () => {
      const newAdmin = await createStaff(app, { role: 'admin', twoFactor: false })
      const response = await login({ email: newAdmin.email, password: newAdmin.password })
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ error: 'two_factor_setup_required' })
      expect(await sessions(newAdmin.id)).toBe(0)
    })

    it('records failures without the code', async () => {
      const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.two_factor.failed', subjectId: admin.id, limit: 1 })
      expect(event).toMatchObject({ actor: 'anonymous', result: 'failure', details: { reason: 'wrong_code', context: 'sign_in' } })
      expect(JSON.stringify(event)).not.toMatch(/"[0-9]{6}"/)
    })
  })

  describe('on the sign-in pages', () => {
    it('takes the password, then the code on its own page, then starts the session', async () => {
      const admin = await createStaff(app, { role: 'admin', name: 'Priya Shah' })
      const browser = pageBrowser(app, { remoteAddress: nextAddress() })
      const password = await browser.post('/sign-in', { email: admin.email, password: admin.password })
      expect(password.statusCode).toBe(303)
      expect(password.headers.location).toBe('/sign-in/code')
      const pending = password.cookies.find((cookie) => cookie.name === 'cc_sign_in')
      expect(pending).toMatchObject({ path: '/sign-in', httpOnly: true, sameSite: 'Lax' })
      expect(password.cookies.find((cookie) => cookie.name === 'cc_session')).toBeUndefined()
      // Not signed in yet: the staff pages still ask for sign-in.
      expect((await browser.get('/admin')).statusCode).toBe(302)
      // Only its hash is stored, with the account and an end 15 minutes on.
      const { rows } = await app.pg.query('SELECT id, stage, expires_at FROM staff_pending_sign_ins WHERE staff_user_id = $1', [admin.id])
      expect(rows).toHaveLength(1)
      expect(rows[0].id).not.toBe(pending!.value)
      expect(rows[0].stage).toBe('code')
      expect(rows[0].expires_at.getTime() - clock.now().getTime()).toBe(15 * MINUTE)

      const page = await browser.get('/sign-in/code')
      expect(page.statusCode).toBe(200)
      expect(pageTitle(page.body)).toBe('Enter the code from your authenticator app – Career conversations – NHS')
      expect(page.body.replace(/\s+/g, ' ')).toContain('id="code" name="code" type="text" spellcheck="false" aria-describedby="code-hint" autocomplete="one-time-code" inputmode="numeric"')

      const wrong = await browser.post('/sign-in/code', { code: '000000' })
      expect(wrong.statusCode).toBe(401)
      expect(pageTitle(wrong.body)).toBe('Error: Enter the code from your authenticator app – Career conversations – NHS')
      expect(wrong.body).toMatch(/<a href="#code">\s*The code is not right/)
      expect(wrong.body).not.toContain('000000')

      const empty = await browser.post('/sign-in/code', { code: '' })
      expect(empty.statusCode).toBe(400)
      expect(empty.body).toContain('Enter the 6-digit code from your authenticator app')

      const right = await browser.post('/sign-in/code', { code: await currentCode(app, admin.id) })
      expect(right.statusCode).toBe(303)
      expect(right.headers.location).toBe('/admin')
      expect(right.cookies.find((cookie) => cookie.name === 'cc_sign_in')?.value).toBe('')
      const home = await browser.get('/admin')
      expect(home.statusCode).toBe(200)
      expect(home.body).toContain('Signed in as Priya Shah')
      const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.sign_in', subjectId: admin.id, limit: 1 })
      expect(event).toMatchObject({ result: 'success', details: { secondFactor: 'totp' } })
      // The pending sign-in is used up.
      expect((await app.pg.query('SELECT 1 FROM staff_pending_sign_ins WHERE staff_user_id = $1', [admin.id])).rows).toHaveLength(0)
    })

    it('goes on to the page that asked for sign-in', async () => {
      const admin = await createStaff(app, { role: 'admin' })
      const browser = pageBrowser(app, { remoteAddress: nextAddress() })
      await browser.post('/sign-in', { email: admin.email, password: admin.password, next: '/admin/staff' })
      const right = await browser.post('/sign-in/code', { code: await currentCode(app, admin.id) })
      expect(right.headers.location).toBe('/admin/staff')
    })

    it('belongs to the browser that gave the password, and lasts 15 minutes', async () => {
      const admin = await createStaff(app, { role: 'admin' })
      const browser = pageBrowser(app, { remoteAddress: nextAddress() })
      await browser.post('/sign-in', { email: admin.email, password: admin.password })
      // Another browser (no pending sign-in cookie) gets nowhere with a right code.
      const other = pageBrowser(app)
      const elsewhere = await other.post('/sign-in/code', { code: await currentCode(app, admin.id) })
      expect(elsewhere.statusCode).toBe(303)
      expect(elsewhere.headers.location).toBe('/sign-in?expired=true')
      expect(other.cookie).not.toContain('cc_session=')

      clock.advance(15 * MINUTE)
      const late = await browser.post('/sign-in/code', { code: await currentCode(app, admin.id) })
      expect(late.headers.location).toBe('/sign-in?expired=true')
      expect(browser.cookie).not.toContain('cc_session=')
      const again = await browser.get('/sign-in?expired=true')
      expect(again.body).toContain('Your sign-in timed out before it was finished. Sign in again.')
    })

    it('takes a recovery code instead, once, and records its use', async () => {
      const admin = await createStaff(app, { role: 'admin', twoFactor: false })
      // Set up at sign-in, to have real recovery codes.
      const first = pageBrowser(app, { remoteAddress: nextAddress() })
      await first.post('/sign-in', { email: admin.email, password: admin.password })
      const setUpPage = await first.get('/sign-in/set-up-two-factor')
      const key = totpKeyOnPage(setUpPage.body)
      const done = await first.post('/sign-in/set-up-two-factor', { code: totpCode(key, clock.now()) })
      const codes = recoveryCodesOnPage(done.body)
      expect(codes).toHaveLength(10)

      const browser = pageBrowser(app, { remoteAddress: nextAddress() })
      await browser.post('/sign-in', { email: admin.email, password: admin.password })
      const page = await browser.get('/sign-in/recovery-code')
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('<h1>Enter a recovery code</h1>')
      const used = await browser.post('/sign-in/recovery-code', { code: codes[0]!.toUpperCase() })
      expect(used.statusCode).toBe(303)
      expect(used.headers.location).toBe('/admin')
      const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.two_factor.recovery_code_used', subjectId: admin.id, limit: 1 })
      expect(event).toMatchObject({ result: 'success', details: { recoveryCodesLeft: 9 } })

      const again = pageBrowser(app, { remoteAddress: nextAddress() })
      await again.post('/sign-in', { email: admin.email, password: admin.password })
      const reused = await again.post('/sign-in/recovery-code', { code: codes[0]! })
      expect(reused.statusCode).toBe(401)
      expect(reused.body).toMatch(/<a href="#recovery-code">\s*The code is not right/)

      // With 3 or fewer left, on to the page that makes new ones.
      for (const code of codes.slice(1, 7)) {
        const next = pageBrowser(app, { remoteAddress: nextAddress() })
        await next.post('/sign-in', { email: admin.email, password: admin.password })
        const response = await next.post('/sign-in/recovery-code', { code })
        expect(response.statusCode).toBe(303)
        if (code === codes[6]) expect(response.headers.location).toBe('/account/two-factor')
      }
      clock.advance(16 * MINUTE)
    })
  })

  describe('setting up an authenticator app at sign-in', () => {
    it('is required of an admin without one: QR code and key, a code, then 10 recovery codes shown once', async () => {
      const admin = await createStaff(app, { role: 'admin', twoFactor: false })
      const browser = pageBrowser(app, { remoteAddress: nextAddress() })
      const password = await browser.post('/sign-in', { email: admin.email, password: admin.password })
      expect(password.headers.location).toBe('/sign-in/set-up-two-factor')
      // Not signed in, and the code page sends them back to set-up.
      expect((await browser.get('/admin')).statusCode).toBe(302)
      expect((await browser.get('/sign-in/code')).headers.location).toBe('/sign-in/set-up-two-factor')

      const page = await browser.get('/sign-in/set-up-two-factor')
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('<h1>Set up two-factor sign-in</h1>')
      expect(page.body).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="QR code to add your account to an authenticator app"/)
      const key = totpKeyOnPage(page.body)
      expect(key).toMatch(/^[A-Z2-7]{32}$/)
      // The same key until it is done (it is kept, encrypted, with the pending sign-in).
      expect(totpKeyOnPage((await browser.get('/sign-in/set-up-two-factor')).body)).toBe(key)
      const { rows: pending } = await app.pg.query('SELECT totp_secret FROM staff_pending_sign_ins WHERE staff_user_id = $1', [admin.id])
      expect(pending[0].totp_secret).toMatch(/^v1\./)
      expect(pending[0].totp_secret).not.toContain(key)

      const wrong = await browser.post('/sign-in/set-up-two-factor', { code: '000000' })
      expect(wrong.statusCode).toBe(400)
      expect(wrong.body).toMatch(/<a href="#code">\s*The code is not right/)
      expect(totpKeyOnPage(wrong.body)).toBe(key)

      const done = await browser.post('/sign-in/set-up-two-factor', { code: totpCode(key, clock.now()) })
      expect(done.statusCode).toBe(200)
      expect(done.headers['cache-control']).toBe('no-store')
      expect(done.body).toContain('<h1>Two-factor sign-in is set up</h1>')
      const codes = recoveryCodesOnPage(done.body)
      expect(codes).toHaveLength(10)
      expect(done.body).toMatch(/href="\/admin" role="button" draggable="false">\s*I have saved my recovery codes/)
      expect((await browser.get('/admin')).statusCode).toBe(200)

      // Stored: the secret encrypted, the codes as hashes only.
      const { rows: stored } = await app.pg.query('SELECT totp_secret FROM staff_two_factor WHERE staff_user_id = $1', [admin.id])
      expect(stored[0].totp_secret).toMatch(/^v1\./)
      expect(stored[0].totp_secret).not.toContain(key)
      const { rows: hashes } = await app.pg.query('SELECT code_hash FROM staff_recovery_codes WHERE staff_user_id = $1', [admin.id])
      expect(hashes).toHaveLength(10)
      const everything = JSON.stringify(hashes)
      for (const code of codes) expect(everything).not.toContain(code)
      const [event] = await findAuditEvents(app.pg.pool, { action: 'staff.two_factor.set_up', subjectId: admin.id, limit: 1 })
      expect(event).toMatchObject({ actor: `staff:${admin.id}`, result: 'success', details: { recoveryCodes: 10 } })

      // From now on: the code at every sign-in. The code used to set up is spent.
      const next = pageBrowser(app, { remoteAddress: nextAddress() })
      expect((await next.post('/sign-in', { email: admin.email, password: admin.password })).headers.location).toBe('/sign-in/code')
      expect((await next.post('/sign-in/code', { code: totpCode(key, clock.now()) })).statusCode).toBe(401)
      clock.advance(30_000)
      expect((await next.post('/sign-in/code', { code: totpCode(key, clock.now()) })).headers.location).toBe('/admin')
    })

    it('is required of a coach on a programme that requires it, and of no other coach', async () => {
      const strict = await insertProgramme(app.pg.pool, { slug: 'strict', name: 'Strict programme', requireCoachTwoFactor: true })
      const relaxed = await insertProgramme(app.pg.pool, { slug: 'relaxed', name: 'Relaxed programme' })
      const onStrict = await createStaff(app, { role: 'coach' })
      const onRelaxed = await createStaff(app, { role: 'coach' })
      await app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2), ($3, $2), ($3, $4)', [
        strict.id,
        onStrict.coachId,
        relaxed.id,
        onRelaxed.coachId,
      ])
      const strictBrowser = pageBrowser(app, { remoteAddress: nextAddress() })
      expect((await strictBrowser.post('/sign-in', { email: onStrict.email, password: onStrict.password })).headers.location).toBe(
        '/sign-in/set-up-two-factor',
      )
      const relaxedBrowser = pageBrowser(app, { remoteAddress: nextAddress() })
      expect((await relaxedBrowser.post('/sign-in', { email: onRelaxed.email, password: onRelaxed.password })).headers.location).toBe('/coach')

      // A coach who chose two-factor is asked for the code like anyone.
      const careful = await createStaff(app, { role: 'coach', twoFactor: true })
      const carefulBrowser = pageBrowser(app, { remoteAddress: nextAddress() })
      expect((await carefulBrowser.post('/sign-in', { email: careful.email, password: careful.password })).headers.location).toBe('/sign-in/code')
      expect((await carefulBrowser.post('/sign-in/code', { code: await currentCode(app, careful.id) })).headers.location).toBe('/coach')
    })
  })
})
