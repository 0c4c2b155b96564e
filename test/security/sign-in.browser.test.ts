import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { anonymousPageWatchingLoads, expectAccessible, launchBrowser, startTestServer, tabTo, type ListeningTestApp, saveScreenshot } from '../support/browser.js'
import { createStaff, type TestStaff } from '../support/staff.js'

describe('staff sign-in in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let coach: TestStaff

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    coach = await createStaff(server.app, { role: 'coach', name: 'Amina Okafor' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  it('has no accessibility problems, with and without errors, and nothing blocked by the CSP', async () => {
    const { page, problems } = await anonymousPageWatchingLoads(browser, 320)
    try {
      await page.goto(`${server.baseUrl}/sign-in`)
      await expect(page.title()).resolves.toBe('Sign in – Career conversations – NHS')
      // nhsuk-frontend's script ran (it needs the nonce on the template's inline script and ours).
      await expect(page.locator('body').getAttribute('class')).resolves.toContain('nhsuk-frontend-supported')
      await page.waitForSelector('[data-module="nhsuk-password-input"][data-nhsuk-password-input-init]')
      await expectAccessible(page)

      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${server.baseUrl}/sign-in`)
      await expect(page.title()).resolves.toBe('Error: Sign in – Career conversations – NHS')
      const summary = page.locator('.nhsuk-error-summary')
      await expect(summary.isVisible()).resolves.toBe(true)
      // nhsuk-frontend moves focus to the summary so screen readers announce it.
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'))
      await expect(summary.getByRole('link', { name: 'Enter your email address' }).isVisible()).resolves.toBe(true)
      await expect(summary.getByRole('link', { name: 'Enter your password' }).isVisible()).resolves.toBe(true)
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/sign-in-errors-320.png')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('signs in and out with the keyboard alone', async () => {
    const { page, problems } = await anonymousPageWatchingLoads(browser)
    try {
      await page.goto(`${server.baseUrl}/coach`)
      await page.waitForURL(`${server.baseUrl}/sign-in?next=%2Fcoach`)

      await tabTo(page, 'the email address box', (element) => element.id === 'email', 40)
      await page.keyboard.type(coach.email)
      await page.keyboard.press('Tab')
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password')
      await page.keyboard.type(coach.password)
      await page.keyboard.press('Enter')

      await page.waitForURL(`${server.baseUrl}/coach`)
      await expect(page.locator('main p').first().textContent()).resolves.toBe('Signed in as Amina Okafor')
      await expect(page.locator('.nhsuk-header__account').textContent()).resolves.toContain('Amina Okafor')
      const cookies = await page.context().cookies()
      expect(cookies.find((cookie) => cookie.name === 'cc_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/coach-home-1280.png')

      await tabTo(page, 'the sign out button', (element) => element.classList.contains('nhsuk-header__account-button'), 40)
      await page.keyboard.press('Enter')
      await page.waitForURL(`${server.baseUrl}/signed-out`)
      await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out')
      await page.goto(`${server.baseUrl}/coach`)
      await page.waitForURL(/\/sign-in\?next=%2Fcoach$/)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('shows the API documentation (Swagger UI) under its own policy', async () => {
    const { page, problems } = await anonymousPageWatchingLoads(browser)
    try {
      const response = await page.goto(`${server.baseUrl}/docs/`)
      expect(response?.status()).toBe(200)
      await page.waitForSelector('.swagger-ui .info .title')
      await expect(page.locator('.swagger-ui .info .title').textContent()).resolves.toContain('Career conversations API')
      await page.getByText('/api/v1/auth/login').first().waitFor()
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
