import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { runDueJobs, waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, createCoach, createProgramme, listSlotStarts, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { takeOffer, declineOffer } from '../../src/domain/waitlist/offers.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { emailsTo, joinBody, openOffers, postJoin, waitForEmail, waitlistTokenIn } from './support.js'

const HOUR = 60 * 60 * 1000

/**
 * The whole waitlist with the real app, its worker, PostgreSQL and SMTP, and
 * a clock the test moves: a fully booked programme, people joining, a
 * cancellation offered to the first in line, an offer running out and going
 * to the next, an offer taken (a booking) and one declined.
 */
describe('the waitlist, from joining to booking an offered time', () => {
  // A Monday 8am a few weeks after the real date, so scheduled jobs stay in the database's future.
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000' })

  it('offers a freed time to the first person in line, then the next when the offer runs out, and books it in one step', async () => {
    t.clock.set(monday.toJSDate())
    // One time a week: Tuesdays 9am to 9:45am; a week ahead; an hour's notice.
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    await createCoach(t.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    const tuesday9 = monday.plus({ days: 1 }).set({ hour: 9 }).toUTC().toISO()!
    expect(await listSlotStarts(t.app, programme, monday.toISODate()!, monday.plus({ days: 7 }).toISODate()!)).toEqual([new Date(tuesday9).toISOString()])

    const booked = await postBooking(t.app, bookingBody(programme, tuesday9, { candidate: { name: 'Ada First', email: 'ada@example.com' } }))
    expect(booked.statusCode).toBe(201)
    await t.smtp.waitFor(3) // Ada's confirmation and preparation, the coach's notice
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    // Fully booked: two people join, Ben first; Cleo wants Tuesdays too; Dev only afternoons.
    const ben = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Ben Second', email: 'Ben@Example.com' } }))
    expect(ben.statusCode).toBe(201)
    expect(ben.json().entry).toMatchObject({ status: 'waiting', programme: programme.slug, candidate: { email: 'ben@example.com' }, offer: null })
    t.clock.advance(60_000)
    const cleo = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Cleo Third', email: 'cleo@example.com' }, preferences: { days: [2], partsOfDay: ['morning'], timeZone: 'Europe/London' } }))
    t.clock.advance(60_000)
    const dev = await postJoin(t.app, joinBody(programme, { candidate: { name: 'Dev Fourth', email: 'dev@example.com' }, preferences: { days: [2], partsOfDay: ['afternoon'], timeZone: 'Europe/London' } }))
    expect([cleo.statusCode, dev.statusCode]).toEqual([201, 201])
    const joined = await t.smtp.waitFor(3)
    await waitForIdleQueue(t.app)
    expect(joined.map((email) => email.parsed.subject)).toEqual(Array(3).fill('You are on the waitlist for a career conversation'))
    const benJoined = emailsTo(joined, 'ben@example.com')[0]!
    expect(benJoined.parsed.text).toContain('Mondays, Tuesdays, Wednesdays, Thursdays and Fridays')
    expect(benJoined.parsed.text).toContain('Morning and afternoon')
    // The link in the email opens Ben's place, and only his.
    const benId = ben.json().entry.id as string
    expect((await t.app.inject({ url: `/api/v1/waitlist/${benId}`, headers: asCandidate(waitlistTokenIn(benJoined)) })).statusCode).toBe(200)
    expect((await t.app.inject({ url: `/api/v1/waitlist/${benId}`, headers: asCandidate(tokenOf(cleo.json().manageUrl)) })).statusCode).toBe(404)
    expect((await t.app.inject({ url: `/api/v1/waitlist/${benId}` })).statusCode).toBe(401)
    expect(await openOffers(t.app, programme.id)).toEqual([])
    t.smtp.received.length = 0

    // Ada cancels: the time goes to Ben (first in line), held for him as a waitlist offer for 12 hours.
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${booked.json().booking.id}/cancel`,
      headers: asCandidate(tokenOf(booked.json().manageUrl)),
      payload: {},
    })
    expect(cancelled.statusCode).toBe(200)
    await waitForIdleQueue(t.app)
    const offeredToBen = await t.smtp.waitFor(2) // Ada's cancellation (and the coach's notice) may come too
    await waitForIdleQueue(t.app)
    const benOffer = emailsTo(t.smtp.received, 'ben@example.com')
    expect(benOffer).toHaveLength(1)
    expect(benOffer[0]!.parsed.subject).toBe('A time for your career conversation is held for you')
    expect(benOffer[0]!.parsed.text).toContain(`Date and time: ${monday.plus({ days: 1 }).toFormat('cccc d LLLL yyyy')}, 9am to 9:45am (UK time)`)
    // Less than 12 hours: half the time left before the programme's notice (Tuesday 8am), so the next person has time too.
    const deadline = DateTime.fromMillis((t.clock.now().getTime() + new Date(tuesday9).getTime() - HOUR) / 2, { zone: 'Europe/London' })
    expect(deadline.toFormat('h:mma').toLowerCase()).toBe('8:01pm')
    expect(benOffer[0]!.parsed.text).toContain(`until 8:01pm on ${monday.toFormat('cccc d LLLL yyyy')} (UK time)`)
    expect(emailsTo(t.smtp.received, 'cleo@example.com')).toEqual([])
    void offeredToBen
    const offers = await openOffers(t.app, programme.id)
    expect(offers).toMatchObject([{ email: 'ben@example.com', holdKind: 'waitlist_offer' }])
    expect(offers[0]!.expiresAt.toISOString()).toBe(deadline.toUTC().toISO())
    expect(offers[0]!.holdExpiresAt!.toISOString()).toBe(deadline.toUTC().toISO())
    // Held: nobody else sees or can book it.
    expect(await listSlotStarts(t.app, programme, monday.toISODate()!, monday.plus({ days: 7 }).toISODate()!)).toEqual([])
    expect((await postBooking(t.app, bookingBody(programme, tuesday9, { candidate: { name: 'Eve', email: 'eve@example.com' } }))).statusCode).toBe(409)
    expect((await t.app.inject({ url: `/api/v1/waitlist/${benId}`, headers: asCandidate(tokenOf(ben.json().manageUrl)) })).json().entry.offer).toEqual({
      start: new Date(tuesday9).toISOString(),
      end: new Date(new Date(tuesday9).getTime() + 45 * 60_000).toISOString(),
      expiresAt: offers[0]!.expiresAt.toISOString(),
    })
    t.smtp.received.length = 0

    // Ben lets the deadline pass: Cleo (next in line whom it suits) is offered it; Dev (afternoons) never.
    t.clock.set(deadline.plus({ minutes: 1 }).toJSDate())
    await runDueJobs(t.app, t.clock.now())
    const toCleo = await t.smtp.waitFor(1)
    expect(toCleo.map((email) => email.envelopeTo)).toEqual([['cleo@example.com']])
    const cleoToken = waitlistTokenIn(toCleo[0]!)
    expect(toCleo[0]!.parsed.text).toContain(`http://localhost:3000/waitlist/manage/${cleoToken}/offer`)
    expect((await openOffers(t.app, programme.id)).map((offer) => offer.email)).toEqual(['cleo@example.com'])
    // Ben is still waiting, and is not offered the same time again.
    expect((await t.app.inject({ url: `/api/v1/waitlist/${benId}`, headers: asCandidate(tokenOf(ben.json().manageUrl)) })).json().entry).toMatchObject({ status: 'waiting', offer: null })
    t.smtp.received.length = 0

    // Cleo books it with her link: one step, a booking with her details, and she leaves the line.
    const deps = t.app.deps
    const taken = await takeOffer(deps, cleoToken)
    await expect(takeOffer(deps, cleoToken)).rejects.toMatchObject({ code: 'offer_ended' })
    const booking = await t.app.inject({ url: `/api/v1/bookings/${taken.bookingId}`, headers: asCandidate(taken.manageToken) })
    expect(booking.json().booking).toMatchObject({ status: 'booked', start: new Date(tuesday9).toISOString(), candidate: { name: 'Cleo Third', email: 'cleo@example.com' } })
    // Her confirmation, whichever of the booking's emails comes first.
    expect((await waitForEmail(t.smtp, 'cleo@example.com', 'Your career conversation is booked')).parsed.text).toContain('Cleo Third')
    const cleoId = cleo.json().entry.id as string
    expect((await t.app.inject({ url: `/api/v1/waitlist/${cleoId}`, headers: asCandidate(cleoToken) })).json().entry.status).toBe('booked')
    await waitForIdleQueue(t.app)
    expect(await openOffers(t.app, programme.id)).toEqual([])
    // Declining with no offer open says so.
    await expect(declineOffer(deps, tokenOf(ben.json().manageUrl))).rejects.toMatchObject({ code: 'offer_ended' })

    // The programme report's waitlist figures: Ben and Dev waiting, Cleo booked from an offer, Ben's expired.
    const { admin } = await adminAndCoachSessions(t.app)
    const period = `from=${monday.minus({ days: 7 }).toISODate()}&to=${monday.plus({ days: 7 }).toISODate()}`
    const report = await t.app.inject({ url: `/api/v1/reports/programme?programme=${programme.slug}&${period}`, headers: { cookie: admin } })
    expect(report.statusCode).toBe(200)
    expect(report.json().waitlist).toMatchObject({
      waitingNow: 2,
      withOfferNow: 0,
      joined: 3,
      left: { booked: 1, left: 0, removed: 0, ended: 0 },
      daysWaitedBeforeBooking: { count: 1 },
      offers: { made: 2, taken: 1, declined: 0, expired: 1, withdrawn: 0, open: 0 },
    })
    expect(report.json().waitlist.daysWaitedBeforeBooking.median).toBeCloseTo(0.5, 1)
  })
})
