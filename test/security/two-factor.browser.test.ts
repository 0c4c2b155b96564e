import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { totpCode } from '../../src/domain/staff/two-factor.js'
import { anonymousPageWatchingLoads, expectAccessible, launchBrowser, startTestServer, type ListeningTestApp, saveScreenshot } from '../support/browser.js'
import { createStaff } from '../support/staff.js'

/**
 * Two-factor sign-in in Chromium: an admin signs in with their password and
 * the code their app would show (computed here from the server's clock),
 * and a new admin sets up their app from the QR code page. Every page
 * axe-clean, nothing blocked by the Content-Security-Policy.
 */
describe('two-factor sign-in in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  it('signs an admin in with their password and the code from their authenticator app', async () => {
    const admin = await createStaff(server.app, { role: 'admin', name: 'Priya Shah' })
    const { page, problems } = await anonymousPageWatchingLoads(browser)
    try {
      await page.goto(`${server.baseUrl}/admin/staff`)
      await page.waitForURL(`${server.baseUrl}/sign-in?next=%2Fadmin%2Fstaff`)
      await page.getByLabel('Email address').fill(admin.email)
      await page.getByLabel('Password', { exact: true }).fill(admin.password)
      await page.getByRole('button', { name: 'Sign in' }).click()

      await page.waitForURL(`${server.baseUrl}/sign-in/code`)
      await expect(page.title()).resolves.toBe('Enter the code from your authenticator app – Career conversations – NHS')
      await expectAccessible(page)

      await page.getByLabel('Code').fill('000000')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'))
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('The code is not right')
      await expectAccessible(page)

      await page.getByLabel('Code').fill(totpCode(admin.totpSecret!, server.clock.now()))
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.waitForURL(`${server.baseUrl}/admin/staff`)
      await expect(page.locator('h1').textContent()).resolves.toBe('Staff accounts')
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/admin-staff-1280.png')

      await page.getByRole('button', { name: 'Add a coach or admin' }).click()
      await page.waitForURL(`${server.baseUrl}/admin/staff/new`)
      await page.getByRole('button', { name: 'Add and send email' }).click()
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'))
      await expectAccessible(page)

      await page.goto(`${server.baseUrl}/account/two-factor`)
      await expect(page.locator('h1').textContent()).resolves.toBe('Two-factor sign-in')
      await expectAccessible(page)

      // Changing one's own password, from the admin home: a wrong current password, then the change.
      await page.goto(`${server.baseUrl}/admin`)
      await page.getByRole('link', { name: 'Your password' }).click()
      await page.waitForURL(`${server.baseUrl}/account/password`)
      await expectAccessible(page)
      await page.getByLabel('Current password').fill('not my password')
      await page.getByLabel('New password').fill('lantern orchard velvet')
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary'))
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Your current password is not right')
      await expectAccessible(page)
      await page.getByLabel('Current password').fill(admin.password)
      await page.getByLabel('New password').fill('lantern orchard velvet')
      await page.getByRole('button', { name: 'Change password' }).click()
      await page.waitForURL(`${server.baseUrl}/account/password?done=changed`)
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your password has been changed')
      await expectAccessible(page)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('has a new admin set up their app from the QR code, then shows their recovery codes', async () => {
    const admin = await createStaff(server.app, { role: 'admin', twoFactor: false })
    const { page, problems } = await anonymousPageWatchingLoads(browser, 320)
    try {
      await page.goto(`${server.baseUrl}/sign-in`)
      await page.getByLabel('Email address').fill(admin.email)
      await page.getByLabel('Password', { exact: true }).fill(admin.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(`${server.baseUrl}/sign-in/set-up-two-factor`)

      const qr = page.getByRole('img', { name: 'QR code to add your account to an authenticator app' })
      await expect(qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).resolves.toBe(true)
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/set-up-two-factor-320.png')

      const key = ((await page.locator('#totp-key').textContent()) ?? '').replaceAll(' ', '')
      await page.getByLabel('Code').fill(totpCode(key, server.clock.now()))
      await page.getByRole('button', { name: 'Continue' }).click()
      await expect(page.locator('h1').textContent()).resolves.toBe('Two-factor sign-in is set up')
      await expect(page.locator('#recovery-codes li').count()).resolves.toBe(10)
      await expectAccessible(page)

      await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
      await page.waitForURL(`${server.baseUrl}/admin`)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('shows the forgotten-password pages without accessibility problems', async () => {
    const { page, problems } = await anonymousPageWatchingLoads(browser)
    try {
      await page.goto(`${server.baseUrl}/sign-in`)
      await page.getByRole('link', { name: 'Forgotten your password?' }).click()
      await page.waitForURL(`${server.baseUrl}/password/forgotten`)
      await expectAccessible(page)
      await page.getByLabel('Email address').fill('someone@nhs.example')
      await page.getByRole('button', { name: 'Send me a link' }).click()
      await page.waitForURL(`${server.baseUrl}/password/forgotten/sent`)
      await expect(page.locator('h1').textContent()).resolves.toBe('Check your email')
      await expectAccessible(page)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
