import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import PostalMime from 'postal-mime'
import { buildOutboxTestApp, buildTestApp, testConfig, type OutboxTestApp, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'
import { deliverEmail, messageIdFor, type ComposedEmail } from '../../src/emails/deliver-email.js'
import { listOutbox, readFromOutbox } from '../../src/repositories/outbox.js'

const email = (dedupeKey: string): ComposedEmail => ({
  kind: 'booking-confirmation',
  dedupeKey,
  to: 'jo.bloggs@example.com',
  subject: 'Your career conversation is booked',
  html: '<p>Hello Jo</p>',
  text: 'Hello Jo\n',
  calendar: { method: 'REQUEST', filename: 'invite.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
})

describe('the mailer with an SMTP server', () => {
  let smtp: TestSmtp
  let t: TestApp
  beforeAll(async () => {
    smtp = await startTestSmtp()
    t = await buildTestApp({
      config: testConfig({ DATABASE_URL: await createTestDatabase(), SMTP_URL: smtp.url, MAIL_REPLY_TO: 'programme@example.nhs.uk' }),
    })
  })
  afterAll(async () => {
    await t.app.close()
    await smtp.close()
  })

  const deps = () => ({ pool: t.app.pg.pool, mailer: t.app.mailer, publicUrl: t.app.config.PUBLIC_URL })

  it('sends over SMTP with From, Reply-To, a stable Message-ID and the calendar part', async () => {
    expect(t.app.mailer.transport).toBe('smtp')
    expect(await deliverEmail(deps(), email('test:1'), { jobPayload: {}, isLastAttempt: false })).toBe('sent')
    const [message] = await smtp.waitFor(1)
    expect(message?.envelopeTo).toEqual(['jo.bloggs@example.com'])
    expect(message?.parsed.subject).toBe('Your career conversation is booked')
    expect(message?.parsed.from?.address).toBe('no-reply@career-conversations.localhost')
    expect(message?.parsed.replyTo?.[0]?.address).toBe('programme@example.nhs.uk')
    expect(message?.parsed.messageId).toBe(messageIdFor('test:1', t.app.config.PUBLIC_URL))
    expect(message?.parsed.text?.trim()).toBe('Hello Jo')
    expect(message?.parsed.html).toContain('<p>Hello Jo</p>')
    expect(message?.raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i)
  })

  it('never sends the same delivery twice', async () => {
    const before = smtp.received.length
    expect(await deliverEmail(deps(), email('test:2'), { jobPayload: {}, isLastAttempt: false })).toBe('sent')
    expect(await deliverEmail(deps(), email('test:2'), { jobPayload: {}, isLastAttempt: false })).toBe('already-sent')
    await smtp.waitFor(before + 1)
    expect(smtp.received.length).toBe(before + 1)
    const { rows } = await t.app.pg.query(`SELECT status, attempts FROM email_deliveries WHERE dedupe_key = 'test:2'`)
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }])
  })

  it('records a refusal for a retry, and marks the delivery failed on the last attempt', async () => {
    smtp.refuse()
    try {
      await expect(deliverEmail(deps(), email('test:3'), { jobPayload: { id: 3 }, isLastAttempt: false })).rejects.toThrow()
      let row = (await t.app.pg.query(`SELECT status, last_error FROM email_deliveries WHERE dedupe_key = 'test:3'`)).rows[0]
      expect(row.status).toBe('waiting')
      expect(row.last_error).toMatch(/421/)
      expect(row.last_error).not.toContain('jo.bloggs@example.com')
      await expect(deliverEmail(deps(), email('test:3'), { jobPayload: { id: 3 }, isLastAttempt: true })).rejects.toThrow()
      row = (await t.app.pg.query(`SELECT status, attempts, failed_at, job_payload FROM email_deliveries WHERE dedupe_key = 'test:3'`)).rows[0]
      expect(row).toMatchObject({ status: 'failed', attempts: 2, job_payload: { id: 3 } })
      expect(row.failed_at).toBeInstanceOf(Date)
    } finally {
      smtp.accept()
    }
    expect(await deliverEmail(deps(), email('test:3'), { jobPayload: { id: 3 }, isLastAttempt: false })).toBe('sent')
  })
})

describe('the mailer without SMTP: the local outbox', () => {
  let t: OutboxTestApp
  beforeAll(async () => {
    t = await buildOutboxTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('keeps every message as an .eml file that parses back', async () => {
    expect(t.app.mailer.transport).toBe('outbox')
    const deps = { pool: t.app.pg.pool, mailer: t.app.mailer, publicUrl: t.app.config.PUBLIC_URL }
    await deliverEmail(deps, email('outbox:1'), { jobPayload: {}, isLastAttempt: false })
    const dir = t.app.mailer.outboxDir!
    const files = await listOutbox(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/\.eml$/)
    expect(await readdir(path.join(t.dataDir, 'mail'))).toEqual(files)
    const parsed = await PostalMime.parse(await readFile(path.join(dir, files[0]!)))
    expect(parsed.subject).toBe('Your career conversation is booked')
    expect(parsed.to?.[0]?.address).toBe('jo.bloggs@example.com')
    expect(await readFromOutbox(dir, '../secrets.eml')).toBeUndefined()
    expect(await readFromOutbox(dir, files[0]!)).toBeInstanceOf(Buffer)
  })
})
