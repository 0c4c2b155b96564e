import { describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { TestClock, useMailingTestApp } from '../helper.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { asCandidate, bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'

/** Emails caused by the real booking service, through its API. */
describe('emails from booking, moving and cancelling through the API', () => {
  // A Monday a few weeks after the real date, so scheduled jobs stay in the database's future.
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })
  const t = useMailingTestApp({ clock: new TestClock(monday.toJSDate()), publicUrl: 'http://localhost:3000' })

  it('tells both coaches when a move goes to another coach, and the candidate once', async () => {
    const programme = await createProgramme(t.app.pg.pool)
    await createCoach(t.app.pg.pool, programme, { name: 'Morgan Mornings', hours: [{ start: 9 * 60, end: 12 * 60 }] })
    await createCoach(t.app.pg.pool, programme, { name: 'Avery Afternoons', hours: [{ start: 13 * 60, end: 17 * 60 }] })
    const nineAm = monday.plus({ days: 7, hours: 1 }).toUTC().toISO()!
    const created = await postBooking(t.app, bookingBody(programme, nineAm, { candidate: { name: 'Jo Bloggs', email: 'jo@example.com' } }))
    expect(created.statusCode).toBe(201)
    expect(created.json().booking.coachFirstName).toBe('Morgan')
    await t.smtp.waitFor(2) // the confirmation and the coach's notice; preparation is scheduled for later
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0

    const onePm = monday.plus({ days: 8, hours: 5 }).toUTC().toISO()!
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/bookings/${created.json().booking.id}/reschedule`,
      headers: asCandidate(tokenOf(created.json().manageUrl)),
      payload: { start: onePm },
    })
    expect(moved.statusCode).toBe(200)
    const received = await t.smtp.waitFor(3)
    await waitForIdleQueue(t.app)
    const bySubject = Object.fromEntries(received.map((m) => [m.parsed.subject, m]))
    expect(Object.keys(bySubject).sort()).toEqual([
      'Career conversation moved to another coach',
      'New career conversation booked',
      'Your career conversation has changed',
    ])
    const movedAway = bySubject['Career conversation moved to another coach']!
    expect(movedAway.parsed.text).toContain('Dear Morgan')
    expect(movedAway.parsed.text).toContain(`${monday.plus({ days: 7 }).toFormat('cccc d LLLL yyyy')}, 9am to 9:45am (UK time)`)
    expect(movedAway.raw).toMatch(/method=CANCEL/i)
    expect(bySubject['New career conversation booked']!.parsed.text).toContain('Dear Avery')
    expect(received).toHaveLength(3)
  })
})
