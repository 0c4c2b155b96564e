import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  inviteCandidate,
  issueInvitationLink,
  openInvitationLink,
  withdrawInvitation,
  type BookingDeps,
} from '../../../src/domain/booking/service/index.js'
import type { StaffPrincipal } from '../../../src/domain/booking/types.js'
import type { TestApp } from '../../helper.js'
import { bookingBody, buildTestAppWithCoach, postBooking, type ProgrammeFixture } from '../../support/booking-fixtures.js'

describe('inviting candidates', () => {
  let t: TestApp
  let deps: BookingDeps
  let programme: ProgrammeFixture
  let admin: StaffPrincipal

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach())
    deps = { pool: t.app.pg.pool, jobs: t.app.jobs, clock: t.clock }
    const { rows } = await t.app.pg.query(
      `INSERT INTO staff_users (email, name, role, password_hash) VALUES ('admin@invite.example', 'Priya Shah', 'admin', 'x') RETURNING id`,
    )
    admin = { userId: rows[0].id, role: 'admin', coachId: null, name: 'Priya Shah' }
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('invites once per programme and address, with its email job, and issues the link when the email is sent', async () => {
    const invitation = await inviteCandidate(deps, { programme: programme.slug, name: ' Sam Taylor ', email: 'Sam@Example.com ', note: 'Vaccinator, Leeds' }, admin)
    expect(invitation).toMatchObject({ name: 'Sam Taylor', email: 'sam@example.com', phone: null, note: 'Vaccinator, Leeds', status: 'sent' })
    expect(invitation.expiresAt.toISOString()).toBe('2026-05-01T08:00:00.000Z') // 60 days
    const jobs = await t.app.pg.query(
      `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'invitationId' = $1`,
      [invitation.id],
    )
    expect(jobs.rows[0].n).toBe(1)

    await expect(inviteCandidate(deps, { programme: programme.slug, name: 'Sam', email: 'sam@example.com' }, admin)).rejects.toMatchObject({
      code: 'already_invited',
      status: 409,
    })

    const url = await issueInvitationLink(t.app.pg.pool, invitation.id, 'https://cc.example', t.clock.now())
    expect(url).toMatch(/^https:\/\/cc\.example\/invitations\/[A-Za-z0-9_-]{43}$/)
    const token = url!.split('/').pop()!
    const link = await openInvitationLink(deps, token)
    expect(link).toMatchObject({ usable: true, programme: { slug: programme.slug }, invitee: { name: 'Sam Taylor', email: 'sam@example.com' } })

    // a resend replaces the link
    const resent = await issueInvitationLink(t.app.pg.pool, invitation.id, 'https://cc.example', t.clock.now())
    expect(await openInvitationLink(deps, token)).toEqual({ usable: false, problem: 'invalid' })
    const booked = await postBooking(t.app, bookingBody(programme, '2026-03-03T09:00:00.000Z', { invitation: resent!.split('/').pop() }))
    expect(booked.statusCode, booked.body).toBe(201)
    // used: no new link, and it cannot be withdrawn
    expect(await issueInvitationLink(t.app.pg.pool, invitation.id, 'https://cc.example', t.clock.now())).toBeNull()
    await expect(withdrawInvitation(deps, invitation.id, admin)).rejects.toMatchObject({ code: 'invitation_used' })
  })

  it('withdraws an unused invitation; the address can then be invited again', async () => {
    const invitation = await inviteCandidate(deps, { programme: programme.id, name: 'Jo', email: 'jo@example.com', phone: '07700 900982' }, admin)
    const url = await issueInvitationLink(t.app.pg.pool, invitation.id, 'https://cc.example', t.clock.now())
    expect((await withdrawInvitation(deps, invitation.id, admin)).status).toBe('withdrawn')
    expect(await openInvitationLink(deps, url!.split('/').pop()!)).toEqual({ usable: false, problem: 'invalid' })
    const again = await inviteCandidate(deps, { programme: programme.id, name: 'Jo', email: 'jo@example.com' }, admin)
    expect(again.status).toBe('sent')
  })

  it('checks each field, and lets only admins invite', async () => {
    await expect(inviteCandidate(deps, { programme: programme.slug, name: '', email: 'nope', phone: 'x' }, admin)).rejects.toMatchObject({
      fields: [
        { field: 'name', message: 'Enter their name' },
        { field: 'email', message: expect.stringMatching(/correct format/) },
        { field: 'phone', message: expect.stringMatching(/phone number/) },
      ],
    })
    await expect(inviteCandidate(deps, { programme: 'nope', name: 'A', email: 'a@example.com' }, admin)).rejects.toMatchObject({
      fields: [{ field: 'programme', message: expect.any(String) }],
    })
    await expect(
      inviteCandidate(deps, { programme: programme.slug, name: 'A', email: 'a@example.com' }, { ...admin, role: 'coach' }),
    ).rejects.toMatchObject({ status: 403 })
  })
})
