/**
 * The programme team's bookings: /admin/bookings and
 * GET /api/v1/admin/bookings(/:id). Filters and search, keyset pages that
 * neither repeat nor miss a booking made meanwhile, one booking's timeline
 * in order, and moving or cancelling it from the page with a reason (over
 * real SMTP: the candidate and coaches are emailed), without JavaScript.
 */
import { describe, expect, it } from 'vitest'
import { TestClock, useMailingTestApp } from '../helper.js'
import { mailSeen, book, bookingRow } from '../coach-changes/support.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { createStaff, signedInBrowser } from '../support/staff.js'

describe('bookings for the programme team', () => {
  const t = useMailingTestApp({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) })

  /** Ada holds the bookings; Bea joins after them (or, with `together`, before: the bookings share out). */
  async function setUp(starts: string[], { together = false } = {}) {
    const pool = t.app.pg.pool
    const programme = await createProgramme(pool)
    const ada = await createCoach(pool, programme, { name: `Ada ${programme.slug.slice(-4)}` })
    const early = together ? await createCoach(pool, programme, { name: `Bea ${programme.slug.slice(-4)}` }) : null
    const bookings = []
    for (const [i, start] of starts.entries()) bookings.push(await book(t.app, programme, start, `p${i}-${programme.slug}@example.com`))
    const bea = early ?? (await createCoach(pool, programme, { name: `Bea ${programme.slug.slice(-4)}` }))
    const admin = await createStaff(t.app, { role: 'admin' })
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    return { programme, ada, bea, bookings, admin: await signedInBrowser(t.app, admin.id) }
  }

  const api = async (cookie: string, url: string) => {
    const response = await t.app.inject({ url, headers: { cookie } })
    return { status: response.statusCode, body: response.json() }
  }

  it('filters, searches and walks the list by keyset without repeating or missing a booking made meanwhile', async () => {
    const starts = ['2027-01-06T09:00:00.000Z', '2027-01-06T09:45:00.000Z', '2027-01-06T10:30:00.000Z', '2027-01-07T09:00:00.000Z', '2027-01-07T09:45:00.000Z']
    const { programme, ada, bookings, admin } = await setUp(starts, { together: true })
    const base = `/api/v1/admin/bookings?programme=${programme.slug}`

    const all = await api(admin.cookie, base)
    expect(all.status).toBe(200)
    expect(all.body.bookings.map((b: { reference: string }) => b.reference)).toEqual(bookings.map((b) => b.reference))
    expect(all.body.bookings[0]).toMatchObject({ status: 'booked', start: starts[0], coach: { active: true }, programme: { slug: programme.slug } })
    expect(all.body.nextCursor).toBeNull()

    // Two at a time; a booking made between the pages, before the cursor and after it.
    const first = await api(admin.cookie, `${base}&limit=2`)
    expect(first.body.bookings.map((b: { id: string }) => b.id)).toEqual([bookings[0]!.id, bookings[1]!.id])
    const early = await book(t.app, programme, '2027-01-06T09:00:00.000Z', `early-${programme.slug}@example.com`)
    const late = await book(t.app, programme, '2027-01-07T10:30:00.000Z', `late-${programme.slug}@example.com`)
    const seen = first.body.bookings.map((b: { id: string }) => b.id)
    let cursor = first.body.nextCursor as string | null
    while (cursor) {
      const page = await api(admin.cookie, `${base}&limit=2&cursor=${cursor}`)
      expect(page.status).toBe(200)
      seen.push(...page.body.bookings.map((b: { id: string }) => b.id))
      cursor = page.body.nextCursor
    }
    // Each row once; the one made behind the cursor belongs to pages already read, the later one is found.
    expect(seen).toEqual([bookings[0]!.id, bookings[1]!.id, bookings[2]!.id, bookings[3]!.id, bookings[4]!.id, late.id])
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).not.toContain(early.id)

    const latestFirst = await api(admin.cookie, `${base}&sort=-start&limit=1`)
    expect(latestFirst.body.bookings[0].id).toBe(late.id)
    const wrongOrder = await api(admin.cookie, `${base}&limit=1&cursor=${latestFirst.body.nextCursor}`)
    expect(wrongOrder.status).toBe(400)
    expect(wrongOrder.body.fields).toEqual([{ field: 'querystring.cursor', message: expect.stringContaining('another order') }])

    // Dates (UK days), status, coach, and the search by reference, name or email.
    const thursday = await api(admin.cookie, `${base}&from=2027-01-07&to=2027-01-07`)
    expect(thursday.body.bookings.map((b: { id: string }) => b.id)).toEqual([bookings[3]!.id, bookings[4]!.id, late.id])
    await t.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'admin' WHERE id = $1`, [bookings[2]!.id])
    const cancelled = await api(admin.cookie, `${base}&status=cancelled`)
    expect(cancelled.body.bookings.map((b: { id: string }) => b.id)).toEqual([bookings[2]!.id])
    const byCoach = await api(admin.cookie, `/api/v1/admin/bookings?coach=${ada.id}&from=2027-01-07&to=2027-01-07`)
    expect(byCoach.body.bookings.length).toBeGreaterThanOrEqual(1)
    expect(byCoach.body.bookings.every((b: { coach: { id: string } }) => b.coach.id === ada.id)).toBe(true)
    for (const q of [bookings[1]!.reference.toLowerCase(), `p1-${programme.slug}`, `Candidate p1-${programme.slug}`.toUpperCase()]) {
      const found = await api(admin.cookie, `/api/v1/admin/bookings?q=${encodeURIComponent(q)}`)
      expect(found.body.bookings.map((b: { id: string }) => b.id), q).toEqual([bookings[1]!.id])
    }
    const refused = await api(admin.cookie, '/api/v1/admin/bookings?q=ab&coach=00000000-0000-4000-8000-000000000000&programme=nope')
    expect(refused.status).toBe(400)
    expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['querystring.programme', 'querystring.coach', 'querystring.q'])
    expect((await api(admin.cookie, '/api/v1/admin/bookings?from=2027-02-30')).status).toBe(400)

    // The page: the same list, search and the "more" link.
    const page = await admin.get(`/admin/bookings?programme=${programme.id}&from=2027-01-06&status=booked`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(bookings[0]!.reference)
    expect(page.body).not.toContain(bookings[2]!.reference)
    expect(page.body).toContain(`href="/admin/bookings/${bookings[0]!.id}"`)
    const bad = await admin.get('/admin/bookings?q=ab')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('There is a problem')
    expect(bad.body).toContain('href="#q"')
    // Opened plain: from today on.
    const plain = await admin.get('/admin/bookings')
    expect(plain.body).toContain('value="2027-01-04"')

    // An API token with bookings:read reads both routes.
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin.cookie }, payload: { name: 'Reporting', scopes: ['bookings:read'] } })
    expect(created.statusCode, created.body).toBe(201)
    const bearer = { authorization: `Bearer ${created.json().token}` }
    expect((await t.app.inject({ url: `${base}&limit=1`, headers: bearer })).statusCode).toBe(200)
    expect((await t.app.inject({ url: `/api/v1/admin/bookings/${bookings[0]!.id}`, headers: bearer })).statusCode).toBe(200)
  })

  it('one booking: its timeline in order; moved to another coach and then cancelled from the page, each with a reason', async () => {
    const { programme, ada, bea, bookings, admin } = await setUp(['2027-01-06T09:00:00.000Z'])
    const booking = bookings[0]!
    const url = `/admin/bookings/${booking.id}`

    const missing = await admin.post(`${url}/reassign`, { coachId: '', reason: '' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('There is a problem')
    expect(missing.body).toContain('href="#reassign-reason"')

    const moved = await admin.post(`${url}/reassign`, { coachId: bea.id, reason: 'Ada is on a course' })
    expect(moved.statusCode).toBe(303)
    expect(moved.headers.location).toBe(`${url}?done=reassigned`)
    expect(await bookingRow(t.app, booking.id)).toMatchObject({ status: 'booked', coach_id: bea.id })
    await t.smtp.waitFor(3)
    await waitForIdleQueue(t.app)
    const coachEmail = async (id: string) =>
      (await t.app.pg.query('SELECT s.email FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id WHERE c.id = $1', [id])).rows[0].email as string
    const candidate = `p0-${programme.slug}@example.com`
    const [adaEmail, beaEmail] = [await coachEmail(ada.id), await coachEmail(bea.id)]
    const moves = t.smtp.received.map(mailSeen)
    expect(moves.map((m) => m.to).sort()).toEqual([adaEmail, beaEmail, candidate].sort())
    expect(moves.find((m) => m.to === adaEmail)?.method).toBe('CANCEL')
    expect(moves.find((m) => m.to === beaEmail)?.method).toBe('REQUEST')
    t.smtp.received.length = 0

    const noReason = await admin.post(`${url}/cancel`, { reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('href="#cancel-reason"')
    const check = await admin.post(`${url}/cancel`, { reason: 'Candidate asked by phone' })
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Are you sure you want to cancel this conversation?')
    expect(await bookingRow(t.app, booking.id)).toMatchObject({ status: 'booked' })
    const cancelled = await admin.post(`${url}/cancel`, { reason: 'Candidate asked by phone', confirm: 'yes' })
    expect(cancelled.statusCode).toBe(303)
    expect(await bookingRow(t.app, booking.id)).toMatchObject({ status: 'cancelled', cancelled_by: 'admin', cancellation_reason: 'Candidate asked by phone' })
    await t.smtp.waitFor(2)
    await waitForIdleQueue(t.app)
    const cancels = t.smtp.received.map(mailSeen)
    expect(cancels.map((m) => m.to).sort()).toEqual([beaEmail, candidate].sort())
    expect(cancels.find((m) => m.to === beaEmail)?.method).toBe('CANCEL')

    // The timeline, oldest first, in the API and on the page.
    const detail = await t.app.inject({ url: `/api/v1/admin/bookings/${booking.id}`, headers: { cookie: admin.cookie } })
    expect(detail.statusCode).toBe(200)
    const timeline = detail.json().timeline as { at: string; kind: string; reason?: string; actor: string }[]
    // (Emails carry the wall clock's time, before this test's clock: only the booking's own events are compared.)
    const kinds = timeline.map((e) => e.kind).filter((kind) => !kind.startsWith('email_'))
    expect(kinds[0]).toBe('booked')
    expect(kinds.indexOf('reassigned')).toBeGreaterThan(0)
    expect(timeline.map((e) => e.kind)).toContain('email_sent')
    expect(kinds.indexOf('cancelled')).toBeGreaterThan(kinds.indexOf('reassigned'))
    expect(timeline.find((e) => e.kind === 'cancelled')).toMatchObject({ actor: 'admin', reason: 'Candidate asked by phone' })
    expect([...timeline].sort((a, b) => a.at.localeCompare(b.at)).map((e) => e.at)).toEqual(timeline.map((e) => e.at))
    const page = await admin.get(url)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Coach changed')
    expect(page.body).toContain('Reason: Ada is on a course')
    expect(page.body).not.toContain('action="' + url + '/cancel"')
    const audit = await t.app.pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'booking.viewed' AND subject_id = $1`, [booking.id])
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(2)
    expect((await t.app.inject({ url: '/api/v1/admin/bookings/00000000-0000-4000-8000-000000000000', headers: { cookie: admin.cookie } })).statusCode).toBe(404)
  })

  it('a booking nobody else is free to take stays with its coach, and the page says so', async () => {
    const { bea, bookings, admin } = await setUp(['2027-01-06T09:00:00.000Z'])
    await t.app.pg.query('UPDATE staff_users SET active = false WHERE id = $1', [bea.staffUserId])
    const url = `/admin/bookings/${bookings[0]!.id}`
    const page = await admin.get(url)
    expect(page.body).toContain('The fairest coach free at that time')
    expect(page.body).not.toContain(`value="${bea.id}"`)
    const refused = await admin.post(`${url}/reassign`, { coachId: '', reason: 'Ada is ill' })
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toContain('There is a problem')
    expect(refused.body).toContain('No other coach on this programme is free at that time')
    expect(refused.body).toContain('href="#reassign-coach"')
    expect((await bookingRow(t.app, bookings[0]!.id)).status).toBe('booked')
    expect(t.smtp.received).toHaveLength(0)
  })
})
