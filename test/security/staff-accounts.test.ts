import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import {
  createStaff,
  currentCode,
  pageBrowser,
  passwordLinkIn as linkIn,
  signedInBrowser,
  signIn,
  startSession,
  strongPassword,
  type PageBrowser,
  type TestStaff,
} from '../support/staff.js'
import { findAuditEvents } from '../../src/repositories/audit-events.js'
import { insertBookingRow } from '../support/booking-fixtures.js'
import { insertProgramme } from '../support/programmes.js'

/**
 * /admin/staff: admins add coaches and admins (who get an email with a
 * link, 1 hour, to choose their password), change roles, deactivate and
 * reactivate accounts and reset two-factor. Real SMTP, real PostgreSQL.
 */

const PUBLIC_URL = 'https://careers.example.nhs.uk'
const HOUR = 60 * 60 * 1000
const START = new Date('2026-03-02T08:00:00.000Z')

describe('staff accounts (admins)', () => {
  const t = useMailingTestApp({ clock: new TestClock(START), publicUrl: PUBLIC_URL })
  let admin: TestStaff
  let browser: PageBrowser
  let vaccinators: { id: string }
  let support: { id: string }

  beforeAll(async () => {
    admin = await createStaff(t.app, { role: 'admin', name: 'Priya Shah' })
    vaccinators = await insertProgramme(t.app.pg.pool, { slug: 'vaccinators', name: 'Career conversations for vaccinators' })
    support = await insertProgramme(t.app.pg.pool, { slug: 'support', name: 'Support workers', requireCoachTwoFactor: true })
  })
  beforeEach(async () => {
    t.clock.set(START)
    browser = await signedInBrowser(t.app, admin.id)
  })

  async function addPerson(fields: Record<string, string | string[]>) {
    const response = await browser.post('/admin/staff/new', fields)
    expect(response.statusCode, response.body.slice(0, 200)).toBe(303)
    const id = new URL(response.headers.location!, 'http://x').searchParams.get('added')!
    await waitForIdleQueue(t.app)
    return { id, response }
  }

  it('lists staff, and has a form to add a coach or admin', async () => {
    const list = await browser.get('/admin/staff')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('<h1>Staff accounts</h1>')
    expect(list.body).toContain('Priya Shah</a> (you)')
    const form = await browser.get('/admin/staff/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Career conversations for vaccinators')
    expect(form.body).toContain('Coaches on this programme must use two-factor sign-in')
  })

  it('shows what is missing or wrong in an error summary, and adds nobody', async () => {
    const empty = await browser.post('/admin/staff/new', { name: '', email: '', role: '' })
    expect(empty.statusCode).toBe(400)
    for (const [href, text] of [
      ['#name', 'Enter their full name'],
      ['#email', 'Enter their email address'],
      ['#role', 'Select whether they are a coach or an admin'],
    ]) {
      expect(empty.body).toMatch(new RegExp(`<a href="${href}">\\s*${text}`))
    }
    const taken = await browser.post('/admin/staff/new', { name: 'Someone', email: admin.email.toUpperCase(), role: 'admin' })
    expect(taken.body).toContain('There is already a staff account with this email address')
    const noProgramme = await browser.post('/admin/staff/new', { name: 'Ben Hughes', email: 'ben@nhs.example', role: 'coach' })
    expect(noProgramme.statusCode).toBe(400)
    expect(noProgramme.body).toMatch(/<a href="#programmes">\s*Select the programmes they will coach on/)
    expect(noProgramme.body).toContain('value="Ben Hughes"')
    expect((await t.app.pg.query(`SELECT 1 FROM staff_users WHERE email = 'ben@nhs.example'`)).rows).toHaveLength(0)
  })

  it('adds a coach on their programmes, who gets a one-hour link to choose a password, then signs in', async () => {
    const { id, response } = await addPerson({
      name: 'Ben Hughes',
      email: 'Ben.Hughes@NHS.example',
      role: 'coach',
      programmes: [vaccinators.id],
    })
    const list = await browser.get(response.headers.location!)
    expect(list.body).toContain('Ben Hughes has been added')
    expect(list.body).toContain('The link works for 1 hour; after that') // not "1 hours"
    expect(list.body).toContain('ben.hughes@nhs.example')
    const { rows } = await t.app.pg.query(
      `SELECT u.role, p.slug FROM staff_users u JOIN coaches c ON c.staff_user_id = u.id
         JOIN programme_coaches pc ON pc.coach_id = c.id JOIN programmes p ON p.id = pc.programme_id WHERE u.id = $1`,
      [id],
    )
    expect(rows).toEqual([{ role: 'coach', slug: 'vaccinators' }])

    const [email] = await t.smtp.waitFor(1)
    expect(email!.envelopeTo).toEqual(['ben.hughes@nhs.example'])
    expect(email!.parsed.subject).toBe('Your career conversations staff account')
    for (const part of [email!.parsed.text!, email!.parsed.html!]) {
      expect(part).toContain('Dear Ben Hughes')
      expect(part).toContain('as a coach')
      expect(part).toContain('The link works once, until 9am on Monday 2 March 2026 (UK time).')
      expect(part).not.toContain('authenticator app')
    }
    const link = linkIn(email!)
    // Nobody can sign in before choosing a password (the one stored is random).
    t.clock.advance(50 * 60_000)
    const person = pageBrowser(t.app)
    const opened = await person.get(link)
    expect(opened.statusCode).toBe(200)
    expect(opened.body).toContain('<h1>Choose your password</h1>')
    const password = strongPassword()
    const saved = await person.post(link, { password }, { tokenFrom: link })
    expect(saved.headers.location).toBe('/password/changed?first=true')
    expect((await person.get(saved.headers.location!)).body).toContain('You can now sign in with your email address and your new password.')
    await signIn(t.app, 'ben.hughes@nhs.example', password)

    const [created] = await findAuditEvents(t.app.pg.pool, { action: 'staff.account_created', subjectId: id })
    expect(created).toMatchObject({ actor: `staff:${admin.id}`, result: 'success', details: { role: 'coach', programmeIds: [vaccinators.id] } })
  })

  it('tells a new admin (or a coach on a programme that requires it) about two-factor; the link runs out after an hour', async () => {
    await addPerson({ name: 'Dee Admin', email: 'dee@nhs.example', role: 'admin', programmes: [vaccinators.id] })
    await addPerson({ name: 'Sam Strict', email: 'sam@nhs.example', role: 'coach', programmes: [support.id] })
    const emails = await t.smtp.waitFor(2)
    for (const email of emails) {
      expect(email.parsed.text).toContain('you will also set up two-factor sign-in with an authenticator app')
    }
    const admins = emails.find((email) => email.envelopeTo[0] === 'dee@nhs.example')!
    expect(admins.parsed.text).toContain('as an admin (programme team)')
    // An admin gets no coach profile (the programmes ticked are for coaches).
    const { rows } = await t.app.pg.query(`SELECT c.id FROM staff_users u LEFT JOIN coaches c ON c.staff_user_id = u.id WHERE u.email = 'dee@nhs.example'`)
    expect(rows).toEqual([{ id: null }])
    t.clock.advance(HOUR - 60_000)
    expect((await t.app.inject(linkIn(admins))).statusCode).toBe(200)
    t.clock.advance(60_000)
    expect((await t.app.inject(linkIn(admins))).statusCode).toBe(404)
  })

  it('changes a role: audited, their sessions end, and a new admin must set up two-factor at sign-in', async () => {
    const coach = await createStaff(t.app, { role: 'coach' })
    const theirs = await signIn(t.app, coach.email, coach.password)
    const page = await browser.get(`/admin/staff/${coach.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('action="/admin/staff/' + coach.id + '/role"')
    const changed = await browser.post(`/admin/staff/${coach.id}/role`, { role: 'admin' })
    expect(changed.statusCode).toBe(303)
    expect(changed.headers.location).toBe(`/admin/staff/${coach.id}?changed=role`)
    expect((await browser.get(changed.headers.location!)).body).toContain('Their role is now admin.')
    expect((await t.app.inject({ url: '/coach', headers: { cookie: theirs } })).statusCode).toBe(302)
    const [event] = await findAuditEvents(t.app.pg.pool, { action: 'staff.role_changed', subjectId: coach.id })
    expect(event).toMatchObject({ actor: `staff:${admin.id}`, result: 'success', details: { from: 'coach', to: 'admin', sessionsEnded: 1 } })
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: coach.password } })
    expect(login.statusCode).toBe(403)
    expect(login.json().error).toBe('two_factor_setup_required')

    // And back: an admin without a coach profile gets one.
    const otherAdmin = await createStaff(t.app, { role: 'admin' })
    await browser.post(`/admin/staff/${otherAdmin.id}/role`, { role: 'coach' })
    const { rows } = await t.app.pg.query('SELECT u.role, c.id AS coach_id FROM staff_users u LEFT JOIN coaches c ON c.staff_user_id = u.id WHERE u.id = $1', [otherAdmin.id])
    expect(rows[0].role).toBe('coach')
    expect(rows[0].coach_id).not.toBeNull()
  })

  it('deactivates an account (sessions end, no sign-in, no reset email) and reactivates it', async () => {
    const coach = await createStaff(t.app, { role: 'coach' })
    const theirs = await signIn(t.app, coach.email, coach.password)
    // A coach's account goes through the plan for their conversations first (test/coach-changes/pages.test.ts).
    const off = await browser.post(`/admin/staff/${coach.id}/deactivate`, { reason: 'Left the service', confirm: 'yes' })
    expect(off.statusCode).toBe(200)
    expect(off.body).toContain('Account deactivated')
    expect((await t.app.inject({ url: '/coach', headers: { cookie: theirs } })).statusCode).toBe(302)
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: coach.email, password: coach.password } })
    expect(login.statusCode).toBe(401)
    await pageBrowser(t.app).post('/password/forgotten', { email: coach.email })
    await waitForIdleQueue(t.app)
    expect(t.smtp.received).toEqual([])
    expect((await browser.get('/admin/staff')).body).toContain('Deactivated')

    const on = await browser.post(`/admin/staff/${coach.id}/reactivate`, {})
    expect(on.headers.location).toBe(`/admin/staff/${coach.id}?changed=reactivated`)
    await signIn(t.app, coach.email, coach.password)
    const actions = (await findAuditEvents(t.app.pg.pool, { subjectId: coach.id })).map((event) => event.action)
    expect(actions).toEqual(expect.arrayContaining(['staff.account_deactivated', 'staff.account_reactivated']))
  })

  it('resets someone’s two-factor: their sessions end and they set it up again at their next sign-in', async () => {
    const other = await createStaff(t.app, { role: 'admin' })
    const theirs = await signIn(t.app, other.email, other.password)
    expect((await browser.get(`/admin/staff/${other.id}`)).body).toContain('Reset two-factor sign-in')
    const reset = await browser.post(`/admin/staff/${other.id}/two-factor/reset`, {})
    expect(reset.headers.location).toBe(`/admin/staff/${other.id}?changed=two-factor`)
    expect((await t.app.inject({ url: '/admin', headers: { cookie: theirs } })).statusCode).toBe(302)
    const page = pageBrowser(t.app)
    expect((await page.post('/sign-in', { email: other.email, password: other.password })).headers.location).toBe('/sign-in/set-up-two-factor')
    const [event] = await findAuditEvents(t.app.pg.pool, { action: 'staff.two_factor.reset', subjectId: other.id })
    expect(event).toMatchObject({ actor: `staff:${admin.id}`, result: 'success' })
  })

  it('changes which open programmes a coach coaches on: closed ones untouched, booked conversations kept, audited', async () => {
    const coach = await createStaff(t.app, { role: 'coach', name: 'Dee Moss' })
    const closed = await insertProgramme(t.app.pg.pool, { slug: 'closed', name: 'Closed programme', active: false })
    await t.app.pg.query(`INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $3), ($2, $3)`, [vaccinators.id, closed.id, coach.coachId])
    const bookingId = await insertBookingRow(t.app.pg.pool, { programmeId: vaccinators.id, coachId: coach.coachId!, start: '2026-03-10T09:00:00.000Z', end: '2026-03-10T09:45:00.000Z' })
    const onProgrammes = async () =>
      (await t.app.pg.query(`SELECT programme_id FROM programme_coaches WHERE coach_id = $1 ORDER BY programme_id`, [coach.coachId])).rows.map((row) => row.programme_id).sort()

    const page = await browser.get(`/admin/staff/${coach.id}`)
    expect(page.body).toMatch(new RegExp(`name="programmes" type="checkbox" value="${vaccinators.id}" checked`))
    expect(page.body).toMatch(new RegExp(`name="programmes" type="checkbox" value="${support.id}"(?! checked)`))
    expect(page.body).not.toContain(closed.id)

    // Support asks its coaches for two-factor, which Dee has not set up: she is signed out until she does.
    const deeCookie = await startSession(t.app, coach.id)
    // She has a conversation booked on vaccinators: taking her off it shows the plan first, and changes nothing yet.
    const plan = await browser.post(`/admin/staff/${coach.id}/programmes`, { programmes: [support.id] })
    expect(plan.statusCode).toBe(200)
    expect(plan.body).toContain('Check before you take them off these programmes')
    expect(await onProgrammes()).toEqual([closed.id, vaccinators.id].sort())
    const moved = await browser.post(`/admin/staff/${coach.id}/programmes`, { programmes: [support.id], confirm: 'yes', reason: 'Moving to the support team' })
    expect(moved.statusCode).toBe(200)
    expect(moved.body).toContain('Programmes changed')
    expect((await t.app.inject({ url: '/coach', headers: { cookie: deeCookie } })).statusCode).toBe(302)
    expect(await onProgrammes()).toEqual([closed.id, support.id].sort())
    // Her conversation there no longer stays with her: moved to another coach of the programme, or cancelled.
    const after = await t.app.pg.query(`SELECT coach_id, status FROM bookings WHERE id = $1`, [bookingId])
    expect(after.rows[0].status === 'cancelled' || after.rows[0].coach_id !== coach.coachId).toBe(true)
    const [event] = await findAuditEvents(t.app.pg.pool, { action: 'staff.programmes_changed', subjectId: coach.id })
    expect(event).toMatchObject({ actor: `staff:${admin.id}`, details: { added: [support.id], removed: [], sessionsEnded: 1 } })

    // Nothing chosen: off every open programme. A programme not on the list is refused, and changes nothing.
    await browser.post(`/admin/staff/${coach.id}/programmes`, {})
    expect(await onProgrammes()).toEqual([closed.id])
    expect((await browser.post(`/admin/staff/${coach.id}/programmes`, { programmes: [closed.id] })).statusCode).toBe(400)
    expect(await onProgrammes()).toEqual([closed.id])

    // Someone who does not coach has no programmes to change.
    const other = await createStaff(t.app, { role: 'admin' })
    expect((await browser.get(`/admin/staff/${other.id}`)).body).not.toContain('/programmes"')
    expect((await browser.post(`/admin/staff/${other.id}/programmes`, { programmes: [support.id] })).statusCode).toBe(409)
  })

  it('does not let an admin change their own account', async () => {
    const page = await browser.get(`/admin/staff/${admin.id}`)
    expect(page.body).toContain('This is your account.')
    expect(page.body).not.toContain('/deactivate"')
    for (const [url, fields] of [
      [`/admin/staff/${admin.id}/role`, { role: 'coach' }],
      [`/admin/staff/${admin.id}/deactivate`, {}],
      [`/admin/staff/${admin.id}/two-factor/reset`, {}],
    ] as const) {
      expect((await browser.post(url, fields)).statusCode).toBe(403)
    }
    await signIn(t.app, admin.email, admin.password)
    expect(await currentCode(t.app, admin.id)).toMatch(/^[0-9]{6}$/)
  })

  it('keeps coaches out', async () => {
    const coach = await createStaff(t.app, { role: 'coach' })
    const theirs = await signedInBrowser(t.app, coach.id)
    expect((await theirs.get('/admin/staff')).statusCode).toBe(403)
    expect((await theirs.post(`/admin/staff/${admin.id}/deactivate`, {})).statusCode).toBe(403)
  })
})
