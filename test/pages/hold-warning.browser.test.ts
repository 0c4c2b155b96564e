import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import {
  anonymousPage,
  expectAccessible,
  expectNoHorizontalScrolling,
  launchBrowser,
  startTestServer,
  type ListeningTestApp,
} from '../support/browser.js'

/**
 * The slot hold's warning (WCAG 2.2.1, timing adjustable; DECISIONS.md
 * "Holds"), in Chromium with the page's clock and the server's moved together.
 * Without JavaScript every page of the journey says until when the time is
 * kept and how long that is; with it, two minutes before the end a dialog
 * offers "Keep this time for longer", up to 30 minutes in all.
 *
 * Demo programme `vaccinators`; the server's clock starts on Monday 2 March
 * 2026, 8am (UK time is GMT), and each test holds its own time.
 */

const MINUTE = 60_000

describe('the held time, in Chromium', () => {
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

  async function continueTo(page: Page, button = 'Continue') {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()])
  }

  /** Chooses `day` and `time` and stops at "Your details", the time held. */
  async function holdATime(page: Page, day: string, time: string) {
    await page.goto(`${server.baseUrl}/book/vaccinators/day`)
    await page.getByLabel(day, { exact: true }).check()
    await continueTo(page)
    await page.getByLabel(time, { exact: true }).check()
    await continueTo(page)
    expect(new URL(page.url()).pathname).toBe('/book/vaccinators/details')
  }

  const holdOf = async (start: string) =>
    (await server.app.pg.query<{ expires_at: Date }>('SELECT expires_at FROM slot_holds WHERE starts_at = $1', [start])).rows.map((row) => row.expires_at)

  /** The hold's inset text, every run of white space one space. */
  const inset = async (page: Page) => (await page.locator('.app-hold .nhsuk-inset-text').innerText()).replace(/\s+/g, ' ')

  it('says on every page of the journey, without JavaScript, until when the time is kept and how long that is', async () => {
    server.clock.set('2026-03-02T08:00:00.000Z')
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 900 } })
    const page = await context.newPage()
    try {
      await holdATime(page, 'Tuesday 3 March', '9:45am')
      expect(await inset(page)).toContain('We are keeping 9:45am on Tuesday 3 March for you until 8:10am, while you finish booking.')
      expect(await inset(page)).toContain('That is 10 minutes from now. Each time you continue, we keep it for 10 minutes more, up to 30 minutes in all.')
      await expect(page.getByRole('dialog').count()).resolves.toBe(0)
      await expect(page.getByRole('button', { name: 'Keep this time for longer' }).isVisible()).resolves.toBe(false)

      // Three minutes later, the page read again: less is left.
      server.clock.advance(3 * MINUTE)
      await page.reload()
      expect(await inset(page)).toContain('until 8:10am, while you finish booking. That is 7 minutes from now.')

      // A step taken keeps it for 10 minutes more; each later page says so.
      await page.getByLabel('Full name').fill('Sam Patel')
      await page.getByLabel('Email address').fill('sam.patel@example.com')
      await continueTo(page)
      expect(new URL(page.url()).pathname).toBe('/book/vaccinators/contact')
      expect(await inset(page)).toContain('We are keeping 9:45am on Tuesday 3 March for you until 8:13am, while you finish booking.')
      expect(await inset(page)).toContain('That is 10 minutes from now.')
      await page.getByRole('radio', { name: 'Video call' }).check()
      await continueTo(page)
      expect(await inset(page)).toContain('until 8:13am')
      await page.getByLabel('I have read how my information will be used').check()
      await continueTo(page)
      expect(new URL(page.url()).pathname).toBe('/book/vaccinators/check')
      expect(await inset(page)).toContain('We are keeping this time for you until 8:13am. That is 10 minutes from now.')
      // Going back to choose another time: that page says so too.
      await page.goto(`${server.baseUrl}/book/vaccinators/time`)
      expect(await inset(page)).toContain('We are keeping 9:45am on Tuesday 3 March for you until 8:13am')
    } finally {
      await context.close()
    }
  })

  it('warns two minutes before the end, keeps the time for longer when asked, and says when it can keep it no longer', async () => {
    server.clock.set('2026-03-02T08:00:00.000Z')
    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.clock.install({ time: server.clock.now() })
      await holdATime(page, 'Wednesday 4 March', '9:45am')
      const start = '2026-03-04T09:45:00.000Z'
      expect(await holdOf(start)).toEqual([new Date('2026-03-02T08:10:00.000Z')])
      const dialog = page.getByRole('dialog', { name: 'Do you need more time?' })
      const keep = page.getByRole('button', { name: 'Keep this time for longer' })

      // Nearly eight minutes on: no warning yet.
      await page.clock.fastForward(7 * MINUTE + 50_000)
      await expect(dialog.isVisible()).resolves.toBe(false)

      // Two minutes before the end: the warning, its button focused.
      await page.clock.fastForward(15_000)
      await dialog.waitFor({ state: 'visible' })
      await expect(dialog.innerText()).resolves.toContain('We will stop keeping 9:45am on Wednesday 4 March for you at 8:10am.')
      await expect(keep.evaluate((button) => button === document.activeElement)).resolves.toBe(true)
      await expectAccessible(page, 'the warning')
      await expectNoHorizontalScrolling(page, 'the warning')

      // Asked for at 8:08 by the server's clock: kept until 8:18.
      server.clock.set('2026-03-02T08:08:00.000Z')
      await keep.click()
      await dialog.waitFor({ state: 'hidden' })
      expect(await inset(page)).toContain('We are keeping 9:45am on Wednesday 4 March for you until 8:18am, while you finish booking.')
      expect(await inset(page)).toContain('That is 10 minutes from now.')
      await expect(page.locator('[data-hold-status]').textContent()).resolves.toBe('We will keep this time for you until 8:18am.')
      expect(await holdOf(start)).toEqual([new Date('2026-03-02T08:18:00.000Z')])

      // Warned again two minutes before the new end (8:16), and kept again, until 8:26.
      await page.clock.fastForward(7 * MINUTE + 50_000)
      await expect(dialog.isVisible()).resolves.toBe(false)
      await page.clock.fastForward(15_000)
      await dialog.waitFor({ state: 'visible' })
      await expect(dialog.innerText()).resolves.toContain('for you at 8:18am.')
      server.clock.set('2026-03-02T08:16:00.000Z')
      await keep.click()
      await dialog.waitFor({ state: 'hidden' })
      expect(await holdOf(start)).toEqual([new Date('2026-03-02T08:26:00.000Z')])

      // At 8:24, 30 minutes after it was chosen is as far as it goes: 8:30, and no more offered.
      await page.clock.fastForward(8 * MINUTE + 5_000)
      await dialog.waitFor({ state: 'visible' })
      server.clock.set('2026-03-02T08:24:00.000Z')
      await keep.click()
      await page.getByRole('dialog', { name: 'We cannot keep this time for longer' }).waitFor({ state: 'visible' })
      await expect(dialog.isVisible()).resolves.toBe(false)
      await expect(page.getByRole('dialog').innerText()).resolves.toContain('for you at 8:30am. Finish booking before then to be sure of it.')
      await expect(keep.isVisible()).resolves.toBe(false)
      await expect(page.getByRole('button', { name: 'Close' }).evaluate((button) => button === document.activeElement)).resolves.toBe(true)
      expect(await holdOf(start)).toEqual([new Date('2026-03-02T08:30:00.000Z')])
      expect(await inset(page)).toContain('until 8:30am')

      // And when that time comes, the page says the time is no longer kept.
      await page.clock.fastForward(6 * MINUTE + 5_000)
      await page.getByRole('dialog', { name: 'We have stopped keeping this time for you' }).waitFor({ state: 'visible' })
      expect(await inset(page)).toContain('We have stopped keeping this time for you. You can still book it if no one else has.')
      await page.getByRole('button', { name: 'Close' }).click()
      await expect(page.getByRole('dialog').count()).resolves.toBe(0)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
