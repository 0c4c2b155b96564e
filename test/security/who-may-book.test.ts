import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { INVITED_ONLY_MESSAGE } from '../../src/domain/booking/who-may-book.js'
import { TestClock, useMailingTestApp } from '../helper.js'
import { asCandidate, bookingBody, createCoach, listSlotStarts, postBooking, tokenOf, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, pageBrowser, startSession } from '../support/staff.js'
import { Visitor, errorSummary, pageText, pageTitle } from '../support/visitor.js'

/**
 * Who may book a programme: anyone with the link, only addresses
 * on listed domains, or only people invited (an invitation always may); how
 * many live bookings one address may have (a second attempt books nothing and
 * emails the address its booking, through a real SMTP server); the setting
 * through PATCH /api/v1/admin/programmes/:slug and the admin's page, with
 * its audit entry; and what GET /api/v1/programmes shows of it.
 *
 * The clock is a Monday some weeks after the real date (so the emails'
 * "later" is later for the database too); one coach works 9am to 5pm UK time
 * on weekdays and programmes need 24 hours' notice.
 */

const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
const clock = new TestClock(monday.toJSDate())
const DOMAINS_MESSAGE = 'This programme is only for people with an email address ending @nhs.net or @example-trust.nhs.uk. Use your work email address.'

interface Access {
  whoMayBook?: 'anyone' | 'domains' | 'invited'
  emailDomains?: string[]
  asksEmailCode?: boolean
  /** Left out: the column's default. */
  liveBookingsPerEmail?: number
}

