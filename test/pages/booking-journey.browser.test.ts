import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import type { Browser, Page } from 'playwright-core'
import {
  anonymousPage,
  expectGoodPage,
  launchBrowser,
  startTestServer,
  watchExternalRequests,
  type ListeningTestApp,
  saveScreenshot,
} from '../support/browser.js'

/**
 * The whole booking journey in Chromium, 320 pixels wide, from /book to the
 * confirmation panel, with axe on every page on the way (and on a page with
 * errors), then a look at the same pages at desktop width.
 *
 * Demo programme `vaccinators`; the clock is on Monday 2 March 2026, 8am.
 */

describe('booking in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    await seedDemoDataForRepeatBookings({ databaseUrl: server.databaseUrl })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  /** A page, its problems watched, requests to anywhere but the app among them. */
  async function openPage(width: number): Promise<{ page: Page; problems: string[] }> {
    const { page, problems } = await anonymousPage(browser, width)
    watchExternalRequests(page, server.baseUrl, problems)
    return { page, problems }
  }

  async function continueTo(page: Page, button = 'Continue') {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).click()])
  }

  it('walks from /book to "Booking complete" at 320px and books, with no accessibility problems on the way', async () => {
    const { page, problems } = await openPage(320)
    try {
      await page.goto(`${server.baseUrl}/`)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Start now' }).click()])
      expect(new URL(page.url()).pathname).toBe('/book/vaccinators/day')
      await expectGoodPage(page, 'Choose a day', 'journey-day-320')

      // A page with its errors: the summary, and each message by its field.
      await continueTo(page)
      await expectGoodPage(page, 'Error: Choose a day', 'journey-day-error-320')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Choose a day')

      await page.getByLabel('Tuesday 3 March', { exact: true }).check()
      await continueTo(page)
      await expectGoodPage(page, 'Choose a time', 'journey-time-320')

      await page.getByRole('link', { name: 'Change time zone' }).click()
      await page.waitForURL(/\/time-zone\?return=time$/)
      await expectGoodPage(page, 'Which time zone do you want to see times in?', 'journey-time-zone-320')
      await continueTo(page)
      expect(new URL(page.url()).pathname).toBe('/book/vaccinators/time')

      await page.getByLabel('9:45am', { exact: true }).check()
      await continueTo(page)
      await expectGoodPage(page, 'Your details', 'journey-details-320')
      await page.getByLabel('Full name').fill('Alex Morgan')
      await page.getByLabel('Email address').fill('alex.morgan@example.com')
      await continueTo(page)

      await expectGoodPage(page, 'How do you want to talk to your coach?', 'journey-contact-320')
      await page.getByRole('radio', { name: 'Video call' }).check()
      await page.getByLabel('Do you need anything to help you take part? (optional)').fill('Captions, please')
      await continueTo(page)

      await expectGoodPage(page, 'What happens to your information', 'journey-information-320')
      await page.getByLabel('I have read how my information will be used').check()
      await continueTo(page)

      await expectGoodPage(page, 'Check your answers before booking', 'journey-check-320')
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Tuesday 3 March 2026, 9:45am to 10:30am (UK time)')
      await continueTo(page, 'Confirm booking')

      await expectGoodPage(page, 'Booking complete', 'journey-confirmation-320')
      const panel = (await page.locator('.nhsuk-panel').textContent()) ?? ''
      expect(panel).toContain('Booking complete')
      const reference = /CC-[A-Z0-9]{6}/.exec(panel)?.[0]
      expect(reference).toBeDefined()

      const { rows } = await server.app.pg.query(
        `SELECT candidate_name, candidate_email, contact_method, starts_at, status FROM bookings WHERE reference = $1`,
        [reference],
      )
      expect(rows).toEqual([
        {
          candidate_name: 'Alex Morgan',
          candidate_email: 'alex.morgan@example.com',
          contact_method: 'video',
          starts_at: new Date('2026-03-03T09:45:00.000Z'),
          status: 'booked',
        },
      ])

      // The link to the manage page works.
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'View, change or cancel your booking' }).click()])
      await expectGoodPage(page, 'Your career conversation', 'manage-320')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('shows the same pages well at desktop width, and works without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(`${server.baseUrl}/book`)
      await page.getByLabel('Wednesday 4 March', { exact: true }).check()
      await continueTo(page)
      await page.getByLabel('midday', { exact: true }).check()
      await continueTo(page)
      await page.getByLabel('Full name').fill('Jo Evans')
      await page.getByLabel('Email address').fill('jo.evans@example.com')
      await continueTo(page)
      // A phone call without a number: asked for on this page.
      await page.getByRole('radio', { name: 'Phone call' }).check()
      await continueTo(page)
      await expect(page.title()).resolves.toBe('Error: How do you want to talk to your coach? – Career conversations – NHS')
      await saveScreenshot(page, '/tmp/journey-contact-error-1280.png')
      await page.getByLabel('Phone number, if you want a phone call').fill('07700 900 456')
      await continueTo(page)
      await page.getByLabel('I have read how my information will be used').check()
      await continueTo(page)
      await saveScreenshot(page, '/tmp/journey-check-1280.png')
      await continueTo(page, 'Confirm booking')
      await expect(page.locator('h1').first().textContent()).resolves.toContain('Booking complete')
      await saveScreenshot(page, '/tmp/journey-confirmation-1280.png')
      const { rows } = await server.app.pg.query(`SELECT candidate_phone, contact_method FROM bookings WHERE candidate_email = 'jo.evans@example.com'`)
      expect(rows).toEqual([{ candidate_phone: '07700 900 456', contact_method: 'phone' }])
    } finally {
      await context.close()
    }
  })
})
