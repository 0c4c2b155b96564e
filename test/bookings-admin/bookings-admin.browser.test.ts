/**
 * The programme team's and the coach's issue-13 pages in Chromium, with
 * JavaScript and without: /admin/bookings (filters and their error summary,
 * one booking and its timeline, moving it to another coach and cancelling it
 * with a reason), "did not attend" confirmed with a reason and then
 * corrected, a programme's pages saying why it is not bookable, and the
 * candidate's page past the cancellation cut-off. Every page axe-clean at
 * desktop width and at 320 px. The clock is on Monday 4 January 2027, 8am.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { TestClock } from '../helper.js'
import { launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { bookingBody, createCoach, createProgramme, postBooking, tokenOf } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'
import { createConversation } from '../notes/notes-fixtures.js'
import { book, bookingRow } from '../coach-changes/support.js'
import { errorLinks, expectGoodAtBothWidths, go, pageOf } from '../coach-changes/browser-support.js'

const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]

let server: ListeningTestApp
let browser: Browser
let adminCookie: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) }), launchBrowser()])
  adminCookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

describe.each([
  { javaScript: true, label: 'with JavaScript' },
  { javaScript: false, label: 'without JavaScript' },
])('the programme team’s bookings pages in Chromium, $label', ({ javaScript }) => {
  it('finds a booking, reads its timeline, moves one to another coach and cancels another with a reason', async () => {
    const pool = server.app.pg.pool
    const programme = await createProgramme(pool)
    const suffix = programme.slug.slice(-4)
    const ada = await createCoach(pool, programme, { name: `Ada Page${suffix}` })
    const morning = await book(server.app, programme, '2027-01-06T09:45:00.000Z', `morning-${suffix}@example.com`)
    const afternoon = await book(server.app, programme, '2027-01-06T14:15:00.000Z', `afternoon-${suffix}@example.com`)
    const bea = await createCoach(pool, programme, { name: `Bea Page${suffix}`, hours: MORNINGS })

    const { context, page, problems } = await pageOf(browser, server.baseUrl, { cookie: adminCookie, javaScript })
    try {
      await page.goto(`${server.baseUrl}/admin/bookings`)
      await expectGoodAtBothWidths(page, 'Bookings')

      // A search too short: the error summary, and the list is not shown.
      await page.getByLabel('Search for a booking or candidate').fill('ab')
      await go(page, 'button', 'Show bookings')
      await expectGoodAtBothWidths(page, 'Error: Bookings')
      expect(await errorLinks(page)).toEqual(['#q Enter 3 to 100 characters of a name, email address or booking reference'])

      // The programme's booked conversations with Ada.
      await page.getByLabel('Search for a booking or candidate').fill('')
      await page.getByLabel('Programme', { exact: true }).selectOption({ label: `Programme ${programme.slug}` })
      await page.getByLabel('Coach', { exact: true }).selectOption({ label: ada.name })
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Booked' })
      await go(page, 'button', 'Show bookings')
      expect(new URL(page.url()).searchParams.get('coach')).toBe(ada.id)
      await expectGoodAtBothWidths(page, 'Bookings')
      await expect(page.locator('#booking-list tbody tr').allTextContents()).resolves.toEqual([
        expect.stringContaining(morning.reference),
        expect.stringContaining(afternoon.reference),
      ])

      await go(page, 'link', morning.reference)
      await expectGoodAtBothWidths(page, `Booking ${morning.reference}`)
      await expect(page.locator('ol.app-timeline').textContent()).resolves.toMatch(/Booked/)

      // Moving needs a reason.
      await page.getByLabel('New coach').selectOption({ label: bea.name })
      await go(page, 'button', 'Move to another coach')
      await expectGoodAtBothWidths(page, `Error: Booking ${morning.reference}`)
      expect(await errorLinks(page)).toEqual(['#reassign-reason Enter why the conversation is moving to another coach'])
      expect(await bookingRow(server.app, morning.id)).toMatchObject({ coach_id: ada.id })
      await page.getByLabel('Why is it moving?').fill('Ada is at a training day')
      await go(page, 'button', 'Move to another coach')
      await expectGoodAtBothWidths(page, `Booking ${morning.reference}`)
      await expect(page.getByRole('status').textContent()).resolves.toContain('The conversation has moved to another coach')
      expect(await bookingRow(server.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id, sequence: 1 })
      const timeline = await page.locator('ol.app-timeline').textContent()
      expect(timeline).toContain('Ada is at a training day')
      expect(timeline).toContain(bea.name)

      // Cancelling needs a reason, then asks before it happens.
      await page.goto(`${server.baseUrl}/admin/bookings/${afternoon.id}`)
      await go(page, 'button', 'Cancel the conversation')
      await expectGoodAtBothWidths(page, `Error: Booking ${afternoon.reference}`)
      expect(await errorLinks(page)).toEqual(['#cancel-reason Enter why the conversation is cancelled'])
      await page.getByLabel('Why is it cancelled?').fill('The candidate phoned to say they have a new job')
      await go(page, 'button', 'Cancel the conversation')
      await expectGoodAtBothWidths(page, `Are you sure you want to cancel ${afternoon.reference}?`)
      expect(await bookingRow(server.app, afternoon.id)).toMatchObject({ status: 'booked' })
      await go(page, 'button', 'Yes, cancel the conversation')
      await expectGoodAtBothWidths(page, `Booking ${afternoon.reference}`)
      expect(await bookingRow(server.app, afternoon.id)).toMatchObject({ status: 'cancelled', cancellation_reason: 'The candidate phoned to say they have a new job' })
      await expect(page.locator('ol.app-timeline').textContent()).resolves.toContain('The candidate phoned to say they have a new job')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('asks a coach to confirm "did not attend" with a reason, then lets them correct it', async () => {
    const programme = await createProgramme(server.app.pg.pool)
    const coach = await createStaff(server.app, { role: 'coach', name: 'Amina Okafor' })
    await server.app.pg.query('INSERT INTO programme_coaches (programme_id, coach_id) VALUES ($1, $2)', [programme.id, coach.coachId])
    const candidate = javaScript ? 'Jo Bloggs' : 'Sam Jones'
    // An hour ago: over, so what happened can be recorded.
    const conversation = await createConversation(server.app, programme.id, coach.coachId!, '2027-01-04T07:00:00.000Z', { name: candidate })
    const outcome = async () =>
      (await server.app.pg.query('SELECT outcome, no_show_reason FROM conversation_outcomes WHERE booking_id = $1', [conversation.id])).rows[0]

    const { context, page, problems } = await pageOf(browser, server.baseUrl, { cookie: await startSession(server.app, coach.id), javaScript })
    try {
      await page.goto(`${server.baseUrl}/coach`)
      // Its name carries the candidate's in hidden text, for screen readers.
      await go(page, 'button', new RegExp(`^Did not attend\\W*${candidate}$`))
      await expectGoodAtBothWidths(page, `Confirm that ${candidate} did not attend`)
      expect(await outcome()).toBeUndefined()

      await go(page, 'button', 'Confirm did not attend')
      await expectGoodAtBothWidths(page, `Error: Confirm that ${candidate} did not attend`)
      expect(await errorLinks(page)).toEqual(['#noShowReason Select why they did not attend'])
      await page.getByLabel('Work', { exact: true }).check()
      await go(page, 'button', 'Confirm did not attend')
      expect(new URL(page.url()).pathname).toBe('/coach')
      expect(await outcome()).toEqual({ outcome: 'no_show', no_show_reason: 'work' })

      // They did come after all: corrected on the page.
      await page.goto(`${server.baseUrl}/coach/conversations/${conversation.id}/outcome`)
      await expectGoodAtBothWidths(page, 'Change what happened')
      await expect(page.locator('main').textContent()).resolves.toContain('You can change this until')
      await page.getByLabel('Held', { exact: true }).check()
      await go(page, 'button', 'Save what happened')
      expect(await outcome()).toEqual({ outcome: 'held', no_show_reason: null })
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('says why a programme is not bookable on its pages, and tells a candidate past the cut-off whom to contact', async () => {
    const pool = server.app.pg.pool
    const closed = await createProgramme(pool)
    const open = await createProgramme(pool)
    await createCoach(pool, open)
    await pool.query('UPDATE programmes SET cancellation_cutoff_hours = 48 WHERE id = $1', [open.id])
    // Tomorrow at 9am: 25 hours ahead, inside the 48-hour cut-off.
    const made = await postBooking(server.app, bookingBody(open, '2027-01-05T09:00:00.000Z', { candidate: { name: 'Kim Lee', email: `kim-${open.slug}@example.com` } }))
    expect(made.statusCode, made.body).toBe(201)

    const admin = await pageOf(browser, server.baseUrl, { cookie: adminCookie, javaScript })
    try {
      const { page } = admin
      await page.goto(`${server.baseUrl}/admin/programmes`)
      await expectGoodAtBothWidths(page, 'Programmes')
      const row = page.locator('tr', { hasText: `/book/${closed.slug}` })
      await expect(row.textContent()).resolves.toContain('Not bookable: no active coach is on this programme')
      await page.goto(`${server.baseUrl}/admin/programmes/${closed.id}`)
      await expectGoodAtBothWidths(page, `Change Programme ${closed.slug}`)
      await expect(page.locator('#not-bookable').textContent()).resolves.toContain('Not bookable: no active coach is on this programme')
      expect(admin.problems).toEqual([])
    } finally {
      await admin.context.close()
    }

    const candidate = await pageOf(browser, server.baseUrl, { javaScript })
    try {
      const { page } = candidate
      await page.goto(`${server.baseUrl}/bookings/manage/${tokenOf(made.json().manageUrl as string)}`)
      await expectGoodAtBothWidths(page, 'Your career conversation')
      await expect(page.locator('#change-cut-off').textContent()).resolves.toContain(
        'It is less than 48 hours before your conversation, so you can no longer change or cancel it online.',
      )
      await expect(page.getByRole('link', { name: 'Cancel booking' }).count()).resolves.toBe(0)
      expect(candidate.problems).toEqual([])
    } finally {
      await candidate.context.close()
    }
  })
})
