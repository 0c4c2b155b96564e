import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { clickToNavigate, expectGoodPage, launchBrowser, signedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createProgramme } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'

/**
 * The invitation pages in Chromium: an admin uploads a small CSV through the
 * page and sees what happened, invites someone, withdraws an invitation;
 * axe on every page, at a phone's width and a desk's.
 */

describe('invitation pages in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    await createProgramme(server.app.pg.pool, { slug: 'vaccinators' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  /** A page signed in as a new admin, its problems watched; every wait on it gives up after 10 seconds. */
  async function adminPage(width: number): Promise<{ page: Page; problems: string[] }> {
    const admin = await createStaff(server.app, { role: 'admin' })
    const { page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, admin.id), width)
    page.setDefaultTimeout(10_000)
    return { page, problems }
  }

  it('uploads a CSV and shows who was invited and which rows were not', async () => {
    const { page, problems } = await adminPage(1280)
    try {
      await page.goto(`${server.baseUrl}/admin/invitations`)
      await expectGoodPage(page, 'Invitations')
      await clickToNavigate(page, 'button', 'Invite a list') // a link that looks like a button

      await expectGoodPage(page, 'Invite a list of people')
      // Nothing chosen: the error summary, itself checked by axe.
      await clickToNavigate(page, 'button', 'Upload and invite')
      await expectGoodPage(page, 'Error: Invite a list of people')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Select a CSV file')

      await page.getByLabel('Programme').selectOption({ label: 'Programme vaccinators' })
      await page.setInputFiles('input[type=file]', {
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('\uFEFFname,email,phone\r\nAli Khan,ali.khan@example.com,07700 900123\r\nBea Jones,bea.jones@example.com,\r\nNo Email,,\r\n'),
      })
      await clickToNavigate(page, 'button', 'Upload and invite')

      await expectGoodPage(page, '2 people invited')
      await expect(page.locator('h1').textContent()).resolves.toBe('2 people invited')
      await expect(page.locator('table').textContent()).resolves.toMatch(/4\s+email\s+Enter their email address/i)

      await clickToNavigate(page, 'link', 'See all invitations')
      await expectGoodPage(page, 'Invitations')
      await expect(page.locator('table').textContent()).resolves.toContain('bea.jones@example.com')
      expect(problems).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it('invites someone and withdraws an invitation, on a phone', async () => {
    const { page, problems } = await adminPage(320)
    try {
      await page.goto(`${server.baseUrl}/admin/invitations`)
      await expectGoodPage(page, 'Invitations')
      await clickToNavigate(page, 'button', 'Invite someone')
      await expectGoodPage(page, 'Invite someone')
      await page.getByLabel('Full name').fill('Sam Taylor')
      await page.getByLabel('Email address').fill('sam.taylor@example.com')
      await clickToNavigate(page, 'button', 'Send invitation')
      await expectGoodPage(page, 'Invitations')
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Sam Taylor has been invited')

      // The same person again: the error summary, checked by axe too.
      await clickToNavigate(page, 'button', 'Invite someone')
      await page.getByLabel('Full name').fill('Sam Taylor')
      await page.getByLabel('Email address').fill('Sam.Taylor@example.com')
      await clickToNavigate(page, 'button', 'Send invitation')
      await expectGoodPage(page, 'Error: Invite someone')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('This person has already been invited to this programme')

      await page.goto(`${server.baseUrl}/admin/invitations`)
      await clickToNavigate(page, 'link', 'Withdraw the invitation to Sam Taylor')
      await expectGoodPage(page, 'Withdraw the invitation to Sam Taylor')
      await clickToNavigate(page, 'button', 'Withdraw invitation')
      await expectGoodPage(page, 'Invitations')
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('The invitation to Sam Taylor has been withdrawn')

      await page.goto(`${server.baseUrl}/admin/invitations?status=withdrawn`)
      await expectGoodPage(page, 'Invitations')
      await expect(page.locator('table').textContent()).resolves.toContain('sam.taylor@example.com')
      expect(problems).toEqual([])
    } finally {
      await page.context().close()
    }
  })
})
