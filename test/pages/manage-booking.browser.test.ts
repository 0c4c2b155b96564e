import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { anonymousPage, clickToNavigate, expectGoodPage, launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { postBooking, tokenOf, seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'

/**
 * The manage page in Chromium: from the link in the email, change the time
 * (day, time, check) to "Your booking has been changed", with axe on every
 * page. Demo programme `vaccinators`; the clock is on Monday 2 March 2026, 8am.
 */

describe('managing a booking in Chromium', () => {
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

  it('changes the time from the manage page', async () => {
    const response = await postBooking(server.app, {
      programme: 'vaccinators',
      start: '2026-03-03T09:00:00.000Z',
      timeZone: 'Europe/London',
      candidate: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
      contactMethod: 'video',
      consent: true,
    })
    expect(response.statusCode).toBe(201)
    const { booking, manageUrl } = response.json() as { booking: { id: string; reference: string }; manageUrl: string }

    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.goto(`${server.baseUrl}/bookings/manage/${tokenOf(manageUrl)}`)
      await expectGoodPage(page, 'Your career conversation', 'manage-booking-320')
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Tuesday 3 March 2026, 9am to 9:45am (UK time)')

      await clickToNavigate(page, 'button', 'Change time')
      await expectGoodPage(page, 'Choose a day', 'manage-change-day-320')
      await page.getByLabel('Thursday 5 March', { exact: true }).check()
      await clickToNavigate(page, 'button', 'Continue')

      await expectGoodPage(page, 'Choose a time', 'manage-change-time-320')
      await page.getByLabel('2:15pm', { exact: true }).check()
      await clickToNavigate(page, 'button', 'Continue')

      await expectGoodPage(page, 'Check your new time', 'manage-change-check-320')
      await clickToNavigate(page, 'button', 'Change time')

      await expectGoodPage(page, 'Your booking has been changed', 'manage-changed-320')
      await expect(page.locator('.nhsuk-panel').textContent()).resolves.toContain(booking.reference)
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Thursday 5 March 2026, 2:15pm to 3pm (UK time)')
      const { rows } = await server.app.pg.query(`SELECT starts_at, reference FROM bookings WHERE id = $1`, [booking.id])
      expect(rows).toEqual([{ starts_at: new Date('2026-03-05T14:15:00.000Z'), reference: booking.reference }])

      // And the way to cancel, and the page for a link that does not work.
      await clickToNavigate(page, 'link', 'View your booking')
      await clickToNavigate(page, 'button', 'Cancel booking')
      await expectGoodPage(page, 'Are you sure you want to cancel your booking?', 'manage-cancel-320')
      await page.goto(`${server.baseUrl}/bookings/manage/not-a-real-link`)
      await expectGoodPage(page, 'This link does not work', 'manage-link-does-not-work-320')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
