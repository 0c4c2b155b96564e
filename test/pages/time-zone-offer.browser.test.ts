import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { expectAccessible, launchBrowser, startTestServer, watchForProblems, type ListeningTestApp } from '../support/browser.js'

/**
 * The booking journey offers the device's own time zone when it reads
 * differently from the one shown (progressive enhancement, UK time
 * stays the default), in Chromium with the device's zone set. Demo programme
 * `vaccinators`; the clock is on Monday 2 March 2026, 8am.
 */

let server: ListeningTestApp
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  await seedDemoDataForRepeatBookings({ databaseUrl: server.databaseUrl })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

async function dayPage(timezoneId: string) {
  const context = await browser.newContext({ timezoneId, viewport: { width: 320, height: 900 } })
  const page = await context.newPage()
  const problems = watchForProblems(page)
  await page.goto(`${server.baseUrl}/book/vaccinators/day`)
  return { context, page, problems }
}

describe("the device's time zone", () => {
  it('is offered on a device in New York, and shows the times in it when taken', async () => {
    const { context, page, problems } = await dayPage('America/New_York')
    try {
      await expect(page.getByText('Times are shown in UK time.').isVisible()).resolves.toBe(true)
      await expect(page.getByText('Your device is set to New York time.').isVisible()).resolves.toBe(true)
      await expectAccessible(page, 'day page with the offer')
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show times in New York time' }).click()])
      expect(new URL(page.url()).pathname).toBe('/book/vaccinators/day')
      await expect(page.getByText('Times are shown in New York time.').isVisible()).resolves.toBe(true)
      // Now shown in the device's zone: nothing more to offer.
      await expect(page.locator('[data-zone-offer]').isVisible()).resolves.toBe(false)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('is not offered on a device in UK time', async () => {
    const { context, page, problems } = await dayPage('Europe/London')
    try {
      await expect(page.getByText('Times are shown in UK time.').isVisible()).resolves.toBe(true)
      await expect(page.locator('[data-zone-offer]').isVisible()).resolves.toBe(false)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
