import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { createCoach, createProgramme, listSlotStarts } from '../support/booking-fixtures.js'
import { anonymousPage, clickToNavigate, expectAccessible, expectGoodPage, launchBrowser, signedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'
import { Visitor } from '../support/visitor.js'

/**
 * The pages that guard against anonymous abuse, in Chromium with axe-core (WCAG 2.2 AA): the
 * booking journey's "Check your email" code page and the admin's "Who may
 * book" page, each as it first shows and with its error summary.
 */
describe('the abuse pages in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  it('"Check your email" (the code page) has no accessibility problems, with or without an error', async () => {
    const { app } = server
    const programme = await createProgramme(app.pg.pool)
    await app.pg.query('UPDATE programmes SET asks_email_code = true WHERE id = $1', [programme.id])
    await createCoach(app.pg.pool, programme)
    const [start] = await listSlotStarts(app, programme, '2026-03-03', '2026-03-04')
    // The answers so far, given without a browser; Chromium takes over the journey's cookies at the code page.
    const visitor = new Visitor(app)
    const path = `/book/${programme.slug}`
    await visitor.answer(`${path}/day`, { day: '2026-03-03' })
    await visitor.answer(`${path}/time`, { start: start! })
    expect((await visitor.answer(`${path}/details`, { name: 'Sam Taylor', email: 'sam@example.com', phone: '' })).headers.location).toBe(`${path}/email-code`)

    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.context().addCookies(
        visitor.cookie.split('; ').map((pair) => {
          const [name, ...value] = pair.split('=')
          return { name: name!, value: value.join('='), url: `${server.baseUrl}${name === 'cc_booking' ? '/book' : '/'}` }
        }),
      )
      await page.goto(`${server.baseUrl}${path}/email-code`)
      await expectGoodPage(page, 'Check your email')
      await page.getByLabel('Code').fill('12ab')
      await clickToNavigate(page, 'button', 'Continue')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('The code is 6 numbers, like 123456')
      await expectGoodPage(page, 'Error: Check your email')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('"Who may book" (admin) has no accessibility problems, with or without an error', async () => {
    const { app } = server
    const programme = await createProgramme(app.pg.pool)
    const admin = await createStaff(app, { role: 'admin' })
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, await startSession(app, admin.id))
    try {
      await page.goto(`${server.baseUrl}/admin/programmes/${programme.id}/who-may-book`)
      await expectGoodPage(page, `Who may book Programme ${programme.slug}`)
      await page.getByLabel('Only people with an email address on these domains').check()
      await page.getByLabel('How many conversations may one email address have booked at once?').fill('0')
      await clickToNavigate(page, 'button', 'Save changes')
      const summary = await page.locator('.nhsuk-error-summary').textContent()
      expect(summary).toContain('Enter at least one email domain, like nhs.net')
      expect(summary).toContain('Enter a whole number of bookings from 1 to 50')
      await expectAccessible(page, 'Who may book, with errors')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
