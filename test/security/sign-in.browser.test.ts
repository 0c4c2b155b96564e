import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import axe from 'axe-core'
import {
  WCAG_22_AA_TAGS,
  formatViolations,
  launchBrowser,
  startTestServer,
  type ListeningTestApp,
} from '../support/browser.js'
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

  /** A page that records every script error, console error (CSP violations among them) and failed load. */
  async function newPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    await page.route('https://assets.nhs.uk/**', (route) => route.abort())
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${message.text()}`)
      }
    })
    page.on('requestfailed', (request) => {
      if (!request.url().startsWith('https://assets.nhs.uk/')) problems.push(`failed: ${request.url()}`)
    })
    return { page, problems }
  }

  /**
   * axe-core, run through DevTools rather than an inline <script> (which our
   * Content-Security-Policy rightly blocks).
   */
  async function checkAccessibility(page: Page): Promise<axe.Result[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
    const results = await page.evaluate(
      (runOnly) =>
        (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: 'tag', values: runOnly },
          resultTypes: ['violations'],
        }),
      WCAG_22_AA_TAGS,
    )
    return results.violations
  }

  /** Presses Tab until the element matching `selector` has focus (as a keyboard user would). */
  async function tabTo(page: Page, selector: string, most = 40): Promise<void> {
    for (let presses = 0; presses < most; presses++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    }
    throw new Error(`Tab never reached ${selector}`)
  }

  it('has no accessibility problems, with and without errors, and nothing blocked by the CSP', async () => {
    const { page, problems } = await newPage(320)
    try {
      await page.goto(`${server.baseUrl}/sign-in`)
      await expect(page.title()).resolves.toBe('Sign in – Career conversations – NHS')
      // nhsuk-frontend's script ran (it needs the nonce on the template's inline script and ours).
      await expect(page.locator('body').getAttribute('class')).resolves.toContain('nhsuk-frontend-supported')
      await page.waitForSelector('[data-module="nhsuk-password-input"][data-nhsuk-password-input-init]')
      let violations = await checkAccessibility(page)
      expect(violations, formatViolations(violations)).toEqual([])

      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${server.baseUrl}/sign-in`)
      await expect(page.title()).resolves.toBe('Error: Sign in – Career conversations – NHS')
      const summary = page.locator('.nhsuk-error-summary')
      await expect(summary.isVisible()).resolves.toBe(true)
      // nhsuk-frontend moves focus to the summary so screen readers announce it.
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'))
      await expect(summary.getByRole('link', { name: 'Enter your email address' }).isVisible()).resolves.toBe(true)
      await expect(summary.getByRole('link', { name: 'Enter your password' }).isVisible()).resolves.toBe(true)
      violations = await checkAccessibility(page)
      expect(violations, formatViolations(violations)).toEqual([])
      await page.screenshot({ path: '/tmp/sign-in-errors-320.png', fullPage: true })
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('signs in and out with the keyboard alone', async () => {
    const { page, problems } = await newPage()
    try {
      await page.goto(`${server.baseUrl}/coach`)
      await page.waitForURL(`${server.baseUrl}/sign-in?next=%2Fcoach`)

      await tabTo(page, '#email')
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
      const violations = await checkAccessibility(page)
      expect(violations, formatViolations(violations)).toEqual([])
      await page.screenshot({ path: '/tmp/coach-home-1280.png', fullPage: true })

      await tabTo(page, '.nhsuk-header__account-button')
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
    const { page, problems } = await newPage()
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
