import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { jobsWithPayloads, waitForIdleQueue } from '../support/jobs.js'
import { createStaff, pageBrowser, passwordLinkIn as linkIn, signedInBrowser, signIn, strongPassword, type TestStaff } from '../support/staff.js'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { hashToken } from '../../src/domain/booking/tokens.js'

/**
 * "Forgotten your password?" end to end: the same answer whatever the
 * address, a reset email over real SMTP with a single-use link (its token
 * made when the email is sent, stored as a hash), an hour to use it, a new
 * password by the rules, and every session of the person ended.
 */

const PUBLIC_URL = 'https://careers.example.nhs.uk'
const MINUTE = 60 * 1000
const START = new Date('2026-03-02T08:00:00.000Z')
const SENT_PAGE = 'If there is an account with that address, we have sent a link to it to reset your password.'

describe('password reset', () => {
  const t = useMailingTestApp({ clock: new TestClock(START), publicUrl: PUBLIC_URL })
  let address = 0
  const nextAddress = () => `203.0.113.${++address}`

  async function askForReset(email: string, remoteAddress = nextAddress()) {
    const browser = pageBrowser(t.app, { remoteAddress })
    const response = await browser.post('/password/forgotten', { email })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/password/forgotten/sent')
    await waitForIdleQueue(t.app)
    return (await browser.get('/password/forgotten/sent')).body
  }

  it('links from the sign-in page to a form that asks for the email address', async () => {
    const signInPage = await t.app.inject('/sign-in')
    expect(signInPage.body).toContain('<a href="/password/forgotten">Forgotten your password?</a>')
    const page = await t.app.inject('/password/forgotten')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1>Reset your password</h1>')
    const browser = pageBrowser(t.app)
    const empty = await browser.post('/password/forgotten', { email: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toMatch(/<a href="#email">\s*Enter your email address/)
    const malformed = await browser.post('/password/forgotten', { email: 'not an address' })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.body).toContain('value="not an address"')
  })

  it('emails a single-use link, stored only as a hash and never in the job queue; the new password ends every session', async () => {
    const coach = await createStaff(t.app, { role: 'coach', name: 'Amina Okafor' })
    const otherDevice = await signIn(t.app, coach.email, coach.password)
    const page = await askForReset(coach.email.toUpperCase())
    expect(page).toContain(SENT_PAGE)

    const [email] = await t.smtp.waitFor(1)
    expect(email!.envelopeTo).toEqual([coach.email])
    expect(email!.parsed.subject).toBe('Reset your password')
    const link = linkIn(email!)
    for (const part of [email!.parsed.text!, email!.parsed.html!]) {
      expect(part).toContain('Dear Amina Okafor')
      expect(part).toContain(`${PUBLIC_URL}${link}`)
      // Sent at 8am UTC (8am UK time in March): works until 9am.
      expect(part).toContain('The link works once, until 9am on Monday 2 March 2026 (UK time).')
    }
    const token = link.split('/').pop()!
    const { rows } = await t.app.pg.query('SELECT token_hash, purpose, expires_at FROM staff_password_links WHERE staff_user_id = $1', [coach.id])
    expect(rows).toEqual([{ token_hash: hashToken(token), purpose: 'reset', expires_at: new Date(START.getTime() + 60 * MINUTE) }])
    const jobs = await jobsWithPayloads(t.app)
    const { rows: deliveries } = await t.app.pg.query(`SELECT job_payload::text FROM email_deliveries WHERE kind = 'password-reset'`)
    expect(JSON.stringify([jobs, deliveries])).not.toContain(token)

    const form = pageBrowser(t.app)
    const opened = await form.get(link)
    expect(opened.statusCode).toBe(200)
    expect(opened.headers['cache-control']).toBe('no-store')
    expect(opened.body).toContain('<h1>Choose a new password</h1>')
    expect(opened.body).toMatch(/id="password" name="password" type="password"[^>]*autocomplete="new-password"/)

    const weak = await form.post(link, { password: 'password1234' }, { tokenFrom: link })
    expect(weak.statusCode).toBe(400)
    expect(weak.body).toMatch(/<a href="#password">\s*Your password is too common/)
    const short = await form.post(link, { password: 'Short-1' }, { tokenFrom: link })
    expect(short.body).toMatch(/<a href="#password">\s*Your password must be 12 characters or more/)
    expect(short.body).not.toContain('Short-1')

    const newPassword = strongPassword()
    const saved = await form.post(link, { password: newPassword }, { tokenFrom: link })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe('/password/changed')
    expect((await form.get('/password/changed')).body).toContain('You have been signed out everywhere you were signed in.')

    // Every session ended; the old password no longer works, the new one does.
    expect((await t.app.inject({ url: '/coach', headers: { cookie: otherDevice } })).statusCode).toBe(302)
    const old = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: coach.password } })
    expect(old.statusCode).toBe(401)
    await signIn(t.app, coach.email, newPassword)

    // Single use.
    expect((await form.get(link)).statusCode).toBe(404)
    const again = await pageBrowser(t.app).post(link, { password: strongPassword() }, { tokenFrom: '/sign-in' })
    expect(again.statusCode).toBe(404)
    expect(again.body).toContain('This link does not work')

    const actions = (await findAuditEvents(t.app.pg.pool, { subjectId: coach.id })).map((event) => `${event.action} ${event.result}`)
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.password_reset_requested success',
        'staff.password_changed success',
        'staff.password_link_used success',
      ]),
    )
  })

  it('answers an unknown address, or a switched-off account, exactly the same, and sends nothing', async () => {
    const leaver = await createStaff(t.app, { role: 'coach', active: false })
    const unknown = await askForReset('nobody@staff.test.example')
    const inactive = await askForReset(leaver.email)
    expect(unknown).toContain(SENT_PAGE)
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '')
    expect(strip(inactive)).toBe(strip(unknown))
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toEqual([])
  })

  it('works for an hour after it is sent, and only the newest link works', async () => {
    const admin = await createStaff(t.app, { role: 'admin' })
    await askForReset(admin.email)
    const [first] = await t.smtp.waitFor(1)
    await askForReset(admin.email)
    const [, second] = await t.smtp.waitFor(2)
    expect((await t.app.inject(linkIn(first!))).statusCode).toBe(404)
    const link = linkIn(second!)
    t.clock.advance(59 * MINUTE)
    expect((await t.app.inject(link)).statusCode).toBe(200)
    t.clock.advance(1 * MINUTE)
    const expired = await t.app.inject(link)
    expect(expired.statusCode).toBe(404)
    expect(expired.body).toContain('<a href="/password/forgotten">Get a new link</a>')
    t.clock.set(START)
  })

  it('does not sign anyone in, and keeps two-factor: an admin still needs their code after a reset', async () => {
    const admin = await createStaff(t.app, { role: 'admin' })
    await askForReset(admin.email)
    const [email] = await t.smtp.waitFor(1)
    const browser = pageBrowser(t.app)
    const newPassword = strongPassword()
    await browser.get(linkIn(email!))
    const saved = await browser.post(linkIn(email!), { password: newPassword }, { tokenFrom: linkIn(email!) })
    expect(saved.cookies.find((cookie) => cookie.name === 'cc_session')).toBeUndefined()
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: newPassword } })
    expect(login.json().error).toBe('code_required')
  })

  it('is limited to 3 a hour per account and 10 per address, with the same answer and no email after that', async () => {
    const coach: TestStaff = await createStaff(t.app, { role: 'coach' })
    for (let request = 1; request <= 4; request++) expect(await askForReset(coach.email)).toContain(SENT_PAGE)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(3)
    const [denied] = await findAuditEvents(t.app.pg.pool, { action: 'staff.password_reset_requested', limit: 1 })
    expect(denied).toMatchObject({ actor: 'anonymous', result: 'denied', details: { reason: 'rate_limited', limit: 'account' } })
    expect(JSON.stringify(denied)).not.toContain('@')

    t.smtp.received.length = 0
    const from = nextAddress()
    const people = await Promise.all(Array.from({ length: 11 }, () => createStaff(t.app, { role: 'coach' })))
    for (const person of people) expect(await askForReset(person.email, from)).toContain(SENT_PAGE)
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toHaveLength(10)

    t.clock.advance(61 * MINUTE)
    t.smtp.received.length = 0
    await askForReset(coach.email)
    await t.smtp.waitFor(1)
    t.clock.set(START)
  })

  it('a signed-in person opening a reset link can use it too, and is signed out by it', async () => {
    const coach = await createStaff(t.app, { role: 'coach' })
    await askForReset(coach.email)
    const [email] = await t.smtp.waitFor(1)
    const browser = await signedInBrowser(t.app, coach.id)
    const link = linkIn(email!)
    await browser.get(link)
    const saved = await browser.post(link, { password: strongPassword() }, { tokenFrom: link })
    expect(saved.statusCode).toBe(303)
    expect((await browser.get('/coach')).statusCode).toBe(302)
  })
})
