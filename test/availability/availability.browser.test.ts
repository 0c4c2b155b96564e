import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import axe from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { checkAccessibility, formatViolations, launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'

/**
 * The availability pages in Chromium: a coach opens each page (axe on every
 * one, with and without errors) and changes their weekly hours with the
 * keyboard alone. The clock is on Monday 2 March 2026, 8am UK time.
 */

const NHS_FONTS = 'https://assets.nhs.uk/fonts/'

/** axe-core through the DevTools protocol, which the page's CSP does not govern; then the shared check. */
async function accessibilityProblems(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  return checkAccessibility(page)
}

describe('availability pages in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let coach: TestStaff
  let admin: TestStaff

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    coach = await createStaff(server.app, { role: 'coach', name: 'Alex Morgan' })
    admin = await createStaff(server.app, { role: 'admin' })
    await server.app.pg.query(
      `INSERT INTO availability_windows (coach_id, weekday, start_minute, end_minute)
       SELECT $1, d, 540, 1020 FROM generate_series(1, 5) AS d`,
      [coach.coachId],
    )
    await server.app.pg.query(`INSERT INTO coach_date_overrides (coach_id, date, kind) VALUES ($1, '2026-03-09', 'day_off')`, [coach.coachId])
    await server.app.pg.query(
      `INSERT INTO coach_time_off (coach_id, starts_at, ends_at, note) VALUES ($1, '2026-04-06T00:00:00+01:00', '2026-04-11T00:00:00+01:00', 'Annual leave')`,
      [coach.coachId],
    )
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  async function signedInPage(staff: TestStaff, width: number): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const [name, value] = (await startSession(server.app, staff.id)).split('=') as [string, string]
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    await context.addCookies([{ name, value, url: server.baseUrl }])
    const page = await context.newPage()
    await page.route(`${NHS_FONTS}**`, (route) => route.abort())
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`)
    })
    return { context, page, problems }
  }

  async function expectGoodPage(page: Page, title: string) {
    await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
    const violations = await accessibilityProblems(page)
    expect(violations, `${title}:\n${formatViolations(violations)}`).toEqual([])
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `${title}: no horizontal scrolling`).toBeLessThanOrEqual(0)
  }

  /** Presses Tab until the focus is on what `isTarget` picks out (in the page), failing after `limit` presses. */
  async function tabTo(page: Page, description: string, isTarget: (element: Element) => boolean, limit = 120) {
    for (let presses = 0; presses < limit; presses++) {
      await page.keyboard.press('Tab')
      const reached = await page.evaluate(`(${isTarget.toString()})(document.activeElement)`)
      if (reached) return
    }
    throw new Error(`Tab never reached ${description}`)
  }

  /** Replaces what the focused box holds with `text`, by keyboard. */
  async function retype(page: Page, text: string) {
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
    if (text) await page.keyboard.type(text)
  }

  it('opens every availability page without accessibility problems, and changes weekly hours by keyboard alone', async () => {
    const { context, page, problems } = await signedInPage(coach, 1024)
    try {
      await page.goto(`${server.baseUrl}/coach/availability`)
      await expectGoodPage(page, 'Your availability')
      await expect(page.locator('main').textContent()).resolves.toContain('9am to 5pm')

      for (const [path, title] of [
        ['settings', 'Time zone, buffer and daily maximum'],
        ['dates', 'Days off and extra hours'],
        ['time-off', 'Time off'],
      ] as const) {
        await page.goto(`${server.baseUrl}/coach/availability/${path}`)
        await expectGoodPage(page, title)
      }
      // The pages with their error summaries.
      await page.goto(`${server.baseUrl}/coach/availability/dates`)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add', exact: true }).click()])
      await expectGoodPage(page, 'Error: Days off and extra hours')
      await page.goto(`${server.baseUrl}/coach/availability/time-off`)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add time off', exact: true }).click()])
      await expectGoodPage(page, 'Error: Time off')
      await page.goto(`${server.baseUrl}/coach/availability/settings`)
      await page.getByLabel('Buffer between conversations').fill('500')
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save', exact: true }).click()])
      await expectGoodPage(page, 'Error: Time zone, buffer and daily maximum')

      // Keyboard only from here: from the overview to the weekly hours form.
      await page.goto(`${server.baseUrl}/coach/availability`)
      await tabTo(page, 'the weekly hours Change link', (element) => (element as HTMLAnchorElement).href?.endsWith('/coach/availability/weekly-hours'))
      await Promise.all([page.waitForURL('**/coach/availability/weekly-hours'), page.keyboard.press('Enter')])
      await expectGoodPage(page, 'Weekly hours')

      // Monday: 10am to 1pm and 1:30pm to 4pm (two sets overlapping first, to see the error).
      await tabTo(page, 'Monday hours 1 start', (element) => element.id === 'monday-1-start')
      await retype(page, '10am')
      await page.keyboard.press('Tab')
      await retype(page, '1pm')
      await page.keyboard.press('Tab')
      await retype(page, '12:30pm')
      await page.keyboard.press('Tab')
      await retype(page, '4pm')
      await tabTo(page, 'the Save button', (element) => element.textContent?.trim() === 'Save weekly hours')
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
      await expectGoodPage(page, 'Error: Weekly hours')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Monday, hours 2 must not overlap hours 1 (10am to 1pm)')

      // The error summary takes the focus; its link leads to the box to fix.
      await tabTo(page, 'the error summary link', (element) => (element as HTMLAnchorElement).getAttribute?.('href') === '#monday-2-start', 10)
      await page.keyboard.press('Enter')
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('monday-2-start')
      await retype(page, '1:30pm')
      await tabTo(page, 'the Save button', (element) => element.textContent?.trim() === 'Save weekly hours')
      await Promise.all([page.waitForURL('**/coach/availability?saved=weekly-hours'), page.keyboard.press('Enter')])
      await expectGoodPage(page, 'Your availability')
      const main = (await page.locator('main').textContent())!.replace(/\s+/g, ' ')
      expect(main).toContain('Weekly hours saved')
      expect(main).toContain('Monday 10am to 1pm, 1:30pm to 4pm')
      expect(main).toContain('Tuesday 9am to 5pm')

      const { rows } = await server.app.pg.query(
        `SELECT weekday, start_minute AS start, end_minute AS end FROM availability_windows WHERE coach_id = $1 AND weekday = 1 ORDER BY start_minute`,
        [coach.coachId],
      )
      expect(rows).toEqual([
        { weekday: 1, start: 600, end: 780 },
        { weekday: 1, start: 810, end: 960 },
      ])
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('fits a phone screen (320 pixels wide) on every coach page, and the admin pages pass axe', async () => {
    const phone = await signedInPage(coach, 320)
    try {
      for (const [path, title] of [
        ['', 'Your availability'],
        ['/weekly-hours', 'Weekly hours'],
        ['/settings', 'Time zone, buffer and daily maximum'],
        ['/dates', 'Days off and extra hours'],
        ['/time-off', 'Time off'],
      ] as const) {
        await phone.page.goto(`${server.baseUrl}/coach/availability${path}`)
        await expectGoodPage(phone.page, title)
      }
      expect(phone.problems).toEqual([])
    } finally {
      await phone.context.close()
    }

    const desk = await signedInPage(admin, 1024)
    try {
      await desk.page.goto(`${server.baseUrl}/admin/coaches`)
      await expectGoodPage(desk.page, 'Coaches')
      await desk.page.getByRole('link', { name: 'Change availability for Alex Morgan' }).click()
      await desk.page.waitForURL(`**/admin/coaches/${coach.coachId}/availability`)
      await expectGoodPage(desk.page, 'Availability – Alex Morgan')
      await desk.page.goto(`${server.baseUrl}/admin/coaches/${coach.coachId}/availability/weekly-hours`)
      await expectGoodPage(desk.page, 'Weekly hours – Alex Morgan')
      expect(desk.problems).toEqual([])
    } finally {
      await desk.context.close()
    }
  })
})
