import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { codeFor } from '../../src/domain/email-proof/index.js'
import { joinBody, openOffers } from './support.js'

/**
 * POST /api/v1/waitlist passes the booking's gates (who may book, proof of
 * the address, the limits, with the abuse limits at their defaults here), and
 * the line follows what happens elsewhere: a booking made another way, new
 * hours, a coach joining.
 */
describe('joining the waitlist through the API', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000', defaultLimits: true })
  const ip = (n: number) => ({ remoteAddress: `10.0.0.${n}` })
  const join = (body: object, n: number) => t.app.inject({ method: 'POST', url: '/api/v1/waitlist', payload: body, ...ip(n) })

  it('answers bad input with 400, the field and the reason', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    const bad = await join(joinBody(programme, { preferences: { days: [], partsOfDay: ['night'], timeZone: 'Europe/London' } }), 1)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().fields.map((field: { field: string }) => field.field)).toEqual(expect.arrayContaining(['body.preferences.days']))
    const tooLong = await join(joinBody(programme, { accessibilityNeeds: 'x'.repeat(2001) }), 1)
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().fields.map((field: { field: string }) => field.field)).toEqual(['body.accessibilityNeeds'])
    const dates = await join(joinBody(programme, { preferences: { days: [1], partsOfDay: ['morning'], from: '2027-02-30', timeZone: 'Mars/Olympus' } }), 1)
    expect(dates.statusCode).toBe(400)
    expect(dates.json().fields).toEqual(
      expect.arrayContaining([
        { field: 'body.preferences.from', message: 'The date you can start from must be a real date' },
        { field: 'body.preferences.timeZone', message: 'Enter a real time zone, like Europe/London' },
      ]),
    )
  })

  it('refuses who may not book (403), an unproven address (422), and the address over its emails (429)', async () => {
    const invited = await createProgramme(t.app.pg.pool)
    await t.app.pg.query(`UPDATE programmes SET who_may_book = 'invited' WHERE id = $1`, [invited.id])
    expect((await join(joinBody(invited), 2)).json()).toMatchObject({ error: 'not_eligible' })

    const proving = await createProgramme(t.app.pg.pool)
    await t.app.pg.query(`UPDATE programmes SET asks_email_code = true WHERE id = $1`, [proving.id])
    const unproven = await join(joinBody(proving, { candidate: { name: 'Pat', email: 'pat@example.com' } }), 3)
    expect(unproven.statusCode).toBe(422)
    expect(unproven.json().error).toBe('email_not_proven')
    const asked = await t.app.inject({ method: 'POST', url: '/api/v1/email-codes', payload: { programme: proving.slug, email: 'pat@example.com' }, ...ip(3) })
    const { codeId } = asked.json() as { codeId: string }
    const wrong = await join(joinBody(proving, { candidate: { name: 'Pat', email: 'pat@example.com' }, emailCode: { codeId, code: '000000' === codeFor(codeId, t.app.config.SESSION_SECRET) ? '111111' : '000000' } }), 3)
    expect(wrong.json().error).toBe('email_code_wrong')
    const proven = await join(joinBody(proving, { candidate: { name: 'Pat', email: 'pat@example.com' }, emailCode: { codeId, code: codeFor(codeId, t.app.config.SESSION_SECRET) } }), 3)
    expect(proven.statusCode).toBe(201)

    // The confirmation counts against the address's booking emails (3 a day by default): the fourth join is refused.
    const open = await createProgramme(t.app.pg.pool)
    const saysNothing = joinBody(open, { candidate: { name: 'Lou', email: 'lou@example.com' } })
    const same = { ...saysNothing, accessibilityNeeds: 'A screen reader' }
    const first = await join(same, 4)
    expect(first.statusCode).toBe(201)
    expect(first.json().entry.accessibilityNeeds).toBe('A screen reader')
    // Joining again changes what they said (here: nothing, so none).
    const second = await join(saysNothing, 4)
    expect(second.json().entry.accessibilityNeeds).toBeNull()
    expect((await join(same, 4)).statusCode).toBe(201)
    const over = await join(same, 4)
    expect(over.statusCode).toBe(429)
    expect(over.headers['retry-after']).toBeDefined()
    await waitForIdleQueue(t.app)
    // Joining again kept one place in line.
    expect((await t.app.pg.query(`SELECT count(*)::int AS n FROM waitlist_entries WHERE candidate_email = 'lou@example.com'`)).rows[0].n).toBe(1)
  })

  it('takes someone who books another way off the line, and offers new hours and a new coach\'s times', async () => {
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    const coach = await createCoach(t.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const nine = monday.plus({ days: 1 }).set({ hour: 9 }).toUTC().toISO()!
    const booked = await postBooking(t.app, bookingBody(programme, nine, { candidate: { name: 'Ada', email: 'ada@example.com' } }))
    expect(booked.statusCode).toBe(201)
    const kim = await join(joinBody(programme, { candidate: { name: 'Kim', email: 'kim@example.com' }, preferences: { days: [2, 3], partsOfDay: ['morning'], timeZone: 'Europe/London' } }), 5)
    t.clock.advance(1000)
    const lee = await join(joinBody(programme, { candidate: { name: 'Lee', email: 'lee@example.com' }, preferences: { days: [3], partsOfDay: ['morning'], timeZone: 'Europe/London' } }), 6)
    await waitForIdleQueue(t.app)
    expect(await openOffers(t.app, programme.id)).toEqual([])

    // New hours: the coach adds Wednesday 9am. Kim (first in line, Wednesdays suit) is offered it.
    await t.app.pg.query('INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute) VALUES ($1, 3, $2, $3)', [coach.id, 9 * 60, 9 * 60 + 45])
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['kim@example.com'])

    // Kim books Tuesday's time another way (Ada cancels, Kim books it): Kim leaves the line, the Wednesday offer goes to Lee.
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${booked.json().booking.id}/cancel`, headers: asCandidate(tokenOf(booked.json().manageUrl)), payload: {}, ...ip(7) })
    await waitForIdleQueue(t.app)
    const kimBooks = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingBody(programme, nine, { candidate: { name: 'Kim', email: 'KIM@example.com' } }), ...ip(5) })
    expect(kimBooks.statusCode, kimBooks.body).toBe(201)
    await waitForIdleQueue(t.app)
    expect((await t.app.inject({ url: `/api/v1/waitlist/${kim.json().entry.id}`, headers: asCandidate(tokenOf(kim.json().manageUrl)) })).json().entry.status).toBe('booked')
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['lee@example.com'])

    // Max waits for Wednesday too: nothing is free. A coach joins the programme with Wednesday hours: Max is offered their time.
    await join(joinBody(programme, { candidate: { name: 'Max', email: 'max@example.com' }, preferences: { days: [3], partsOfDay: ['morning'], timeZone: 'Europe/London' } }), 8)
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['lee@example.com'])
    await createCoach(t.app.pg.pool, programme, { weekdays: [3], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['lee@example.com', 'max@example.com'])
    expect(lee.statusCode).toBe(201)
  })

  it('offers the time a booking moved away from', async () => {
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    await createCoach(t.app.pg.pool, programme, { weekdays: [2, 3], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const tuesday = monday.plus({ days: 1 }).set({ hour: 9 }).toUTC().toISO()!
    const wednesday = monday.plus({ days: 2 }).set({ hour: 9 }).toUTC().toISO()!
    const first = await postBooking(t.app, bookingBody(programme, tuesday, { candidate: { name: 'Mo', email: 'mo@example.com' } }))
    const second = await postBooking(t.app, bookingBody(programme, wednesday, { candidate: { name: 'Nell', email: 'nell@example.com' } }))
    expect([first.statusCode, second.statusCode]).toEqual([201, 201])
    await join(joinBody(programme, { candidate: { name: 'Ola', email: 'ola@example.com' }, preferences: { days: [2], partsOfDay: ['morning'], timeZone: 'Europe/London' } }), 9)
    await waitForIdleQueue(t.app)
    expect(await openOffers(t.app, programme.id)).toEqual([])
    // Nell cancels Wednesday; Mo moves from Tuesday to Wednesday: Tuesday is free, and Ola is offered it.
    await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${second.json().booking.id}/cancel`, headers: asCandidate(tokenOf(second.json().manageUrl)), payload: {}, ...ip(10) })
    const moved = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${first.json().booking.id}/reschedule`, headers: asCandidate(tokenOf(first.json().manageUrl)), payload: { start: wednesday }, ...ip(11) })
    expect(moved.statusCode, moved.body).toBe(200)
    await waitForIdleQueue(t.app)
    const offers = await openOffers(t.app, programme.id)
    expect(offers.map((offer) => [offer.email, offer.startsAt.toISOString()])).toEqual([['ola@example.com', new Date(tuesday).toISOString()]])
  })

  it('offers a time that comes into the booking window as the days pass (the hourly sweep)', async () => {
    t.clock.set(monday.toJSDate())
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 2 })
    await createCoach(t.app.pg.pool, programme, { weekdays: [4], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    await join(joinBody(programme, { candidate: { name: 'Pip', email: 'pip@example.com' }, preferences: { days: [4], partsOfDay: ['morning'], timeZone: 'Europe/London' } }), 12)
    await waitForIdleQueue(t.app)
    expect(await openOffers(t.app, programme.id)).toEqual([]) // Thursday is past the two days the programme books ahead
    t.clock.set(monday.plus({ days: 2 }).toJSDate())
    await t.app.jobs.add('waitlist-sweep', {})
    await waitForIdleQueue(t.app)
    expect((await openOffers(t.app, programme.id)).map((offer) => [offer.email, offer.startsAt.toISOString()])).toEqual([
      ['pip@example.com', monday.plus({ days: 3 }).set({ hour: 9 }).toUTC().toISO({ suppressMilliseconds: false })!.replace('+00:00', 'Z')],
    ])
  })
})
