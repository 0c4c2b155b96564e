import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { createStaff, signedInBrowser } from '../support/staff.js'
import { joinBody, openOffers, postJoin } from './support.js'

/** The programme team's waitlist pages and API: the line in order, the time held, taking someone off (the time goes to the next). */
describe('the programme team and the waitlist', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000' })

  it('shows the line and takes someone off, passing the time held for them to the next person', async () => {
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    await createCoach(t.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const booked = await postBooking(t.app, bookingBody(programme, monday.plus({ days: 1 }).set({ hour: 9 }).toUTC().toISO()!))
    const first = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Fay First', email: 'fay@example.com' } }))
    t.clock.advance(60_000)
    const second = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Sid Second', email: 'sid@example.com' } }))
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booked.json().booking.id}/cancel`, headers: asCandidate(tokenOf(booked.json().manageUrl)), payload: {} })
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['fay@example.com'])

    const admin = await createStaff(t.app, { role: 'admin' })
    const browser = await signedInBrowser(t.app, admin.id)
    const list = await browser.get('/admin/waitlist')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain(`href="/admin/waitlist/${programme.slug}"`)
    const page = await browser.get(`/admin/waitlist/${programme.slug}`)
    expect(page.statusCode).toBe(200)
    expect(page.body.indexOf('Fay First')).toBeLessThan(page.body.indexOf('Sid Second'))
    expect(page.body).toContain('held until')

    // The admin API opens anyone's entry.
    const cookie = browser.cookie
    expect((await t.app.inject({ url: `/api/v1/waitlist/${second.json().entry.id}`, headers: { cookie } })).json().entry.candidate.name).toBe('Sid Second')

    const removed = await browser.post(`/admin/waitlist/${programme.slug}/${first.json().entry.id}/remove`, {}, { tokenFrom: `/admin/waitlist/${programme.slug}` })
    expect(removed.statusCode).toBe(303)
    const after = await browser.get(removed.headers.location as string)
    expect(after.body).toContain('Fay First has been taken off the waitlist')
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['sid@example.com'])
    expect((await t.app.inject({ url: `/api/v1/waitlist/${first.json().entry.id}`, headers: asCandidate(tokenOf(first.json().manageUrl)) })).json().entry.status).toBe('removed')
    const audit = await t.app.pg.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [first.json().entry.id])
    expect(audit.rows).toEqual([{ action: 'waitlist.remove' }])

    // Leaving with the API: the person's own token, DELETE.
    const left = await t.app.inject({ method: 'DELETE', url: `/api/v1/waitlist/${second.json().entry.id}`, headers: asCandidate(tokenOf(second.json().manageUrl)) })
    expect(left.json().entry).toMatchObject({ status: 'left', offer: null })
    await waitForIdleQueue(t.app)
    expect(await openOffers(t.app, programme.id)).toEqual([])
  })
})
