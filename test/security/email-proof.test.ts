import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { EMAIL_CODE_MESSAGES } from '../../src/domain/email-proof/index.js'
import { TestClock, buildTestApp, testConfig, type TestApp } from '../helper.js'
import { bookingBody, createCoach, listSlotStarts, postBooking, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { startTestSmtp, type ReceivedEmail, type TestSmtp } from '../support/smtp.js'
import { Visitor, errorSummary, pageText, pageTitle } from '../support/visitor.js'

/**
 * Proof of the email address before we write to it, on a
 * programme that asks for it: a booking needs a 6-digit code emailed to the
 * address (15 minutes, 5 tries, a few codes an hour per address), an
 * invitation is proof already, and nothing but the code is sent to an
 * address until it is proven. Every email is read back from a real SMTP
 * server once the job worker is idle; the app runs with the default limits.
 *
 * The clock is a Monday, 8am UK time, some weeks after the real date; one
 * coach works 9am to 5pm on weekdays and programmes need 24 hours' notice.
 */

const MINUTE = 60_000
const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })

describe('proof of the email address', () => {
  const clock = new TestClock(monday.toJSDate())
  let t: TestApp
  let smtp: TestSmtp
  let proving: ProgrammeFixture & { starts: string[] }
  let other: ProgrammeFixture & { starts: string[] }
  let used = 0

  async function programme(asksEmailCode: boolean) {
    const slug = `proof-${randomBytes(4).toString('hex')}`
    const { rows } = await t.app.pg.query<{ id: string }>(
      `INSERT INTO programmes (slug, name, conversation_model_key, duration_minutes, minimum_notice_minutes, horizon_days, asks_email_code)
       VALUES ($1, $2, 'four-stage', 45, 1440, 56, $3) RETURNING id`,
      [slug, `Programme ${slug}`, asksEmailCode],
    )
    const fixture = { id: rows[0]!.id, slug }
    await createCoach(t.app.pg.pool, fixture)
    const starts = await listSlotStarts(t.app, fixture, monday.plus({ days: 1 }).toISODate()!, monday.plus({ days: 3 }).toISODate()!)
    return { ...fixture, starts }
  }

  beforeAll(async () => {
    smtp = await startTestSmtp()
    const databaseUrl = await createTestDatabase()
    // The default limits (3 codes an hour to one address); only what counts the loopback address as a whole is raised.
    const config = testConfig(
      { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk', LIMIT_EMAIL_CODES_PER_ADDRESS_PER_HOUR: 1000, LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: 1000 },
      { defaultLimits: true },
    )
    t = await buildTestApp({ databaseUrl, clock, runWorker: true, config })
    ;[proving, other] = await Promise.all([programme(true), programme(true)])
  })
  afterAll(async () => {
    await t?.app.close()
    await smtp?.close()
  })
  beforeEach(async () => {
    clock.set(monday.toJSDate())
    await waitForIdleQueue(t.app)
    smtp.received.length = 0
  })

  /** A new address for each test: the limits count per address. */
  const address = (name: string) => `${name}.${randomBytes(3).toString('hex')}@example.com`
  /** A free time of the programme not booked by an earlier test. */
  const nextStart = () => proving.starts[used++]!
  const to = (email: string) => smtp.received.filter((m) => m.envelopeTo.includes(email))
  const codeIn = (message: ReceivedEmail) => {
    const code = /^(\d{6}) is your code to book a career conversation$/.exec(message.parsed.subject ?? '')?.[1]
    if (!code) throw new Error(`not a code email: ${message.parsed.subject}`)
    expect(message.parsed.text).toContain(`Your code is ${code}`)
    return code
  }
  const otherThan = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10)

  const askForCode = (programme: ProgrammeFixture, email: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/email-codes', payload: { programme: programme.slug, email } })
  /** Asks for a code for `email` and reads it from the email that arrives. */
  async function codeFor(programme: ProgrammeFixture, email: string) {
    const answer = await askForCode(programme, email)
    expect(answer.statusCode, answer.body).toBe(202)
    const { codeId } = answer.json() as { codeId: string }
    await waitForIdleQueue(t.app)
    const received = to(email)
    expect(received, 'one email with the code').toHaveLength(1)
    smtp.received.length = 0
    return { codeId, code: codeIn(received[0]!) }
  }
  const book = (start: string, email: string, extra: Record<string, unknown> = {}, programme: ProgrammeFixture = proving) =>
    postBooking(t.app, bookingBody(programme, start, { candidate: { name: 'Sam Taylor', email }, ...extra }))
  const bookingsTo = async (email: string) =>
    (await t.app.pg.query('SELECT 1 FROM bookings WHERE lower(candidate_email) = lower($1)', [email])).rowCount

  it('refuses a booking without a code (422 email_not_proven) and sends nothing to the address', async () => {
    const email = address('no.code')
    const refused = await book(nextStart(), email)
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ error: 'email_not_proven', message: EMAIL_CODE_MESSAGES.notProven })
    expect(await bookingsTo(email)).toBe(0)
    await waitForIdleQueue(t.app)
    expect(smtp.received).toEqual([])
    // The programme says it asks.
    const listed = (await t.app.inject('/api/v1/programmes')).json() as { programmes: { slug: string; asksEmailCode: boolean }[] }
    expect(listed.programmes.find((p) => p.slug === proving.slug)?.asksEmailCode).toBe(true)
  })

  it('sends exactly one email with a 6-digit code, which books; then the booking emails go', async () => {
    const email = address('proven')
    const { codeId, code } = await codeFor(proving, email)
    expect(code).toMatch(/^\d{6}$/)
    const booked = await book(nextStart(), email, { emailCode: { codeId, code } })
    expect(booked.statusCode, booked.body).toBe(201)
    expect(await bookingsTo(email)).toBe(1)
    await waitForIdleQueue(t.app)
    expect(to(email).map((m) => m.parsed.subject)).toContain('Your career conversation is booked')
    expect(smtp.received.flatMap((m) => m.envelopeTo).every((r) => r === email || r.endsWith('@coaches.example'))).toBe(true)
  })

  it('refuses a wrong code (422 email_code_wrong); after 5 wrong tries even the right code is refused', async () => {
    const email = address('wrong')
    const { codeId, code } = await codeFor(proving, email)
    const start = nextStart()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await book(start, email, { emailCode: { codeId, code: otherThan(code) } })
      expect(wrong.statusCode, `try ${attempt}`).toBe(422)
      expect(wrong.json(), `try ${attempt}`).toMatchObject({ error: 'email_code_wrong', message: EMAIL_CODE_MESSAGES.wrong })
    }
    const right = await book(start, email, { emailCode: { codeId, code } })
    expect(right.statusCode).toBe(422)
    expect(right.json()).toMatchObject({ error: 'email_code_wrong', message: EMAIL_CODE_MESSAGES.expired })
    expect(await bookingsTo(email)).toBe(0)
    await waitForIdleQueue(t.app)
    expect(smtp.received).toEqual([])

    // A wrong try or two leave the code good for the rest.
    const second = address('wrong.then.right')
    const fresh = await codeFor(proving, second)
    expect((await book(start, second, { emailCode: { ...fresh, code: otherThan(fresh.code) } })).statusCode).toBe(422)
    expect((await book(start, second, { emailCode: fresh })).statusCode).toBe(201)
  })

  it('a code for another address or another programme proves nothing here', async () => {
    const mine = address('mine')
    const theirs = address('theirs')
    const theirCode = await codeFor(proving, theirs)
    const start = nextStart()
    const wrongAddress = await book(start, mine, { emailCode: theirCode })
    expect(wrongAddress.statusCode).toBe(422)
    expect(wrongAddress.json().error).toBe('email_code_wrong')

    const elsewhere = await codeFor(other, mine)
    const wrongProgramme = await book(start, mine, { emailCode: elsewhere })
    expect(wrongProgramme.statusCode).toBe(422)
    expect(wrongProgramme.json().error).toBe('email_code_wrong')
    // It does prove the address on its own programme.
    expect((await book(other.starts[0]!, mine, { emailCode: elsewhere }, other)).statusCode).toBe(201)
    expect((await t.app.pg.query('SELECT 1 FROM bookings WHERE programme_id = $1 AND lower(candidate_email) = $2', [proving.id, mine])).rowCount).toBe(0)
  })

  it('a code works for 15 minutes', async () => {
    const late = address('late')
    const inTime = address('in.time')
    const lateCode = await codeFor(proving, late)
    const inTimeCode = await codeFor(proving, inTime)
    clock.advance(15 * MINUTE - 1000)
    expect((await book(nextStart(), inTime, { emailCode: inTimeCode })).statusCode).toBe(201)
    clock.advance(1000)
    const refused = await book(nextStart(), late, { emailCode: lateCode })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ error: 'email_code_wrong', message: EMAIL_CODE_MESSAGES.expired })
    expect(await bookingsTo(late)).toBe(0)
  })

  it(`over ${3} codes an hour to one address, the answer is still 202 but no email goes`, async () => {
    expect(t.app.config.LIMIT_EMAIL_CODES_PER_EMAIL_PER_HOUR).toBe(3)
    const email = address('many.codes')
    const ids: string[] = []
    // The address in any case is one address.
    for (const typed of [email, email.toUpperCase(), email, email]) {
      const answer = await askForCode(proving, typed)
      expect(answer.statusCode).toBe(202)
      ids.push((answer.json() as { codeId: string }).codeId)
    }
    expect(new Set(ids).size).toBe(4)
    await waitForIdleQueue(t.app)
    expect(smtp.received.map((m) => m.envelopeTo[0]!.toLowerCase())).toEqual([email, email, email])
    expect(smtp.received.every((m) => /^\d{6} is your code/.test(m.parsed.subject ?? ''))).toBe(true)

    // An hour later, codes go again.
    smtp.received.length = 0
    clock.advance(61 * MINUTE)
    expect((await askForCode(proving, email)).statusCode).toBe(202)
    await waitForIdleQueue(t.app)
    expect(to(email)).toHaveLength(1)
  })

  it('an invitation books without a code, and no code is sent', async () => {
    const email = address('invited')
    const { token, hash } = generateToken()
    await t.app.pg.query(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Ivy Invited', $2, $3, 'sent', now(), now(), $4)`,
      [proving.id, email, hash, monday.plus({ weeks: 4 }).toJSDate()],
    )
    const booked = await book(nextStart(), email, { invitation: token })
    expect(booked.statusCode, booked.body).toBe(201)
    await waitForIdleQueue(t.app)
    const subjects = to(email).map((m) => m.parsed.subject)
    expect(subjects).toContain('Your career conversation is booked')
    expect(subjects.filter((s) => /is your code/.test(s ?? ''))).toEqual([])
  })

  it('an address proven on the code page stays proven for the rest of the journey, after the code itself would have run out', async () => {
    const email = address('slow')
    const start = proving.starts.at(-2)!
    const path = `/book/${proving.slug}`
    const visitor = new Visitor(t.app)
    await visitor.answer(`${path}/day`, { day: DateTime.fromISO(start, { zone: 'Europe/London' }).toISODate()! })
    await visitor.answer(`${path}/time`, { start })
    expect((await visitor.answer(`${path}/details`, { name: 'Sol Slow', email, phone: '' })).headers.location).toBe(`${path}/email-code`)
    await waitForIdleQueue(t.app)
    const code = codeIn(to(email)[0]!)
    clock.advance(8 * MINUTE)
    expect((await visitor.post(`${path}/email-code`, { code: otherThan(code) })).statusCode).toBe(400)
    clock.advance(6 * MINUTE)
    expect((await visitor.post(`${path}/email-code`, { code })).headers.location).toBe(`${path}/contact`)
    // Past the code's 15 minutes, while they answer the last questions.
    clock.advance(2 * MINUTE)
    await visitor.answer(`${path}/contact`, { contactMethod: 'video' })
    await visitor.answer(`${path}/information`, { consent: 'yes' })
    await visitor.get(`${path}/check`)
    const booked = await visitor.post(`${path}/check`, {})
    expect(booked.headers.location).toBe(`${path}/confirmation`)
    expect(await bookingsTo(email)).toBe(1)
  })

  it('the journey: details, "Check your email", a wrong code, a new code, the right one, then booked; the hold is kept meanwhile, up to 30 minutes', async () => {
    const email = address('journey')
    const start = proving.starts.at(-1)!
    const day = DateTime.fromISO(start, { zone: 'Europe/London' }).toISODate()!
    const path = `/book/${proving.slug}`
    const visitor = new Visitor(t.app)
    const t0 = clock.now().getTime()
    const holdExpiry = async () =>
      (await t.app.pg.query<{ expires_at: Date }>('SELECT expires_at FROM slot_holds WHERE programme_id = $1', [proving.id])).rows.map((r) => r.expires_at.getTime())

    await visitor.answer(`${path}/day`, { day })
    expect((await visitor.answer(`${path}/time`, { start })).headers.location).toBe(`${path}/details`)
    expect(await holdExpiry()).toEqual([t0 + 10 * MINUTE])
    const details = await visitor.answer(`${path}/details`, { name: 'Jay Journey', email, phone: '' })
    expect(details.statusCode).toBe(303)
    expect(details.headers.location).toBe(`${path}/email-code`)
    // Skipping the code is not possible.
    expect((await visitor.get(`${path}/contact`)).headers.location).toBe(`${path}/email-code`)

    const page = await visitor.get(`${path}/email-code`)
    expect(page.statusCode).toBe(200)
    expect(pageTitle(page.body)).toBe('Check your email – Career conversations – NHS')
    expect(page.body).toContain(`We have sent a code to <strong>${email}</strong>. It works for 15 minutes.`)
    expect(pageText(page.body)).toContain('We are keeping your time for you until 8:10am while you get the code.')
    expect(page.body).toContain('autocomplete="one-time-code"')
    await waitForIdleQueue(t.app)
    expect(to(email)).toHaveLength(1)
    const first = codeIn(to(email)[0]!)
    expect(await bookingsTo(email)).toBe(0)

    clock.advance(6 * MINUTE)
    const wrong = await visitor.post(`${path}/email-code`, { code: otherThan(first) })
    expect(wrong.statusCode).toBe(400)
    expect(pageTitle(wrong.body)).toBe('Error: Check your email – Career conversations – NHS')
    expect(errorSummary(wrong.body)).toEqual([`#code ${EMAIL_CODE_MESSAGES.wrong}`])
    expect(wrong.body).toContain('id="code-error"')
    expect(await holdExpiry()).toEqual([t0 + 16 * MINUTE])
    const notDigits = await visitor.post(`${path}/email-code`, { code: 'abc' })
    expect(errorSummary(notDigits.body)).toEqual(['#code The code is 6 numbers, like 123456'])

    clock.advance(6 * MINUTE)
    smtp.received.length = 0
    const resent = await visitor.post(`${path}/email-code/resend`, {})
    expect(resent.statusCode).toBe(303)
    expect(resent.headers.location).toBe(`${path}/email-code?sent=again`)
    expect(await holdExpiry()).toEqual([t0 + 22 * MINUTE])
    expect(pageText((await visitor.get(resent.headers.location as string)).body)).toContain('We have sent you a new code.')
    await waitForIdleQueue(t.app)
    expect(to(email)).toHaveLength(1)
    const second = codeIn(to(email)[0]!)

    // The code sent before no longer works on this journey.
    clock.advance(6 * MINUTE)
    if (first !== second) {
      const old = await visitor.post(`${path}/email-code`, { code: first })
      expect(old.statusCode).toBe(400)
      expect(errorSummary(old.body)).toEqual([`#code ${EMAIL_CODE_MESSAGES.wrong}`])
    } else {
      await visitor.post(`${path}/email-code`, { code: otherThan(second) })
    }
    expect(await holdExpiry()).toEqual([t0 + 28 * MINUTE])

    clock.advance(6 * MINUTE)
    const right = await visitor.post(`${path}/email-code`, { code: ` ${second.slice(0, 3)} ${second.slice(3)} ` })
    expect(right.statusCode, right.body).toBe(303)
    expect(right.headers.location).toBe(`${path}/contact`)
    // Kept while they were on the page, but never beyond 30 minutes from when they chose the time.
    expect(await holdExpiry()).toEqual([t0 + 30 * MINUTE])

    expect((await visitor.answer(`${path}/contact`, { contactMethod: 'video' })).headers.location).toBe(`${path}/information`)
    expect((await visitor.answer(`${path}/information`, { consent: 'yes' })).headers.location).toBe(`${path}/check`)
    expect(await holdExpiry()).toEqual([t0 + 30 * MINUTE])
    await visitor.get(`${path}/check`)
    smtp.received.length = 0
    const booked = await visitor.post(`${path}/check`, {})
    expect(booked.statusCode, booked.body).toBe(303)
    expect(booked.headers.location).toBe(`${path}/confirmation`)
    const rows = await t.app.pg.query('SELECT starts_at FROM bookings WHERE candidate_email = $1', [email])
    expect(rows.rows.map((r) => (r.starts_at as Date).toISOString())).toEqual([start])
    expect(await holdExpiry()).toEqual([])
    await waitForIdleQueue(t.app)
    expect(to(email).map((m) => m.parsed.subject)).toContain('Your career conversation is booked')
  })
})
