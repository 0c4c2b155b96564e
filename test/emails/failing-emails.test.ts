import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import PostalMime, { type Email } from 'postal-mime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TestClock, testConfig, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, listSlotStarts, postBooking, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { registeredCronIdentifiers, waitForIdleQueue } from '../support/jobs.js'
import { createStaff, pageBrowser, startSession } from '../support/staff.js'

/**
 * Email failures are visible the day they start: a delivery the mail server
 * refuses shows on /admin/emails after its first failed attempt, with "Send
 * again"; /readyz says mail is failing; and the programme team get one
 * message a day while any email is failing. A real SMTP server on loopback
 * that refuses everything (421, a relay that is down) or one recipient's
 * domain (550).
 */

interface Received {
  to: string[]
  parsed: Email
}

async function startRefusingSmtp() {
  const received: Received[] = []
  const state = { refuseAll: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!state.refuseAll) return callback()
      callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }))
    },
    onRcptTo(address, _session, callback) {
      if (!address.address.endsWith('@refused.example')) return callback()
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed: await PostalMime.parse(Buffer.concat(chunks)) })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { url: `smtp://127.0.0.1:${port}`, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe('email failures, visible from the first failed attempt', () => {
  // Some weeks after the real date, so jobs the booking schedules for "later" are later for the database too.
  const clock = new TestClock(new Date(Date.now() + 28 * 86_400_000))
  let smtp: Awaited<ReturnType<typeof startRefusingSmtp>>
  let t: TestApp
  let programme: ProgrammeFixture
  let starts: string[]
  let adminCookie: string
  let adminEmail: string

  const delivery = async (kind: string, recipient: string) =>
    (
      await t.app.pg.query<{ id: string; status: string; attempts: number; last_error: string | null }>(
        `SELECT id, status, attempts, last_error FROM email_deliveries WHERE kind = $1 AND recipient = $2`,
        [kind, recipient],
      )
    ).rows[0]
  const book = async (email: string) => {
    const response = await postBooking(t.app, bookingBody(programme, starts.shift()!, { candidate: { name: 'Sam Taylor', email } }))
    expect(response.statusCode).toBe(201)
  }
  const readyMail = async () => (await t.app.inject('/readyz')).json().checks.mail

  beforeAll(async () => {
    smtp = await startRefusingSmtp()
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({
      databaseUrl,
      clock,
      runWorker: true,
      config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk' }),
    })
    programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60 })
    await createCoach(t.app.pg.pool, programme)
    const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10)
    starts = await listSlotStarts(t.app, programme, day(2), day(9))
    const admin = await createStaff(t.app, { role: 'admin' })
    adminEmail = admin.email
    adminCookie = await startSession(t.app, admin.id)
  })
  afterAll(async () => {
    await t?.app.close()
    await smtp?.close()
  })

  it('sends no daily message while every email gets through, and the task is on the schedule', async () => {
    await t.app.jobs.add('failing-emails-digest', {})
    await waitForIdleQueue(t.app)
    expect(smtp.received.filter((r) => r.to.includes(adminEmail))).toHaveLength(0)
    expect(await registeredCronIdentifiers(t.app)).toContain('failing-emails-digest')
  })

  it('shows a refused email on /admin/emails after its first attempt, and "Send again" sends it once', async () => {
    smtp.state.refuseAll = true
    await book('sam@example.com')
    await expect.poll(async () => (await delivery('booking-confirmation', 'sam@example.com'))?.last_error ?? null, { timeout: 15_000 }).toMatch(/421/)
    const first = (await delivery('booking-confirmation', 'sam@example.com'))!
    expect(first).toMatchObject({ status: 'waiting' })

    const page = await t.app.inject({ url: '/admin/emails', headers: { cookie: adminCookie } })
    expect(page.body).toContain('Your career conversation is booked')
    expect(page.body).toMatch(/421/)
    expect(page.body).toContain('we are still trying')
    expect(page.body).toContain(`/admin/emails/deliveries/${first.id}/retry`)
    expect(await readyMail()).toBe('failing')

    // After a second refusal the next automatic try is 7 s or more away: "Send again" is what sends it now.
    await expect
      .poll(async () => {
        const now = (await delivery('booking-confirmation', 'sam@example.com'))!
        return now.status === 'waiting' && now.attempts >= 2
      }, { timeout: 15_000 })
      .toBe(true)
    smtp.state.refuseAll = false
    const retry = await pageBrowser(t.app, { cookie: adminCookie }).post(`/admin/emails/deliveries/${first.id}/retry`, {}, { tokenFrom: '/admin/emails' })
    expect(retry.statusCode).toBe(303)
    await expect.poll(async () => (await delivery('booking-confirmation', 'sam@example.com'))!.status, { timeout: 5_000 }).toBe('sent')
    const confirmations = smtp.received.filter((r) => r.to.includes('sam@example.com') && /is booked/.test(r.parsed.subject ?? ''))
    expect(confirmations).toHaveLength(1)
    const after = await t.app.inject({ url: '/admin/emails', headers: { cookie: adminCookie } })
    expect(after.body).not.toContain(`/admin/emails/deliveries/${first.id}/retry`)
  })

  it('tells the programme team once a day while an email is failing, without the addresses', async () => {
    await book('pat@refused.example')
    await expect.poll(async () => (await delivery('booking-confirmation', 'pat@refused.example'))?.last_error ?? null, { timeout: 15_000 }).toMatch(/550/)
    expect(await readyMail()).toBe('failing')

    await t.app.jobs.add('failing-emails-digest', {})
    await t.app.jobs.add('failing-emails-digest', {})
    await expect.poll(() => smtp.received.filter((r) => r.to.includes(adminEmail)).length, { timeout: 15_000 }).toBe(1)
    await expect.poll(async () => (await t.app.pg.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'failing-emails-digest'`)).rows[0].n, { timeout: 15_000 }).toBe(0)
    const digests = smtp.received.filter((r) => r.to.includes(adminEmail))
    expect(digests).toHaveLength(1)
    // The refused confirmation, and any email of the test before still waiting for its next try.
    expect(digests[0]!.parsed.subject).toMatch(/^Emails not getting through: (1 email|\d+ emails)$/)
    expect(digests[0]!.parsed.text).toContain('Your career conversation is booked')
    expect(digests[0]!.parsed.text).toContain('550')
    expect(digests[0]!.parsed.text).toContain('https://careers.example.nhs.uk/admin/emails')
    expect(digests[0]!.parsed.text).not.toContain('refused.example')
  })
})