describe('who may book a programme', () => {
  const t = useMailingTestApp({ clock })

  /** A programme with these settings (written straight to its columns) and one coach; its first free times. */
  async function programmeWith(access: Access): Promise<ProgrammeFixture & { name: string; starts: string[] }> {
    const slug = `who-${randomBytes(4).toString('hex')}`
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO programmes (slug, name, conversation_model_key, duration_minutes, minimum_notice_minutes, horizon_days,
                               who_may_book, email_domains, asks_email_code)
       VALUES ($1, $2, 'four-stage', 45, 1440, 56, $3, $4, $5) RETURNING id`,
      [slug, `Programme ${slug}`, access.whoMayBook ?? 'anyone', access.emailDomains ?? [], access.asksEmailCode ?? false],
    )
    if (access.liveBookingsPerEmail !== undefined) {
      await t.app.pg.query('UPDATE programmes SET live_bookings_per_email = $2 WHERE id = $1', [rows[0]!.id, access.liveBookingsPerEmail])
    }
    const programme = { id: rows[0]!.id, slug }
    await createCoach(t.app.pg.pool, programme)
    const tuesday = monday.plus({ days: 1 }).toISODate()!
    const starts = await listSlotStarts(t.app, programme, tuesday, monday.plus({ days: 2 }).toISODate()!)
    return { ...programme, name: `Programme ${slug}`, starts }
  }

  async function invite(programme: ProgrammeFixture, email: string) {
    const { token, hash } = generateToken()
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Ivy Invited', $2, $3, 'sent', now(), now(), $4) RETURNING id`,
      [programme.id, email, hash, monday.plus({ weeks: 4 }).toJSDate()],
    )
    return { token, id: rows[0]!.id }
  }

  const bookingsOf = async (programme: ProgrammeFixture) =>
    (await t.app.pg.query<{ email: string }>(`SELECT candidate_email AS email FROM bookings WHERE programme_id = $1 ORDER BY created_at`, [programme.id])).rows.map((r) => r.email)
  const emailsTo = (address: string) => t.smtp.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()) || m.envelopeTo.includes(address))

  /** Books through the API as `email`; the answer. */
  const book = (programme: ProgrammeFixture, start: string, email: string, extra: Record<string, unknown> = {}) =>
    postBooking(t.app, bookingBody(programme, start, { candidate: { name: 'Sam Taylor', email }, ...extra }))

  describe('each setting refuses whom it should and accepts the rest', () => {
    it('"anyone": any address books', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone' })
      const response = await book(programme, programme.starts[0]!, 'someone@gmail.example')
      expect(response.statusCode, response.body).toBe(201)
      expect(await bookingsOf(programme)).toEqual(['someone@gmail.example'])
    })

    it('"domains": only addresses on the listed domains (any case), with a message naming them; an invitation books from any address', async () => {
      const programme = await programmeWith({ whoMayBook: 'domains', emailDomains: ['nhs.net', 'example-trust.nhs.uk'] })
      for (const email of ['sam@gmail.example', 'sam@evil.nhs.net', 'sam@nhs.net.evil.example', 'nhs.net@gmail.example']) {
        const refused = await book(programme, programme.starts[0]!, email)
        expect(refused.statusCode, email).toBe(403)
        expect(refused.json(), email).toMatchObject({ error: 'not_eligible', message: DOMAINS_MESSAGE })
        // Asking for a code for it is refused the same way: nothing is sent to it.
        const code = await t.app.inject({ method: 'POST', url: '/api/v1/email-codes', payload: { programme: programme.slug, email } })
        expect(code.statusCode, email).toBe(403)
        expect(code.json(), email).toMatchObject({ error: 'not_eligible', message: DOMAINS_MESSAGE })
      }
      expect(await bookingsOf(programme)).toEqual([])

      expect((await book(programme, programme.starts[0]!, 'Sam.Taylor@NHS.Net')).statusCode).toBe(201)
      expect((await book(programme, programme.starts[1]!, 'jo@example-trust.nhs.uk')).statusCode).toBe(201)
      const invitation = await invite(programme, 'ivy@gmail.example')
      const invited = await book(programme, programme.starts[2]!, 'ivy@gmail.example', { invitation: invitation.token })
      expect(invited.statusCode, invited.body).toBe(201)
      expect(await bookingsOf(programme)).toEqual(['sam.taylor@nhs.net', 'jo@example-trust.nhs.uk', 'ivy@gmail.example'])
      await waitForIdleQueue(t.app)
      expect(t.smtp.received.flatMap((m) => m.envelopeTo).filter((to) => /gmail|evil/.test(to) && to !== 'ivy@gmail.example')).toEqual([])
    })

    it('"domains": the journey refuses an address off the domains on the details page, with the error summary on the email field', async () => {
      const programme = await programmeWith({ whoMayBook: 'domains', emailDomains: ['nhs.net', 'example-trust.nhs.uk'] })
      const path = `/book/${programme.slug}`
      const visitor = new Visitor(t.app)
      await visitor.answer(`${path}/day`, { day: monday.plus({ days: 1 }).toISODate()! })
      expect((await visitor.answer(`${path}/time`, { start: programme.starts[0]! })).headers.location).toBe(`${path}/details`)
      const refused = await visitor.answer(`${path}/details`, { name: 'Sam Taylor', email: 'sam@gmail.example', phone: '' })
      expect(refused.statusCode).toBe(400)
      expect(pageTitle(refused.body)).toMatch(/^Error: /)
      expect(errorSummary(refused.body)).toEqual([`#email ${DOMAINS_MESSAGE}`])
      expect(refused.body).toContain('id="email-error"')
      // What they typed stays in the form.
      expect(refused.body).toContain('value="sam@gmail.example"')
      const accepted = await visitor.post(`${path}/details`, { name: 'Sam Taylor', email: 'sam@NHS.net', phone: '' })
      expect(accepted.statusCode).toBe(303)
      expect(accepted.headers.location).toBe(`${path}/contact`)
    })

    it('"invited": no hold, booking or journey page without an invitation (403, saying so); with one, the hold and the booking go ahead', async () => {
      const programme = await programmeWith({ whoMayBook: 'invited' })
      const hold = await t.app.inject({ method: 'POST', url: '/api/v1/slots/holds', payload: { programme: programme.slug, start: programme.starts[0] } })
      expect(hold.statusCode).toBe(403)
      expect(hold.json()).toMatchObject({ error: 'not_eligible', message: INVITED_ONLY_MESSAGE })
      const refused = await book(programme, programme.starts[0]!, 'sam@nhs.net')
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toMatchObject({ error: 'not_eligible', message: INVITED_ONLY_MESSAGE })
      expect(await t.app.pg.query('SELECT 1 FROM slot_holds WHERE programme_id = $1', [programme.id])).toMatchObject({ rowCount: 0 })

      for (const step of ['day', 'details', 'check']) {
        const page = await new Visitor(t.app).get(`/book/${programme.slug}/${step}`)
        expect(page.statusCode, step).toBe(403)
        expect(page.headers['content-type'], step).toMatch(/^text\/html/)
        expect(pageText(page.body), step).toContain('You cannot book this programme')
        expect(pageText(page.body), step).toContain(INVITED_ONLY_MESSAGE)
      }

      const invitation = await invite(programme, 'ivy@gmail.example')
      const held = await t.app.inject({
        method: 'POST',
        url: '/api/v1/slots/holds',
        payload: { programme: programme.slug, start: programme.starts[0], invitation: invitation.token },
      })
      expect(held.statusCode, held.body).toBe(201)
      const { holdKey } = held.json() as { holdKey: string }
      const booked = await book(programme, programme.starts[0]!, 'ivy@gmail.example', { invitation: invitation.token, holdKey })
      expect(booked.statusCode, booked.body).toBe(201)
      expect(await bookingsOf(programme)).toEqual(['ivy@gmail.example'])

      // The journey from the invitation link.
      const second = await invite(programme, 'olu@gmail.example')
      const visitor = new Visitor(t.app)
      expect((await visitor.get(`/invitations/${second.token}`)).headers.location).toBe(`/book/${programme.slug}/day`)
      expect((await visitor.get(`/book/${programme.slug}/day`)).statusCode).toBe(200)
    })
  })

  describe('changing the settings', () => {
    const patch = (slug: string, payload: unknown, cookie: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/admin/programmes/${slug}`, payload: payload as object, headers: { cookie } })
    const auditOf = async (programmeId: string) =>
      (await t.app.pg.query(`SELECT actor, action, result, details FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, id`, [programmeId])).rows

    it('PATCH changes them (domains as typed, stored plainly), records which changed, and GET /api/v1/programmes shows them', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone', asksEmailCode: true })
      const admin = await createStaff(t.app, { role: 'admin' })
      const cookie = await startSession(t.app, admin.id)

      const changed = await patch(programme.slug, { whoMayBook: 'domains', emailDomains: [' @NHS.net ', 'example-trust.nhs.uk', 'nhs.net'] }, cookie)
      expect(changed.statusCode, changed.body).toBe(200)
      expect(changed.json().programme).toMatchObject({ slug: programme.slug, whoMayBook: 'domains', emailDomains: ['nhs.net', 'example-trust.nhs.uk'], asksEmailCode: true })
      const stored = await t.app.pg.query(`SELECT who_may_book, email_domains, asks_email_code, live_bookings_per_email FROM programmes WHERE id = $1`, [programme.id])
      expect(stored.rows[0]).toEqual({ who_may_book: 'domains', email_domains: ['nhs.net', 'example-trust.nhs.uk'], asks_email_code: true, live_bookings_per_email: 1 })
      expect(await auditOf(programme.id)).toEqual([
        { actor: `staff:${admin.id}`, action: 'programme.access_changed', result: 'success', details: { settings: ['whoMayBook', 'emailDomains'] } },
      ])

      const listed = await t.app.inject('/api/v1/programmes')
      expect(listed.statusCode).toBe(200)
      const shown = (listed.json() as { programmes: { slug: string }[] }).programmes.find((p) => p.slug === programme.slug)
      expect(shown).toMatchObject({ whoMayBook: 'domains', emailDomains: ['nhs.net', 'example-trust.nhs.uk'], asksEmailCode: true })

      expect((await patch(programme.slug, { asksEmailCode: false, liveBookingsPerEmail: 3 }, cookie)).statusCode).toBe(200)
      // The same again changes nothing and records nothing.
      expect((await patch(programme.slug, { asksEmailCode: false }, cookie)).statusCode).toBe(200)
      expect((await auditOf(programme.id)).map((entry) => entry.details)).toEqual([
        { settings: ['whoMayBook', 'emailDomains'] },
        { settings: ['asksEmailCode', 'liveBookingsPerEmail'] },
      ])
      const again = (await t.app.inject('/api/v1/programmes')).json() as { programmes: { slug: string; asksEmailCode: boolean }[] }
      expect(again.programmes.find((p) => p.slug === programme.slug)?.asksEmailCode).toBe(false)
    })

    it('PATCH refuses what is wrong with 400 naming the field, and changes nothing', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone' })
      const admin = await createStaff(t.app, { role: 'admin' })
      const cookie = await startSession(t.app, admin.id)
      const cases: [unknown, string, RegExp?][] = [
        [{ whoMayBook: 'domains' }, 'body.emailDomains', /at least one email domain/],
        [{ whoMayBook: 'domains', emailDomains: ['  '] }, 'body.emailDomains', /at least one email domain/],
        [{ whoMayBook: 'domains', emailDomains: ['nhs.net', 'not a domain'] }, 'body.emailDomains', /“not a domain” is not an email domain/],
        [{ whoMayBook: 'domains', emailDomains: ['sam@nhs.net'] }, 'body.emailDomains', /is not an email domain/],
        [{ whoMayBook: 'everyone' }, 'body.whoMayBook'],
        [{ liveBookingsPerEmail: 0 }, 'body.liveBookingsPerEmail'],
        [{ liveBookingsPerEmail: 51 }, 'body.liveBookingsPerEmail'],
        [{ liveBookingsPerEmail: 1.5 }, 'body.liveBookingsPerEmail'],
        [{ asksEmailCode: 'yes' }, 'body.asksEmailCode'],
        [{ whoMayBook: 'anyone', openToAll: true }, 'body.openToAll'],
        [{}, 'body'],
      ]
      for (const [payload, field, message] of cases) {
        const response = await patch(programme.slug, payload, cookie)
        expect(response.statusCode, JSON.stringify(payload)).toBe(400)
        const body = response.json() as { error: string; fields: { field: string; message: string }[] }
        expect(body.error, JSON.stringify(payload)).toBe('validation_failed')
        const problem = body.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))
        expect(problem, `${JSON.stringify(payload)}: ${response.body}`).toBeDefined()
        if (message) expect(problem!.message).toMatch(message)
      }
      const stored = await t.app.pg.query(`SELECT who_may_book, email_domains, live_bookings_per_email FROM programmes WHERE id = $1`, [programme.id])
      expect(stored.rows[0]).toEqual({ who_may_book: 'anyone', email_domains: [], live_bookings_per_email: 1 })
      expect(await auditOf(programme.id)).toEqual([])

      expect((await patch('no-such-programme', { whoMayBook: 'anyone' }, cookie)).statusCode).toBe(404)
      const coach = await createStaff(t.app, { role: 'coach' })
      expect((await patch(programme.slug, { whoMayBook: 'invited' }, await startSession(t.app, coach.id))).statusCode).toBe(403)
      expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/programmes/${programme.slug}`, payload: { whoMayBook: 'invited' } })).statusCode).toBe(401)
    })

    it('the admin page works without JavaScript: the form, the CSRF check, the NHS error summary, and a saved change', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone', asksEmailCode: true })
      const admin = await createStaff(t.app, { role: 'admin' })
      const browser = pageBrowser(t.app, { cookie: await startSession(t.app, admin.id) })
      const url = `/admin/programmes/${programme.id}/who-may-book`
      const post = (form: Record<string, string>) => browser.post(url, form, { tokenFrom: url })

      const page = await browser.get(url)
      expect(page.statusCode).toBe(200)
      expect(pageTitle(page.body)).toContain(`Who may book ${programme.name}`)
      expect(page.body).toMatch(new RegExp(`<form method="post" action="${url}" novalidate>`))
      expect(page.body).toMatch(/name="whoMayBook" type="radio" value="anyone" checked/)
      expect(page.body).toMatch(/name="asksEmailCode" type="radio" value="yes" checked/)
      expect(page.body).toMatch(/name="liveBookingsPerEmail" type="text" (?:[^>]* )?value="1"/)
      // The programme's page links to it and says what is set.
      const programmePage = await browser.get(`/admin/programmes/${programme.id}`)
      expect(programmePage.body).toContain(`href="${url}"`)
      expect(pageText(programmePage.body)).toContain('Anyone with the link. Candidates without an invitation prove their email address with a code. One email address may have one conversation booked at once.')

      const withoutToken = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ whoMayBook: 'invited', asksEmailCode: 'no', liveBookingsPerEmail: '1' }).toString(),
      })
      expect(withoutToken.statusCode).toBe(403)

      const wrong = await post({ whoMayBook: 'domains', emailDomains: '', liveBookingsPerEmail: 'many' })
      expect(wrong.statusCode).toBe(400)
      expect(pageTitle(wrong.body)).toMatch(/^Error: /)
      expect(errorSummary(wrong.body)).toEqual([
        '#emailDomains Enter at least one email domain, like nhs.net',
        '#asksEmailCode Select yes if candidates must prove their email address',
        '#liveBookingsPerEmail Enter a whole number of bookings from 1 to 50',
      ])
      for (const id of ['asksEmailCode', 'emailDomains', 'liveBookingsPerEmail']) {
        expect(wrong.body).toContain(`id="${id}"`)
        expect(wrong.body).toContain(`id="${id}-error"`)
      }
      // What was typed stays.
      expect(wrong.body).toContain('value="many"')
      const nothing = await post({})
      expect(errorSummary(nothing.body)).toEqual([
        '#whoMayBook Select who may book',
        '#asksEmailCode Select yes if candidates must prove their email address',
        '#liveBookingsPerEmail Enter a whole number of bookings from 1 to 50',
      ])
      expect(nothing.body).toContain('id="whoMayBook"')
      const badDomain = await post({ whoMayBook: 'domains', emailDomains: 'nhs.net\n<b>x</b>', asksEmailCode: 'no', liveBookingsPerEmail: '2' })
      expect(badDomain.statusCode).toBe(400)
      expect(errorSummary(badDomain.body)).toEqual(['#emailDomains “&lt;b&gt;x&lt;/b&gt;” is not an email domain: enter domains like nhs.net, one on each line'])
      expect(badDomain.body).not.toContain('<b>x</b>')
      const none = await t.app.pg.query(`SELECT 1 FROM audit_events WHERE subject_id = $1`, [programme.id])
      expect(none.rowCount).toBe(0)

      const saved = await post({ whoMayBook: 'domains', emailDomains: 'NHS.net\n@example-trust.nhs.uk', asksEmailCode: 'no', liveBookingsPerEmail: ' 2 ' })
      expect(saved.statusCode, saved.body).toBe(303)
      expect(saved.headers.location).toBe(`/admin/programmes?changed=${programme.id}`)
      const stored = await t.app.pg.query(`SELECT who_may_book, email_domains, asks_email_code, live_bookings_per_email FROM programmes WHERE id = $1`, [programme.id])
      expect(stored.rows[0]).toEqual({ who_may_book: 'domains', email_domains: ['nhs.net', 'example-trust.nhs.uk'], asks_email_code: false, live_bookings_per_email: 2 })
      const audit = await t.app.pg.query(`SELECT action, details FROM audit_events WHERE subject_id = $1`, [programme.id])
      expect(audit.rows).toEqual([{ action: 'programme.access_changed', details: { settings: ['whoMayBook', 'emailDomains', 'asksEmailCode', 'liveBookingsPerEmail'] } }])
      const after = await browser.get(url)
      expect(after.body).toMatch(/name="whoMayBook" type="radio" value="domains" checked/)
      expect(after.body).toContain('nhs.net\nexample-trust.nhs.uk')

      const coach = await createStaff(t.app, { role: 'coach' })
      expect((await pageBrowser(t.app, { cookie: await startSession(t.app, coach.id) }).get(url)).statusCode).toBe(403)
    })
  })

  describe('live bookings per address', () => {
    it('by default one: a second booking for the address (any case) books nothing, answers 409 already_booked and emails the address its booking and a working link', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone' })
      const first = await book(programme, programme.starts[0]!, 'Ana.Lee@Example.com')
      expect(first.statusCode, first.body).toBe(201)
      const { booking, manageUrl } = first.json() as { booking: { id: string; reference: string }; manageUrl: string }
      await waitForIdleQueue(t.app)
      t.smtp.received.length = 0

      const second = await book(programme, programme.starts[3]!, 'ana.lee@EXAMPLE.com')
      expect(second.statusCode, second.body).toBe(409)
      expect(second.json()).toMatchObject({ error: 'already_booked', message: expect.stringContaining('a link to change it') })
      expect(await bookingsOf(programme)).toEqual(['ana.lee@example.com'])
      expect(await t.app.pg.query('SELECT 1 FROM bookings WHERE programme_id = $1 AND starts_at = $2', [programme.id, programme.starts[3]])).toMatchObject({ rowCount: 0 })

      await waitForIdleQueue(t.app)
      expect(t.smtp.received).toHaveLength(1)
      const [email] = t.smtp.received
      expect(email!.envelopeTo).toEqual(['ana.lee@example.com'])
      expect(email!.parsed.subject).toBe('You already have a career conversation booked')
      const text = email!.parsed.text!
      expect(text).toContain(`Reference: ${booking.reference}`)
      const link = /https:\/\/careers\.example\.nhs\.uk\/bookings\/manage\/([A-Za-z0-9_-]{20,})/.exec(text)
      expect(link, text).not.toBeNull()
      expect(email!.parsed.html).toContain(`https://careers.example.nhs.uk/bookings/manage/${link![1]}`)
      // The link in it opens the booking; the first link keeps working too.
      for (const token of [link![1]!, tokenOf(manageUrl)]) {
        const opened = await t.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: asCandidate(token) })
        expect(opened.statusCode).toBe(200)
        expect(opened.json().booking.reference).toBe(booking.reference)
      }
      const page = await t.app.inject(`/bookings/manage/${link![1]}`)
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain(booking.reference)

      // Once it is cancelled, the address may book again.
      expect((await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booking.id}/cancel`, headers: asCandidate(tokenOf(manageUrl)) })).statusCode).toBe(200)
      expect((await book(programme, programme.starts[3]!, 'ana.lee@example.com')).statusCode).toBe(201)
    })

    it('with 2 allowed, the second books and the third is refused', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone', liveBookingsPerEmail: 2 })
      expect((await book(programme, programme.starts[0]!, 'bo@example.com')).statusCode).toBe(201)
      expect((await book(programme, programme.starts[2]!, 'BO@example.com')).statusCode).toBe(201)
      const third = await book(programme, programme.starts[4]!, 'bo@example.com')
      expect(third.statusCode).toBe(409)
      expect(third.json().error).toBe('already_booked')
      expect(await bookingsOf(programme)).toEqual(['bo@example.com', 'bo@example.com'])
      // Another address is not counted with it.
      expect((await book(programme, programme.starts[4]!, 'cy@example.com')).statusCode).toBe(201)
    })

    it('the journey says "Check your email" (409) without saying whether the address has a booking', async () => {
      const programme = await programmeWith({ whoMayBook: 'anyone' })
      const first = await book(programme, programme.starts[0]!, 'dee@example.com')
      expect(first.statusCode).toBe(201)
      const { reference } = (first.json() as { booking: { reference: string } }).booking
      await waitForIdleQueue(t.app)
      t.smtp.received.length = 0

      const path = `/book/${programme.slug}`
      const visitor = new Visitor(t.app)
      await visitor.answer(`${path}/day`, { day: monday.plus({ days: 1 }).toISODate()! })
      await visitor.answer(`${path}/time`, { start: programme.starts[2]! })
      expect((await visitor.answer(`${path}/details`, { name: 'Dee Guess', email: 'DEE@example.com', phone: '' })).headers.location).toBe(`${path}/contact`)
      await visitor.answer(`${path}/contact`, { contactMethod: 'video' })
      await visitor.answer(`${path}/information`, { consent: 'yes' })
      await visitor.get(`${path}/check`)
      expect((await t.app.pg.query('SELECT 1 FROM slot_holds WHERE programme_id = $1', [programme.id])).rowCount).toBe(1)
      const answer = await visitor.post(`${path}/check`, {})
      expect(answer.statusCode).toBe(409)
      // The journey forgets the time it held, so the hold is given back at once.
      expect((await t.app.pg.query('SELECT 1 FROM slot_holds WHERE programme_id = $1', [programme.id])).rowCount).toBe(0)
      expect(pageTitle(answer.body)).toBe('Check your email – Career conversations – NHS')
      const words = pageText(answer.body)
      expect(words).toContain('We have sent an email to dee@example.com that says what to do next.')
      expect(words).not.toMatch(/already|booked|booking/i)
      expect(words).not.toContain(reference)
      expect(await bookingsOf(programme)).toEqual(['dee@example.com'])
      await waitForIdleQueue(t.app)
      expect(emailsTo('dee@example.com').map((m) => m.parsed.subject)).toEqual(['You already have a career conversation booked'])
    })
  })
})
