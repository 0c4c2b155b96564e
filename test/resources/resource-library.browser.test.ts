import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectAccessible, launchBrowser, signedInContext, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'
import { insertProgramme } from '../support/programmes.js'

let server: ListeningTestApp
let browser: Browser
let cookie: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  await insertProgramme(server.app.pg.pool, { slug: 'library', name: 'Library programme' })
  cookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

describe('the resource library in Chromium', () => {
  it('adds a resource by keyboard, and the page has no problems axe can find, with and without errors', async () => {
    const context = await signedInContext(browser, server.baseUrl, cookie, 320)
    try {
      const page = await context.newPage()
      await page.goto(`${server.baseUrl}/admin/resources`)
      expect(await page.locator('h1').textContent()).toBe('Resource library')
      await expectAccessible(page)

      await page.getByRole('button', { name: 'Add resource' }).press('Enter')
      expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Select the programme')
      await expectAccessible(page)

      await page.getByLabel('Programme').selectOption({ label: 'Library programme' })
      await page.getByLabel('Title').fill('NHS Jobs')
      await page.getByLabel('Web address').fill('https://www.jobs.nhs.uk/')
      await page.getByLabel('Web address').press('Enter')
      await page.waitForURL(/done=added/)
      expect(await page.getByRole('link', { name: 'NHS Jobs' }).getAttribute('href')).toBe('https://www.jobs.nhs.uk/')
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    } finally {
      await context.close()
    }
  })
})
