import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { clearJobQueue, jobsWithPayloads, waitForIdleQueue } from '../support/jobs.js'
import { createCoach, createProgramme, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'
import { insertInvitation, setInvitationStatus } from '../../src/repositories/invitations.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { invitationTokenIn } from './invitation-support.js'

/**
 * The invitation email end to end: inviting enqueues its job in the same
 * transaction, the worker makes the personal link and sends it over real
 * SMTP, and the link in what arrives opens the booking journey.
 */

const PUBLIC_URL = 'https://careers.example.nhs.uk'
const DAY = 24 * 60 * 60 * 1000
const START = new Date('2026-03-02T08:00:00.000Z')

describe('the invitation email', () => {
  const t = useMailingTestApp({ clock: new TestClock(START), publicUrl: PUBLIC_URL })
  let programme: ProgrammeFixture
  let admin: { id: string }
  /** A session started now (the clock moves further than sessions last). */
  const asAdmin = async () => ({ cookie: await startSession(t.app, admin.id) })

  beforeAll(async () => {
    programme = await createProgramme(t.app.pg.pool, { slug: 'vaccinators' })
    await createCoach(t.app.pg.pool, programme)
    const staff = await createStaff(t.app, { role: 'admin' })
    admin = { id: staff.id }
  })
  beforeEach(async () => {
    await clearJobQueue(t.app)
    t.clock.set(START)
  })

  async function invite(email: string, name = 'Sam Taylor') {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/invitations',
      headers: await asAdmin(),
      payload: { programme: 'vaccinators', name, email },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json().invitation as { id: string; status: string; emailSentAt: string | null }
  }

  const openLink = (token: string) => t.app.inject({ url: `/invitations/${token}` })

  /** An invitation written straight to the database, without its email job (to control when the job runs). */
  async function invitationWithoutJob(email: string, expiresAt = new Date(START.getTime() + 60 * DAY)) {
    return insertInvitation(t.app.pg.pool, {
      programmeId: programme.id,
      name: 'Jo Bloggs',
      email,
      phone: null,
      note: null,
      tokenHash: generateToken().hash,
      createdById: admin.id,
      now: t.clock.now(),
      expiresAt,
    })
  }

  async function runInvitationJob(invitationId: string) {
    await t.app.jobs.add('send-email', { email: 'invitation', invitationId }, { maxAttempts: 3 })
    await waitForIdleQueue(t.app)
  }

  it('arrives with what a career conversation is, that it is free and voluntary, the personal link and when it runs out', async () => {
    const invitation = await invite('sam.taylor@example.com')
    const [email] = await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)

    expect(email!.envelopeTo).toEqual(['sam.taylor@example.com'])
    expect(email!.parsed.subject).toBe('Book a free career conversation')
    for (const part of [email!.parsed.text!, email!.parsed.html!]) {
      expect(part).toContain('Dear Sam Taylor')
      expect(part).toContain('a free, one-to-one call of about 45 minutes with a trained coach')
      expect(part).toContain('It is voluntary')
      expect(part).toContain(`As part of Programme vaccinators`)
      // Made at 8am UTC on 2 March, the link runs out 60 days later (9am UK time on Friday 1 May):
      // the last whole day it works is the Thursday.
      expect(part).toContain('It works until Thursday 30 April 2026.')
    }
    expect(email!.parsed.html).not.toMatch(/<script|<img/i)
    expect(email!.parsed.messageId).toMatch(/@careers\.example\.nhs\.uk>$/)

    const token = invitationTokenIn(email!, PUBLIC_URL)
    const opened = await openLink(token)
    expect(opened.statusCode).toBe(303)
    expect(opened.headers.location).toBe('/book/vaccinators/day')

    const listed = await t.app.inject({ url: `/api/v1/admin/invitations/${invitation.id}`, headers: await asAdmin() })
    expect(listed.json().invitation).toMatchObject({ status: 'sent', emailSentAt: expect.any(String) })
    const { rows } = await t.app.pg.query(`SELECT status, kind, invitation_id FROM email_deliveries WHERE dedupe_key = $1`, [
      `invitation:${invitation.id}`,
    ])
    expect(rows).toEqual([{ status: 'sent', kind: 'invitation', invitation_id: invitation.id }])
  })

  it('is sent once: running its job again sends nothing and keeps the link in the email working', async () => {
    const invitation = await invite('once@example.com')
    const [email] = await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    const token = invitationTokenIn(email!, PUBLIC_URL)

    await runInvitationJob(invitation.id)
    expect(t.smtp.received).toHaveLength(1)
    expect((await openLink(token)).statusCode).toBe(303)
  })

  it('stops working once the invitation is withdrawn', async () => {
    const invitation = await invite('withdrawn@example.com')
    const [email] = await t.smtp.waitFor(1)
    const token = invitationTokenIn(email!, PUBLIC_URL)
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/invitations/${invitation.id}/withdraw`,
      headers: await asAdmin(),
    })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    const opened = await openLink(token)
    expect(opened.statusCode).toBe(404)
    expect(opened.body).toContain('This link does not work')
  })

  it('is not sent for an invitation withdrawn, or expired, before its job runs', async () => {
    const withdrawn = await invitationWithoutJob('gone@example.com')
    await setInvitationStatus(t.app.pg.pool, withdrawn.id, 'withdrawn', t.clock.now())
    await runInvitationJob(withdrawn.id)

    const expired = await invitationWithoutJob('late@example.com', new Date(START.getTime() - 1000))
    await runInvitationJob(expired.id)

    expect(t.smtp.received).toEqual([])
    const { rows } = await t.app.pg.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE invitation_id = ANY($1::uuid[])`, [
      [withdrawn.id, expired.id],
    ])
    expect(rows[0].n).toBe(0)
  })

  it('after 60 days the invitation has expired and the address can be invited again', async () => {
    const first = await invite('again@example.com')
    const [email] = await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    const token = invitationTokenIn(email!, PUBLIC_URL)

    t.clock.advance(60 * DAY)
    expect((await openLink(token)).body).toContain('This invitation has expired')
    const listed = await t.app.inject({ url: `/api/v1/admin/invitations?status=expired`, headers: await asAdmin() })
    expect(listed.json().invitations.map((i: { id: string }) => i.id)).toContain(first.id)

    const second = await invite('again@example.com')
    expect(second.id).not.toBe(first.id)
    await t.smtp.waitFor(2)
    expect(invitationTokenIn(t.smtp.received[1]!, PUBLIC_URL)).not.toBe(token)
  })

  describe('after a crash between the mail server accepting it and the delivery being recorded', () => {
    async function sentInvitation(address: string) {
      const invitation = await invite(address)
      const [email] = await t.smtp.waitFor(1)
      await waitForIdleQueue(t.app)
      return { invitation, email: email!, token: invitationTokenIn(email!, PUBLIC_URL) }
    }

    it('a retry after the claim has gone stale sends a second copy: same Message-ID, a new link, the first link no longer works', async () => {
      const { invitation, email, token } = await sentInvitation('crash@example.com')
      await t.app.pg.query(
        `UPDATE email_deliveries SET status = 'sending', sent_at = NULL, updated_at = now() - interval '10 minutes' WHERE dedupe_key = $1`,
        [`invitation:${invitation.id}`],
      )
      await runInvitationJob(invitation.id)
      const [, second] = await t.smtp.waitFor(2)
      expect(second!.parsed.messageId).toBe(email.parsed.messageId)
      const newToken = invitationTokenIn(second!, PUBLIC_URL)
      expect(newToken).not.toBe(token)
      expect((await openLink(newToken)).statusCode).toBe(303)
      expect((await openLink(token)).statusCode).toBe(404)
    })

    it('a retry while the claim is fresh waits, and makes no new link', async () => {
      const { invitation, token } = await sentInvitation('busy@example.com')
      await t.app.pg.query(`UPDATE email_deliveries SET status = 'sending', sent_at = NULL, updated_at = now() WHERE dedupe_key = $1`, [
        `invitation:${invitation.id}`,
      ])
      await runInvitationJob(invitation.id)
      const jobs = (await jobsWithPayloads(t.app)).filter((job) => job.payload.invitationId === invitation.id)
      expect(jobs.map(({ attempts, last_error }) => ({ attempts, last_error }))).toEqual([{ attempts: 1, last_error: expect.stringContaining('being sent by another attempt') }])
      expect(t.smtp.received).toHaveLength(1)
      expect((await openLink(token)).statusCode).toBe(303)
    })
  })
})
