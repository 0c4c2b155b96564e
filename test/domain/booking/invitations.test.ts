import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  inviteCandidate,
  issueInvitationLink,
  openInvitationLink,
  withdrawInvitation,
  type InvitationDeps,
  type InvitationRequest,
} from '../../../src/domain/booking/service/index.js'
import type { StaffPrincipal } from '../../../src/domain/booking/types.js'
import type { TestApp } from '../../helper.js'
import { bookingBody, buildTestAppWithCoach, postBooking, type ProgrammeFixture } from '../../support/booking-fixtures.js'
import { jobsWithPayloads } from '../../support/jobs.js'
import { insertProgramme } from '../../support/programmes.js'

describe('inviting candidates', () => {
  let t: TestApp
  let deps: InvitationDeps
  let programme: ProgrammeFixture
  let admin: InvitationRequest

  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach())
    deps = { ...t.app.deps, clock: t.clock }
    const { rows } = await t.app.pg.query(
      `INSERT INTO staff_users (email, name, role, password_hash) VALUES ('admin@invite.example', 'Priya Shah', 'admin', 'x') RETURNING id`,
    )
    const staff: StaffPrincipal = { userId: rows[0].id, role: 'admin', coachId: null, name: 'Priya Shah' }
    admin = { staff, via: 'api', ip: '192.0.2.7', requestId: 'req-1' }
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('invites once per programme and address, with its email job, and issues the link when the email is sent', async () => {
    const invitation = await inviteCandidate(deps, { programme: programme.slug, name: ' Sam Taylor ', email: 'Sam@Example.com ', note: 'Vaccinator, Leeds' }, admin)
    expect(invitation).toMatchObject({ name: 'Sam Taylor', email: 'sam@example.com', phone: null, note: 'Vaccinator, Leeds', status: 'sent' })
    expect(invitation.expiresAt.toISOString()).toBe('2026-05-01T08:00:00.000Z') // 60 days
    const jobs = (await jobsWithPayloads(t.app)).filter((job) => job.payload.invitationId === invitation.id)
    expect(jobs).toHaveLength(1)

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
      inviteCandidate(deps, { programme: programme.slug, name: 'A', email: 'a@example.com' }, { ...admin, staff: { ...admin.staff, role: 'coach' } }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('records each invitation and withdrawal in the audit log in the same transaction: no entry, no change', async () => {
    const invitation = await inviteCandidate(deps, { programme: programme.id, name: 'Lee', email: 'lee@example.com' }, admin)
    await withdrawInvitation(deps, invitation.id, admin)
    const { rows } = await t.app.pg.query(
      `SELECT actor, action, ip, request_id, details FROM audit_events WHERE subject_id = $1 ORDER BY occurred_at, id`,
      [invitation.id],
    )
    expect(rows).toEqual(
      ['invitation.created', 'invitation.withdrawn'].map((action) => ({
        actor: `staff:${admin.staff.userId}`,
        action,
        ip: '192.0.2.7',
        request_id: 'req-1',
        details: { programmeId: programme.id, via: 'api' },
      })),
    )
    // Withdrawing again changes nothing, so records nothing.
    await withdrawInvitation(deps, invitation.id, admin)
    const after = await t.app.pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1`, [invitation.id])
    expect(after.rows[0].n).toBe(2)

    const failingAudit: InvitationDeps = { ...deps, audit: { record: async () => Promise.reject(new Error('audit log unavailable')) } }
    await expect(inviteCandidate(failingAudit, { programme: programme.id, name: 'Kim', email: 'kim@example.com' }, admin)).rejects.toThrow(
      'audit log unavailable',
    )
    const kim = await t.app.pg.query(`SELECT count(*)::int AS n FROM invitations WHERE email = 'kim@example.com'`)
    expect(kim.rows[0].n).toBe(0)
    const { rows: invitations } = await t.app.pg.query<{ id: string }>(`SELECT id::text FROM invitations`)
    const known = new Set(invitations.map((row) => row.id))
    const orphans = (await jobsWithPayloads(t.app)).filter((job) => typeof job.payload.invitationId === 'string' && !known.has(job.payload.invitationId as string))
    expect(orphans).toEqual([])

    const ruth = await inviteCandidate(deps, { programme: programme.id, name: 'Ruth', email: 'ruth@example.com' }, admin)
    await expect(withdrawInvitation(failingAudit, ruth.id, admin)).rejects.toThrow('audit log unavailable')
    const stillSent = await t.app.pg.query(`SELECT status FROM invitations WHERE id = $1`, [ruth.id])
    expect(stillSent.rows[0].status).toBe('sent')
  })

  it('says a programme is closed, rather than that the link is wrong, when it stops taking bookings after the invitation', async () => {
    const closing = await insertProgramme(t.app.pg.pool, { slug: 'closing', name: 'Closing programme' })
    const invitation = await inviteCandidate(deps, { programme: closing.id, name: 'Ade', email: 'ade@example.com' }, admin)
    const url = await issueInvitationLink(t.app.pg.pool, invitation.id, 'https://cc.example', t.clock.now())
    const token = url!.split('/').pop()!
    expect(await openInvitationLink(deps, token)).toMatchObject({ usable: true })

    await t.app.pg.query('UPDATE programmes SET active = false WHERE id = $1', [closing.id])
    expect(await openInvitationLink(deps, token)).toEqual({ usable: false, problem: 'closed', programmeName: 'Closing programme' })
    for (const path of [`/invitations/${token}`, '/book/closing', '/book/closing/day']) {
      const page = await t.app.inject(path)
      expect(page.statusCode, path).toBe(404)
      expect(page.body, path).toContain('<h1>Not taking bookings at the moment</h1>')
      expect(page.body, path).toContain('Closing programme')
    }
    expect((await t.app.inject('/book/never-existed/day')).body).not.toContain('Not taking bookings')
  })
})
