import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectAccessible, launchBrowser, signedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'

let server: ListeningTestApp
let browser: Browser
let cookie: string
let coachId: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  cookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
  coachId = (await createStaff(server.app, { role: 'coach', name: 'Dee Moss' })).id
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

describe('the programmes pages in Chromium', () => {
  it('adds a programme, changes it and puts a coach on it, at 320 px wide, with no problems axe can find, with and without errors', async () => {
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, cookie, 320)
    try {
      await page.goto(`${server.baseUrl}/admin/programmes`)
      await expectAccessible(page)
      await page.getByRole('button', { name: 'Add a programme' }).click()
      await page.waitForURL(`${server.baseUrl}/admin/programmes/new`)
      await expectAccessible(page)

      await page.getByLabel('Name', { exact: true }).fill('Bank nurses')
      await page.getByRole('button', { name: 'Add programme' }).press('Enter')
      await page.waitForSelector('.nhsuk-error-summary')
      await expectAccessible(page)
      // The summary's first link takes focus to the field it names.
      await page.locator('.nhsuk-error-summary a').first().click()
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('slug')

      await page.getByLabel('Web address name').fill('bank-nurses')
      await page.getByLabel('Four-stage career conversation').check()
      await page.getByLabel('2 days before').check()
      await page.getByRole('group', { name: /two-factor/ }).getByLabel('No').check()
      await page.getByRole('button', { name: 'Add programme' }).click()
      await page.waitForURL(/\/admin\/programmes\?added=/)
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Bank nurses has been added')
      await expectAccessible(page)

      await page.getByRole('link', { name: 'Bank nurses' }).click()
      await expect(page.locator('h1').textContent()).resolves.toBe('Change Bank nurses')
      await expectAccessible(page)
      await page.getByLabel('Length of a conversation').fill('60')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.waitForURL(/\/admin\/programmes\?changed=/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      const { rows } = await server.app.pg.query(`SELECT duration_minutes, reminder_offsets_minutes FROM programmes WHERE slug = 'bank-nurses'`)
      expect(rows).toEqual([{ duration_minutes: 60, reminder_offsets_minutes: [2880, 1440, 60] }])

      // Then puts a coach on it, from their staff page.
      await page.goto(`${server.baseUrl}/admin/staff/${coachId}`)
      await expectAccessible(page)
      await page.getByLabel('Bank nurses').check()
      await page.getByRole('button', { name: 'Save programmes' }).click()
      await page.waitForURL(/changed=programmes/)
      await expect(page.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Bank nurses')
      await expectAccessible(page)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
