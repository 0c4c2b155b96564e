import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { pageBrowser } from '../support/staff.js'
import { generateToken } from '../../src/domain/booking/tokens.js'
import { emailsTo, joinBody, openOffers, postJoin, waitlistTokenIn } from './support.js'

/** The waitlist's pages without JavaScript: joining one question a page, the offer's one-step booking, saying no, changing, leaving. */
describe('the waitlist pages', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000' })
  const tuesday9 = () => monday.plus({ days: 1 }).set({ hour: 9 }).toUTC().toISO()!

  async function fullyBookedProgramme() {
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    await createCoach(t.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const booked = await postBooking(t.app, bookingBody(programme, tuesday9(), { candidate: { name: 'Ada First', email: 'ada@example.com' } }))
    expect(booked.statusCode).toBe(201)
    await t.smtp.waitFor(3) // Ada's confirmation and preparation, the coach's notice
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    return { programme, booked }
  }

  it('joins from a fully booked programme, one question a page, and books the offered time with one button', async () => {
    t.clock.set(monday.toJSDate())
    const { programme, booked } = await fullyBookedProgramme()
    const browser = pageBrowser(t.app)
    const day = await browser.get(`/book/${programme.slug}/day`)
    expect(day.body).toContain('There are no times available')
    expect(day.body).toContain(`href="/book/${programme.slug}/waitlist"`)
    const into = await browser.get(`/book/${programme.slug}/waitlist`)
    expect(into.headers.location).toBe(`/waitlist/${programme.slug}`)
    expect((await browser.get(`/waitlist/${programme.slug}`)).headers.location).toBe(`/waitlist/${programme.slug}/details`)
    // A later page before its turn goes back to the first unanswered one.
    expect((await browser.get(`/waitlist/${programme.slug}/check`)).headers.location).toBe(`/waitlist/${programme.slug}/details`)
    const base = `/waitlist/${programme.slug}`
    const post = (step: string, fields: Record<string, string | string[]>) => browser.post(`${base}/${step}`, fields, { tokenFrom: `${base}/details` })

    const noName = await post('details', { name: '', email: 'not-an-email' })
    expect(noName.statusCode).toBe(400)
    expect(noName.body).toContain('There is a problem')
    expect(noName.body).toContain('Enter your full name')
    expect((await post('details', { name: 'Ben Second', email: 'ben@example.com', phone: '' })).headers.location).toBe(`${base}/contact`)
    expect((await post('contact', {})).statusCode).toBe(400)
    // What would help them take part: asked as the booking journey asks it, with its limit.
    const contactPage = await browser.get(`${base}/contact`)
    expect(contactPage.body).toContain('Do you need anything to help you take part? (optional)')
    const tooLong = await post('contact', { contactMethod: 'video', accessibilityNeeds: 'x'.repeat(2001) })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.body).toContain('Accessibility needs must be 2,000 characters or fewer')
    const needs = 'Captions on the video call, please: I’m deaf'
    expect((await post('contact', { contactMethod: 'video', accessibilityNeeds: `  ${needs} ` })).headers.location).toBe(`${base}/days`)
    expect((await browser.get(`${base}/contact`)).body).toContain('I’m deaf</textarea>')
    const noDays = await post('days', {})
    expect(noDays.statusCode).toBe(400)
    expect(noDays.body).toContain('Select the days of the week that suit you')
    expect((await post('days', { days: ['2', '4'] })).headers.location).toBe(`${base}/times`)
    expect((await post('times', { partsOfDay: 'morning' })).headers.location).toBe(`${base}/dates`)
    const badDates = await post('dates', { 'from-day': '31', 'from-month': '2', 'from-year': '2027', 'to-day': '', 'to-month': '', 'to-year': '' })
    expect(badDates.statusCode).toBe(400)
    expect(badDates.body).toContain('must be a real date')
    const backwards = await post('dates', { 'from-day': '10', 'from-month': '3', 'from-year': '2027', 'to-day': '1', 'to-month': '3', 'to-year': '2027' })
    expect(backwards.body).toContain('The last date must be the same as or after the first date')
    expect((await post('dates', {})).headers.location).toBe(`${base}/information`)
    expect((await post('information', {})).statusCode).toBe(400)
    expect((await post('information', { consent: 'yes' })).headers.location).toBe(`${base}/check`)
    const check = await browser.get(`${base}/check`)
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Tuesdays and Thursdays')
    expect(check.body).toContain('Morning (UK time)')
    expect(check.body).toContain('Any date')
    expect(check.body).toMatch(/Help to take part\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*Captions on the video call, please: I’m deaf/)
    const joined = await post('check', {})
    expect(joined.headers.location).toBe(`${base}/confirmation`)
    const confirmation = await browser.get(`${base}/confirmation`)
    expect(confirmation.body).toContain('You are on the waitlist')
    const [email] = await t.smtp.waitFor(1)
    expect(email!.envelopeTo).toEqual(['ben@example.com'])
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    // Ada cancels: Ben is offered her time, and books it from the email's link in one step.
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booked.json().booking.id}/cancel`, headers: asCandidate(tokenOf(booked.json().manageUrl)), payload: {} })
    await waitForIdleQueue(t.app)
    await t.smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    const offerEmail = emailsTo(t.smtp.received, 'ben@example.com')[0]!
    const token = waitlistTokenIn(offerEmail)
    const place = await browser.get(`/waitlist/manage/${token}`)
    expect(place.body).toContain('A time is held for you')
    expect(place.body).toContain(needs)
    const offer = await browser.get(`/waitlist/manage/${token}/offer`)
    expect(offer.body).toContain('Book this time')
    expect(offer.body).toContain(needs)
    expect(offer.body).toContain(`${monday.plus({ days: 1 }).toFormat('cccc d LLLL yyyy')}, 9am to 9:45am (UK time)`)
    const bookedPage = await browser.post(`/waitlist/manage/${token}/offer/book`, {}, { tokenFrom: `/waitlist/manage/${token}/offer` })
    expect(bookedPage.statusCode).toBe(200)
    expect(bookedPage.body).toContain('Booking complete')
    // The booking carries what they said, so their coach is told as for any other booking.
    const { rows } = await t.app.pg.pool.query(`SELECT accessibility_needs FROM bookings WHERE candidate_email = 'ben@example.com'`)
    expect(rows).toEqual([{ accessibility_needs: needs }])
    await waitForIdleQueue(t.app)
    const coachNotice = t.smtp.received.find((email) => (email.parsed.text ?? '').includes('Ben Second has booked a career conversation with you'))
    expect(coachNotice?.parsed.text).toContain(`Accessibility needs: ${needs}`)
    const manageHref = /href="(\/bookings\/manage\/[A-Za-z0-9_-]{43})"/.exec(bookedPage.body)![1]!
    expect((await browser.get(manageHref)).statusCode).toBe(200)
    // Booked once only: the same button again says the time is no longer held.
    const again = await browser.post(`/waitlist/manage/${token}/offer/book`, {}, { tokenFrom: `${base}/details` })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('There is a problem')
    expect((await browser.get(`/waitlist/manage/${token}`)).body).toContain('You are no longer on the waitlist')
  })

  it('says no to an offer (it goes to the next person), changes what suits, and leaves', async () => {
    t.clock.set(monday.toJSDate())
    const { programme, booked } = await fullyBookedProgramme()
    const first = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Cleo', email: 'cleo@example.com' } }))
    t.clock.advance(60_000)
    await postJoin(t.app, joinBody(programme, { candidate: { name: 'Dev', email: 'dev@example.com' } }))
    await t.smtp.waitFor(2)
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booked.json().booking.id}/cancel`, headers: asCandidate(tokenOf(booked.json().manageUrl)), payload: {} })
    expect(cancelled.statusCode).toBe(200)
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['cleo@example.com'])
    const browser = pageBrowser(t.app)
    const token = tokenOf(first.json().manageUrl)
    const declined = await browser.post(`/waitlist/manage/${token}/offer/decline`, {}, { tokenFrom: `/waitlist/manage/${token}/offer` })
    expect(declined.statusCode).toBe(200)
    expect(declined.body).toContain('You said no to that time')
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['dev@example.com'])

    const bad = await browser.post(`/waitlist/manage/${token}/change`, { days: [], partsOfDay: 'evening' }, { tokenFrom: `/waitlist/manage/${token}/change` })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Select the parts of the day that suit you')
    const changed = await browser.post(`/waitlist/manage/${token}/change`, { days: ['1', '5'], partsOfDay: ['afternoon', 'early_evening'], 'to-day': '1', 'to-month': '6', 'to-year': String(monday.year + 1) }, { tokenFrom: `/waitlist/manage/${token}/change` })
    expect(changed.statusCode).toBe(200)
    expect(changed.body).toContain('Mondays and Fridays')
    expect(changed.body).toContain('Afternoon and early evening')
    const api = await t.app.inject({ url: `/api/v1/waitlist/${first.json().entry.id}`, headers: asCandidate(token) })
    expect(api.json().entry.preferences).toMatchObject({ days: [1, 5], partsOfDay: ['afternoon', 'early_evening'], from: null, to: `${monday.year + 1}-06-01` })

    const left = await browser.post(`/waitlist/manage/${token}/leave`, {}, { tokenFrom: `/waitlist/manage/${token}` })
    expect(left.body).toContain('You are no longer on the waitlist')
    expect((await t.app.inject({ url: `/api/v1/waitlist/${first.json().entry.id}`, headers: asCandidate(token) })).json().entry.status).toBe('left')
    expect((await browser.get('/waitlist/manage/not-a-real-link')).statusCode).toBe(404)
  })

  it('carries an invitation from its booking journey into the waitlist, on a programme for invited people only', async () => {
    t.clock.set(monday.toJSDate())
    const { programme } = await fullyBookedProgramme()
    await t.app.pg.query(`UPDATE programmes SET who_may_book = 'invited' WHERE id = $1`, [programme.id])
    const { token, hash } = generateToken()
    const invitation = await t.app.pg.query<{ id: string }>(
      `INSERT INTO invitations (programme_id, name, email, token_hash, status, created_at, updated_at, expires_at)
       VALUES ($1, 'Ivy Invited', 'ivy@example.com', $2, 'sent', now(), now(), now() + interval '60 days') RETURNING id`,
      [programme.id, hash],
    )
    const base = `/waitlist/${programme.slug}`
    // Without the invitation: refused where the address is given.
    const stranger = pageBrowser(t.app)
    await stranger.get(`/book/${programme.slug}/waitlist`)
    const refused = await stranger.post(`${base}/details`, { name: 'Stranger', email: 'stranger@example.com' }, { tokenFrom: `${base}/details` })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('only for people who have been invited')

    const browser = pageBrowser(t.app)
    expect((await browser.get(`/invitations/${token}`)).headers.location).toBe(`/book/${programme.slug}/day`)
    expect((await browser.get(`/book/${programme.slug}/waitlist`)).headers.location).toBe(base)
    // The invitation's name and address are filled in, to check.
    const details = await browser.get(`${base}/details`)
    expect(details.body).toContain('value="Ivy Invited"')
    expect(details.body).toContain('value="ivy@example.com"')
    const post = (step: string, fields: Record<string, string | string[]>) => browser.post(`${base}/${step}`, fields, { tokenFrom: `${base}/details` })
    expect((await post('details', { name: 'Ivy Invited', email: 'ivy@example.com' })).headers.location).toBe(`${base}/contact`)
    await post('contact', { contactMethod: 'video' })
    await post('days', { days: '2' })
    // Ivy lives in New York: the days and times of day are on her clock.
    expect((await browser.get(`${base}/times`)).body).toContain(`href="${base}/time-zone"`)
    expect((await post('time-zone', { otherTimeZone: 'Mars/Olympus' })).statusCode).toBe(400)
    expect((await post('time-zone', { otherTimeZone: 'America/New_York' })).headers.location).toBe(`${base}/times`)
    await post('times', { partsOfDay: 'morning' })
    await post('dates', {})
    await post('information', { consent: 'yes' })
    expect((await post('check', {})).headers.location).toBe(`${base}/confirmation`)
    const entry = await t.app.pg.query('SELECT invitation_id, candidate_time_zone FROM waitlist_entries WHERE candidate_email = $1 AND programme_id = $2', ['ivy@example.com', programme.id])
    expect(entry.rows).toEqual([{ invitation_id: invitation.rows[0]!.id, candidate_time_zone: 'America/New_York' }])
    await waitForIdleQueue(t.app)
  })
})
