import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOutboxTestApp, type OutboxTestApp } from '../helper.js'
import { adminAndCoachSessions, pageBrowser } from '../support/staff.js'
import { waitingJobs } from '../support/jobs.js'
import { deliverEmail } from '../../src/emails/deliver-email.js'

describe('admin email pages', () => {
  let t: OutboxTestApp
  let adminCookie: string
  let coachCookie: string

  beforeAll(async () => {
    t = await buildOutboxTestApp()
    ;({ admin: adminCookie, coach: coachCookie } = await adminAndCoachSessions(t.app))
    await deliverEmail(
      { pool: t.app.pg.pool, mailer: t.app.mailer, publicUrl: t.app.config.PUBLIC_URL },
      { kind: 'booking-confirmation', dedupeKey: 'admin-page:1', to: 'jo@example.com', subject: 'Your career conversation is booked', html: '<p>Hello <strong>Jo</strong></p>', text: 'Hello Jo' },
      { jobPayload: {}, isLastAttempt: false },
    )
  })
  afterAll(async () => {
    await t?.close()
  })

  it('are for admins only', async () => {
    expect((await t.app.inject({ url: '/admin/emails' })).statusCode).toBe(302)
    expect((await t.app.inject({ url: '/admin/emails', headers: { cookie: coachCookie } })).statusCode).toBe(403)
    expect((await t.app.inject({ url: '/admin/emails/previews/booking-confirmation/html', headers: { cookie: coachCookie } })).statusCode).toBe(403)
  })

  it('list the local outbox and open a message, its HTML served without scripts', async () => {
    const page = await t.app.inject({ url: '/admin/emails', headers: { cookie: adminCookie } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Your career conversation is booked')
    const file = page.body.match(/href="\/admin\/emails\/outbox\/([^"]+\.eml)"/)?.[1]
    expect(file).toBeTruthy()
    const message = await t.app.inject({ url: `/admin/emails/outbox/${file}`, headers: { cookie: adminCookie } })
    expect(message.statusCode).toBe(200)
    expect(message.body).toContain('jo@example.com')
    expect(message.body).toContain('Hello Jo')
    const html = await t.app.inject({ url: `/admin/emails/outbox/${file}/html`, headers: { cookie: adminCookie } })
    expect(html.body).toContain('<strong>Jo</strong>')
    expect(html.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/)
    expect((await t.app.inject({ url: '/admin/emails/outbox/nope.eml', headers: { cookie: adminCookie } })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/admin/emails/outbox/..%2Fsecret.eml', headers: { cookie: adminCookie } })).statusCode).toBe(400)
    const redirect = await t.app.inject({ url: '/admin/outbox', headers: { cookie: adminCookie } })
    expect(redirect.headers.location).toBe('/admin/emails#outbox')
  })

  it('preview every email with example details', async () => {
    const list = await t.app.inject({ url: '/admin/emails/previews', headers: { cookie: adminCookie } })
    const keys = [...list.body.matchAll(/href="\/admin\/emails\/previews\/([a-z0-9-]+)"/g)].map((m) => m[1])
    expect(keys).toContain('booking-confirmation')
    expect(keys).toContain('coach-daily-agenda')
    for (const key of keys) {
      const page = await t.app.inject({ url: `/admin/emails/previews/${key}`, headers: { cookie: adminCookie } })
      expect(page.statusCode, key).toBe(200)
      const html = await t.app.inject({ url: `/admin/emails/previews/${key}/html`, headers: { cookie: adminCookie } })
      expect(html.statusCode, key).toBe(200)
      expect(html.body).toMatch(/^<!DOCTYPE html>/)
    }
    expect((await t.app.inject({ url: '/admin/emails/previews/nope', headers: { cookie: adminCookie } })).statusCode).toBe(404)
  })

  it('show failed emails and send one again, once', async () => {
    const { rows } = await t.app.pg.query(
      `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, recipient, subject, message_id, job_payload, status, attempts, last_error, failed_at)
       VALUES ('failed:1', 'preparation', gen_random_uuid(), 'sam@example.com', 'Prepare for your career conversation', '<x@y>',
               '{"email":"preparation","bookingId":"00000000-0000-4000-8000-000000000001"}', 'failed', 14, '421 Service not available', now())
       RETURNING id`,
    )
    const id = rows[0].id
    const page = await t.app.inject({ url: '/admin/emails', headers: { cookie: adminCookie } })
    expect(page.body).toContain('Prepare for your career conversation')
    expect(page.body).toContain('421 Service not available')

    const refused = await t.app.inject({ method: 'POST', url: `/admin/emails/deliveries/${id}/retry`, headers: { cookie: adminCookie } })
    expect(refused.statusCode).toBe(403)

    const sendAgain = () => pageBrowser(t.app, { cookie: adminCookie }).post(`/admin/emails/deliveries/${id}/retry`, {}, { tokenFrom: '/admin/emails' })
    const retry = await sendAgain()
    expect(retry.statusCode).toBe(303)
    expect(retry.headers.location).toBe('/admin/emails?retried=1')
    const jobs = await waitingJobs(t.app, 'send-email')
    expect(jobs.map((job) => job.payload)).toEqual([{ email: 'preparation', bookingId: '00000000-0000-4000-8000-000000000001' }])
    const status = await t.app.pg.query('SELECT status FROM email_deliveries WHERE id = $1', [id])
    expect(status.rows[0].status).toBe('waiting')
    const audit = await t.app.pg.query(`SELECT action, subject_id FROM audit_events WHERE action = 'email.retry'`)
    expect(audit.rows).toEqual([{ action: 'email.retry', subject_id: id }])

    const again = await sendAgain()
    expect(again.statusCode).toBe(409)
  })
})
