import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { TestClock, buildTestApp, testConfig, useMailingTestApp } from '../helper.js'
import { runDueJobs, waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, countBy, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { joinBody, postJoin } from './support.js'

/**
 * Many times freeing at once, many people waiting, two instances each with a
 * worker: every freed time goes to someone, never one time to two people,
 * the people offered are the first in line, and each has one offer.
 */
describe('the waitlist under concurrency', () => {
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000' })
  let second: FastifyInstance

  beforeAll(async () => {
    // A second instance on the same database, running its own worker.
    second = (await buildTestApp({ databaseUrl: t.databaseUrl, clock: t.clock, runWorker: true, config: testConfig({ DATABASE_URL: t.databaseUrl, SMTP_URL: t.smtp.url, PUBLIC_URL: 'http://localhost:3000' }) })).app
  })
  afterAll(async () => {
    await second?.close()
  })

  it('gives six times freed at once to the first six in line, one each, and passes them on at the deadline', async () => {
    const programme = await createProgramme(t.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    // Three coaches, each free on Tuesday at 9am and 9:45am: six conversations.
    for (let i = 0; i < 3; i++) await createCoach(t.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 10 * 60 + 30 }] })
    const nine = monday.plus({ days: 1 }).set({ hour: 9 }).toUTC()
    const starts = [nine, nine, nine, nine.plus({ minutes: 45 }), nine.plus({ minutes: 45 }), nine.plus({ minutes: 45 })].map((start) => start.toISO()!)
    const bookings = []
    for (const [i, start] of starts.entries()) {
      const booked = await postBooking(t.app, bookingBody(programme, start, { candidate: { name: `Booked ${i}`, email: `booked${i}@example.com` } }))
      expect(booked.statusCode).toBe(201)
      bookings.push(booked.json())
    }
    const waiting = []
    for (let i = 0; i < 10; i++) {
      const joined = await postJoin(t.app, joinBody(programme, { candidate: { name: `Waiting ${i}`, email: `waiting${i}@example.com` }, preferences: { days: [2], partsOfDay: ['morning'], timeZone: 'Europe/London' } }))
      expect(joined.statusCode).toBe(201)
      waiting.push(joined.json())
      t.clock.advance(1000)
    }
    await waitForIdleQueue(t.app, 60_000)
    t.smtp.received.length = 0

    // All six cancelled at once, half through each instance.
    const cancelled = await Promise.all(
      bookings.map((booked, i) =>
        (i % 2 === 0 ? t.app : second).inject({ method: 'POST', url: `/api/v1/bookings/${booked.booking.id}/cancel`, headers: asCandidate(tokenOf(booked.manageUrl)), payload: {} }),
      ),
    )
    expect(cancelled.map((response) => response.statusCode)).toEqual(Array(6).fill(200))
    await waitForIdleQueue(t.app, 60_000)
    // A run that lost a race with a cancellation in flight passes down the line again; one that ran out of passes is retried by graphile-worker.
    await waitUntil(async () => (await offersNow(programme.id)).length >= 6)
    await waitForIdleQueue(t.app, 60_000)

    const offers = await offersNow(programme.id)
    expect(offers.filter((offer) => offer.status === 'open').map((offer) => offer.email).sort()).toEqual(waiting.slice(0, 6).map((_, i) => `waiting${i}@example.com`).sort())
    // Every offer holds its own coach's time: three at 9am, three at 9:45am, no coach twice at one time.
    expect(countBy(offers, (offer) => offer.startsAt.toISOString())).toEqual(countBy(starts, (start) => new Date(start).toISOString()))
    expect(new Set(offers.map((offer) => `${offer.coachId}@${offer.startsAt.toISOString()}`)).size).toBe(6)
    await t.smtp.waitFor(6 * 2 + 6) // each cancellation and its coach's notice, and the six offers
    await waitForIdleQueue(t.app, 60_000)
    expect(countBy(t.smtp.received.filter((email) => email.parsed.subject?.startsWith('A time for')), (email) => email.envelopeTo[0]!)).toEqual(
      Object.fromEntries(waiting.slice(0, 6).map((_, i) => [`waiting${i}@example.com`, 1])),
    )

    // Nobody takes them: at the deadlines the six times go round again, never to someone for a time they were offered before.
    const latest = Math.max(...offers.map((offer) => offer.expiresAt.getTime()))
    t.clock.set(new Date(latest + 60_000))
    await runDueJobs(t.app, t.clock.now(), 60_000)
    const after = await offersNow(programme.id)
    const open = after.filter((offer) => offer.status === 'open')
    expect(open).toHaveLength(6)
    expect(after.filter((offer) => offer.status === 'expired')).toHaveLength(6)
    const byPerson = new Map<string, string[]>()
    for (const offer of after) byPerson.set(offer.email, [...(byPerson.get(offer.email) ?? []), offer.startsAt.toISOString()])
    for (const offered of byPerson.values()) expect(new Set(offered).size).toBe(offered.length)
    // Those first in line are offered the other time; the last four wait (nobody earlier is skipped).
    expect(open.map((offer) => offer.email).sort()).toEqual(waiting.slice(0, 6).map((_, i) => `waiting${i}@example.com`).sort())
  }, 150_000) // two instances and many jobs: on a busy 2-core machine the whole story takes a while

  async function waitUntil(done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs
    while (!(await done())) {
      if (performance.now() > deadline) throw new Error('waited too long')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  async function offersNow(programmeId: string) {
    const { rows } = await t.app.pg.query<{ email: string; status: string; startsAt: Date; expiresAt: Date; coachId: string | null }>(
      `SELECT e.candidate_email AS email, o.status, o.starts_at AS "startsAt", o.expires_at AS "expiresAt",
              (SELECT b.coach_id FROM slot_holds b WHERE b.id = o.hold_id) AS "coachId"
         FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id WHERE o.programme_id = $1 ORDER BY o.offered_at, e.created_at`,
      [programmeId],
    )
    return rows
  }
})
