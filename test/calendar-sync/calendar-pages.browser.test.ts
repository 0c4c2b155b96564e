import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { connectSubscription } from '../../src/domain/calendar-sync/sync.js'
import { calendarSyncDeps } from '../../src/jobs/calendar-sync.js'
import { createProgramme, insertBookingRow } from '../support/booking-fixtures.js'
import { clickToNavigate, expectGoodPage, launchBrowser, signedInPage, startTestServer, watchForProblems, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { calendarFile, vevent } from './calendar-files.js'
import { startIcsServer, type IcsServer } from './ics-server.js'

/**
 * The calendar page in Chromium: a coach connects a calendar and makes their
 * feed address with JavaScript switched off (every step a form), at 320 px
 * and on a desktop; axe on each page, with and without errors; an admin's
 * page for the coach; the admin's page for a booking the coach's calendar
 * clashes with.
 */
describe('the calendar page in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let ics: IcsServer
  let coach: TestStaff
  let admin: TestStaff

  beforeAll(async () => {
    ;[server, browser, ics] = await Promise.all([startTestServer(), launchBrowser(), startIcsServer()])
    coach = await createStaff(server.app, { role: 'coach', name: 'Alex Morgan' })
    admin = await createStaff(server.app, { role: 'admin' })
    ics.files.set('/alex.ics', { body: calendarFile(vevent(['UID:clinic', 'DTSTART;TZID=Europe/London:20260303T100000', 'DTEND;TZID=Europe/London:20260303T120000', 'RRULE:FREQ=WEEKLY'])) })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
    await ics?.close()
  })

  /** Without JavaScript the page's scripts cannot run, axe included: the title and the words are checked here, axe below. */
  const expectTitle = async (page: Page, title: string) => expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)

  it.each([320, 1024])('works without JavaScript at %i px: connect a calendar, see an error, make a feed address', async (width) => {
    const cookie = await startSession(server.app, coach.id)
    const [name, value] = cookie.split('=') as [string, string]
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false })
    await context.addCookies([{ name, value, url: server.baseUrl }])
    const page = await context.newPage()
    const problems = watchForProblems(page)
    try {
      await page.goto(`${server.baseUrl}/coach/availability`)
      await Promise.all([page.waitForNavigation(), page.locator('main a[href="/coach/availability/calendar"]').click()])
      await expectTitle(page, 'Your calendar')

      await page.getByLabel(/Subscription address/).fill(`${ics.url}/nothing-here.ics`)
      await clickToNavigate(page, 'button', 'Connect this address')
      await expectTitle(page, 'Error: Your calendar')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('There is no calendar at that address')

      await page.getByLabel(/Subscription address/).fill(`${ics.url}/alex.ics`)
      await clickToNavigate(page, 'button', 'Connect this address')
      await expectTitle(page, 'Your calendar')
      const main = (await page.locator('main').textContent()) ?? ''
      expect(main).toContain('Calendar connected')
      expect(main).toMatch(/8 in the next 56 days/)

      await clickToNavigate(page, 'button', width === 320 ? 'Get a calendar address' : 'Get a new address')
      await expectTitle(page, 'Your calendar')
      await expect(page.getByLabel('Your calendar address').inputValue()).resolves.toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
      await page.getByLabel(/Their full name/).check()
      await clickToNavigate(page, 'button', 'Save')
      await expect(page.locator('main').textContent()).resolves.toContain('Saved what your calendar address shows')
      await expect(page.getByLabel(/Their full name/).isChecked()).resolves.toBe(true)

      // A details element: it opens without JavaScript too.
      await page.locator('summary', { hasText: 'Connect with CalDAV instead' }).click()
      await clickToNavigate(page, 'button', 'Connect with CalDAV')
      await expectTitle(page, 'Error: Your calendar')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Enter the CalDAV server address')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it.each([320, 1024])('has no accessibility problems at %i px: connected, with a feed, with errors', async (width) => {
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, coach.id), width)
    try {
      await page.goto(`${server.baseUrl}/coach/availability`)
      await expectGoodPage(page, 'Your availability')
      await page.goto(`${server.baseUrl}/coach/availability/calendar`)
      await expectGoodPage(page, 'Your calendar')
      await clickToNavigate(page, 'button', 'Connect this address')
      await expectGoodPage(page, 'Error: Your calendar')
      await page.locator('summary', { hasText: 'Connect with CalDAV instead' }).click()
      await page.getByLabel('CalDAV server address').fill(`http://127.0.0.1:1/`)
      await clickToNavigate(page, 'button', 'Connect with CalDAV')
      await expectGoodPage(page, 'Error: Your calendar')
      await expect(page.getByLabel('User name').isVisible()).resolves.toBe(true)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it("shows an admin the coach's calendar without the feed's address", async () => {
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, admin.id), 1024)
    try {
      await page.goto(`${server.baseUrl}/admin/coaches/${coach.coachId}/availability/calendar`)
      await expectGoodPage(page, 'Calendar – Alex Morgan')
      const main = (await page.locator('main').textContent()) ?? ''
      expect(main).toContain('Only they can see it')
      expect(main).not.toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics/)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it.each([320, 1024])("marks a clash with the coach's calendar on the admin's page for the booking, accessibly at %i px", async (width) => {
    const programme = await createProgramme(server.app.pg.pool)
    const clashing = await createStaff(server.app, { role: 'coach', name: `Kim Clash ${width}` })
    // A Tuesday at 10am London time, in the weekly clinic the calendar holds.
    const start = DateTime.now().setZone('Europe/London').plus({ weeks: 1 }).set({ weekday: 2, hour: 10, minute: 0, second: 0, millisecond: 0 })
    const bookingId = await insertBookingRow(server.app.pg.pool, { programmeId: programme.id, coachId: clashing.coachId!, start: start.toUTC().toISO()!, end: start.plus({ minutes: 45 }).toUTC().toISO()! })
    expect(await connectSubscription(calendarSyncDeps(server.app), clashing.coachId!, `${ics.url}/alex.ics`)).toMatchObject({ ok: true })
    const reference = (await server.app.pg.query('SELECT reference FROM bookings WHERE id = $1', [bookingId])).rows[0].reference as string
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, admin.id), width)
    try {
      await page.goto(`${server.baseUrl}/admin/bookings/${bookingId}`)
      await expectGoodPage(page, `Booking ${reference}`)
      await expect(page.locator('main').textContent()).resolves.toContain('Clashes with the coach’s calendar')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
