/**
 * A booking's timeline for the programme team, from its whole
 * life through the real services: the invitation it answered (and who sent
 * it), the booking, the candidate moving it, each email sent, the notes
 * started and completed, the actions agreed, the outcome, and a candidate
 * changing an action's status with a comment; oldest first, each with who.
 * GET /api/v1/admin/bookings/:id and the page /admin/bookings/:id.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { insertInvitation } from '../../src/repositories/invitations.js'
import { bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, startSession } from '../support/staff.js'
import { anAction, asCandidate, asStaff } from '../notes/notes-fixtures.js'

interface Entry {
  at: string
  kind: string
  actor: string
  actorName: string | null
  [field: string]: unknown
}

describe('a booking’s timeline', () => {
  const clock = new TestClock(new Date('2027-01-04T08:00:00.000Z'))
  const t = useMailingTestApp({ clock })

  it('tells the whole life of a booking in order, with who did each thing', async () => {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const coach = await createCoach(pool, programme, { name: 'Amina Okafor' })
    const admin = await createStaff(t.app, { role: 'admin', name: 'Pat Team' })
    const link = generateToken()
    await insertInvitation(pool, {
      programmeId: programme.id,
      name: 'Jo Bloggs',
      email: 'jo.bloggs@example.com',
      phone: null,
      note: null,
      tokenHash: link.hash,
      createdById: admin.id,
      now: clock.now(),
      expiresAt: new Date('2027-02-01T00:00:00.000Z'),
    })

    clock.set('2027-01-04T09:00:00.000Z')
    const made = await postBooking(
      t.app,
      bookingBody(programme, '2027-01-06T09:00:00.000Z', { invitation: link.token, candidate: { name: 'Jo Bloggs', email: 'jo.bloggs@example.com' } }),
    )
    expect(made.statusCode, made.body).toBe(201)
    const bookingId = made.json().booking.id as string
    const token = tokenOf(made.json().manageUrl as string)
    await waitForIdleQueue(t.app)

    clock.set('2027-01-04T10:00:00.000Z')
    const moved = await asCandidate(t.app, token, 'POST', `/api/v1/bookings/${bookingId}/reschedule`, { start: '2027-01-06T09:45:00.000Z' })
    expect(moved.statusCode, moved.body).toBe(200)
    await waitForIdleQueue(t.app)

    // During the call: notes and an action; after it, the notes completed and the outcome.
    clock.set('2027-01-06T10:00:00.000Z')
    const coachCookie = await startSession(t.app, coach.staffUserId)
    const saved = await asStaff(t.app, coachCookie, 'PUT', `/api/v1/bookings/${bookingId}/notes`, { version: 0, values: { purpose: 'Find a route into nursing' } })
    expect(saved.statusCode, saved.body).toBe(200)
    clock.set('2027-01-06T10:20:00.000Z')
    const agreed = await asStaff(t.app, coachCookie, 'POST', `/api/v1/bookings/${bookingId}/actions`, anAction({ summary: 'Look at roles on NHS Jobs', owner: 'candidate' }))
    expect(agreed.statusCode, agreed.body).toBe(201)
    clock.set('2027-01-06T10:40:00.000Z')
    const completed = await asStaff(t.app, coachCookie, 'POST', `/api/v1/bookings/${bookingId}/notes/complete`, { version: 1 })
    expect(completed.statusCode, completed.body).toBe(200)
    await waitForIdleQueue(t.app)

    clock.set('2027-01-08T12:00:00.000Z')
    const status = await asCandidate(t.app, token, 'POST', `/api/v1/bookings/${bookingId}/actions/${agreed.json().id}/status`, { status: 'in_progress', comment: 'Found two to apply for' })
    expect(status.statusCode, status.body).toBe(200)

    const adminCookie = await startSession(t.app, admin.id)
    const detail = await asStaff(t.app, adminCookie, 'GET', `/api/v1/admin/bookings/${bookingId}`)
    expect(detail.statusCode, detail.body).toBe(200)
    const timeline = detail.json().timeline as Entry[]
    // Oldest first.
    const times = timeline.map((entry) => entry.at)
    expect(times).toEqual([...times].sort())

    const happenings = timeline.filter((entry) => !entry.kind.startsWith('email_'))
    expect(happenings.map((entry) => [entry.kind, entry.actor, entry.actorName])).toEqual([
      ['invited', 'admin', 'Pat Team'],
      ['booked', 'candidate', null],
      ['rescheduled', 'candidate', null],
      ['notes_started', 'coach', null],
      ['action_agreed', 'coach', 'Amina Okafor'],
      // Completing the notes is the conversation held: the booking's own step first, then the notes', then the outcome.
      ['completed', 'coach', 'Amina Okafor'],
      ['notes_completed', 'coach', 'Amina Okafor'],
      ['outcome_recorded', 'coach', 'Amina Okafor'],
      ['action_status_changed', 'candidate', null],
    ])
    expect(happenings.find((entry) => entry.kind === 'rescheduled')).toMatchObject({ startsAt: '2027-01-06T09:45:00.000Z', previousStartsAt: '2027-01-06T09:00:00.000Z' })
    expect(happenings.at(-1)).toMatchObject({ summary: 'Look at roles on NHS Jobs', from: 'not_started', to: 'in_progress', comment: 'Found two to apply for' })

    // Each email, to whom. (The worker stamps a send with the real time, and this test's clock is weeks ahead of it,
    // so where the emails fall among the rest is not checked here.)
    const emails = timeline.filter((entry) => entry.kind.startsWith('email_'))
    expect(emails.every((entry) => entry.kind === 'email_sent')).toBe(true)
    expect(emails).toContainEqual(expect.objectContaining({ to: 'candidate', subject: 'Your career conversation is booked' }))
    expect(emails.some((entry) => entry.to === 'staff')).toBe(true)

    // The page reads the same, in words.
    const page = await t.app.inject({ url: `/admin/bookings/${bookingId}`, headers: { cookie: adminCookie } })
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('Invited to book By the programme team (Pat Team)')
    expect(text).toContain('Action agreed: Look at roles on NHS Jobs')
    expect(text).toContain('Action now in progress: Look at roles on NHS Jobs By the candidate: “Found two to apply for”')
    expect(text).toContain('Notes completed and summary sent By the coach (Amina Okafor)')
    expect(text).not.toContain('Find a route into nursing')
  })
})
