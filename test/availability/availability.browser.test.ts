import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { clickToNavigate, expectGoodPage, launchBrowser, signedInPage, startTestServer, tabTo, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession, type TestStaff } from '../support/staff.js'
import { createConversation, createProgramme } from '../notes/notes-fixtures.js'

/**
 * The availability pages in Chromium: a coach opens each page (axe on every
 * one, with and without errors) and changes their weekly hours with the
 * keyboard alone. The clock is on Monday 2 March 2026, 8am UK time.
 */

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

  /** A page signed in as `staff`, its problems watched. */
  async function pageFor(staff: TestStaff, width: number) {
    return signedInPage(browser, server.baseUrl, await startSession(server.app, staff.id), width)
  }

  /** Replaces what the focused box holds with `text`, by keyboard. */
  async function retype(page: Page, text: string) {
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
    if (text) await page.keyboard.type(text)
  }

  it('opens every availability page without accessibility problems, and changes weekly hours by keyboard alone', async () => {
    const { context, page, problems } = await pageFor(coach, 1024)
    try {
      await page.goto(`${server.baseUrl}/coach/availability`)
      await expectGoodPage(page, 'Your availability')
      await expect(page.locator('main').textContent()).resolves.toContain('9am to 5pm')

      for (const [path, title] of [
        ['settings', 'Time zone, buffer and daily maximum'],
        ['dates', 'Days off and extra hours'],
        ['time-off', 'Time off'],
        ['video-link', 'Video call link'],
      ] as const) {
        await page.goto(`${server.baseUrl}/coach/availability/${path}`)
        await expectGoodPage(page, title)
      }
      // The pages with their error summaries.
      await page.goto(`${server.baseUrl}/coach/availability/dates`)
      await clickToNavigate(page, 'button', 'Add')
      await expectGoodPage(page, 'Error: Days off and extra hours')
      await page.goto(`${server.baseUrl}/coach/availability/time-off`)
      await clickToNavigate(page, 'button', 'Add time off')
      await expectGoodPage(page, 'Error: Time off')
      await page.goto(`${server.baseUrl}/coach/availability/settings`)
      await page.getByLabel('Buffer between conversations').fill('500')
      await clickToNavigate(page, 'button', 'Save')
      await expectGoodPage(page, 'Error: Time zone, buffer and daily maximum')
      await page.goto(`${server.baseUrl}/coach/availability/video-link`)
      await page.getByLabel('Video call link').fill('zoom.us/j/123')
      await clickToNavigate(page, 'button', 'Save')
      await expectGoodPage(page, 'Error: Video call link')
      await page.getByLabel('Video call link').fill('https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzQ2YjQ4ZTgtYjM2Zi00ODQ5LWE0ZjQtZDk2ZDA4ZTk2ZDA4%40thread.v2/0')
      await Promise.all([page.waitForURL('**/coach/availability?saved=video-link'), page.getByRole('button', { name: 'Save', exact: true }).click()])
      await expectGoodPage(page, 'Your availability')

      // Keyboard only from here: from the overview to the weekly hours form.
      await page.goto(`${server.baseUrl}/coach/availability`)
      await tabTo(page, 'the weekly hours Change link', (element) => (element as HTMLAnchorElement).href?.endsWith('/coach/availability/weekly-hours'), 120)
      await Promise.all([page.waitForURL('**/coach/availability/weekly-hours'), page.keyboard.press('Enter')])
      await expectGoodPage(page, 'Weekly hours')

      // Monday: 10am to 1pm and 1:30pm to 4pm (two sets overlapping first, to see the error).
      await tabTo(page, 'Monday hours 1 start', (element) => element.id === 'monday-1-start', 120)
      await retype(page, '10am')
      await page.keyboard.press('Tab')
      await retype(page, '1pm')
      await page.keyboard.press('Tab')
      await retype(page, '12:30pm')
      await page.keyboard.press('Tab')
      await retype(page, '4pm')
      await tabTo(page, 'the Save button', (element) => element.textContent?.trim() === 'Save weekly hours', 120)
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
      await expectGoodPage(page, 'Error: Weekly hours')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Monday, hours 2 must not overlap hours 1 (10am to 1pm)')

      // The error summary takes the focus; its link leads to the box to fix.
      await tabTo(page, 'the error summary link', (element) => (element as HTMLAnchorElement).getAttribute?.('href') === '#monday-2-start', 10)
      await page.keyboard.press('Enter')
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('monday-2-start')
      await retype(page, '1:30pm')
      await tabTo(page, 'the Save button', (element) => element.textContent?.trim() === 'Save weekly hours', 120)
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
    const phone = await pageFor(coach, 320)
    try {
      for (const [path, title] of [
        ['', 'Your availability'],
        ['/weekly-hours', 'Weekly hours'],
        ['/settings', 'Time zone, buffer and daily maximum'],
        ['/dates', 'Days off and extra hours'],
        ['/time-off', 'Time off'],
        ['/video-link', 'Video call link'],
      ] as const) {
        await phone.page.goto(`${server.baseUrl}/coach/availability${path}`)
        await expectGoodPage(phone.page, title)
      }
      // A video call's own link, and the dashboard that shows it (long links wrap).
      const programme = await createProgramme(server.app)
      const call = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-04T10:00:00.000Z', { name: 'Sam Taylor', phone: null })
      await phone.page.goto(`${server.baseUrl}/coach/conversations/${call.id}/video-link`)
      await expectGoodPage(phone.page, 'Video call link for Sam Taylor')
      await phone.page.getByLabel('Video call link for this conversation').fill('https://zoom.us/j/98765432109?pwd=aVeryLongPasswordThatDoesNotBreakAnywhereAtAll1234567890')
      await Promise.all([phone.page.waitForURL('**/coach?saved=video-link-sent'), phone.page.getByRole('button', { name: 'Save', exact: true }).click()])
      await expectGoodPage(phone.page, 'Your conversations')
      expect(phone.problems).toEqual([])
    } finally {
      await phone.context.close()
    }

    const desk = await pageFor(admin, 1024)
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
