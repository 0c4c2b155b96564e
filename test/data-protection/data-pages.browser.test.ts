import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { testConfig, TestClock } from '../helper.js'
import {
  clickToNavigate,
  expectAccessible,
  expectNoHorizontalScrolling,
  launchBrowser,
  listen,
  signedInPage,
  type ListeningTestApp,
} from '../support/browser.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { createStaff, startSession } from '../support/staff.js'
import { buildTestApp } from '../helper.js'
import { personNamed, seedPerson, type SeededPerson } from './support.js'

/**
 * The data protection pages in Chromium, checked with axe (WCAG 2.2 AA): an
 * admin finds a person, reads the copy of their data, erases it after the
 * confirmation page, then looks at retention and searches the audit log.
 */

describe('data protection pages in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let dataDir: string
  let person: SeededPerson
  const monday = DateTime.now().setZone('Europe/London').plus({ weeks: 3 }).startOf('week').set({ hour: 8 })

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cc-data-pages-'))
    const databaseUrl = await createTestDatabase()
    const testApp = await buildTestApp({
      databaseUrl,
      clock: new TestClock(monday.toJSDate()),
      runWorker: true,
      config: testConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }),
    })
    server = { ...testApp, baseUrl: await listen(testApp.app) }
    browser = await launchBrowser()
    const programme = await createProgramme(server.app.pg.pool)
    const coach = await createCoach(server.app.pg.pool, programme)
    const admin = await createStaff(server.app, { role: 'admin' })
    person = await seedPerson(server.app, programme, personNamed('Winifred'), {
      adminCookie: await startSession(server.app, admin.id),
      coachStaffId: coach.staffUserId,
      from: monday.plus({ days: 7 }).toISODate()!,
      to: monday.plus({ days: 11 }).toISODate()!,
      slotIndex: 0,
    })
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  /** A page signed in as a new admin, its problems watched; every wait on it gives up after 10 seconds. */
  async function adminPage(width: number): Promise<{ page: Page; problems: string[] }> {
    const admin = await createStaff(server.app, { role: 'admin' })
    const { page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, admin.id), width)
    page.setDefaultTimeout(10_000)
    return { page, problems }
  }

  /** The title and axe; sideways scrolling only where the test looks for it (unlike the shared expectGoodPage). */
  async function expectTitledAndAccessible(page: Page, title: string) {
    await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
    await expectAccessible(page, title)
  }

  it('finds a person, shows their copy, erases them after confirming', async () => {
    const { page, problems } = await adminPage(1280)
    try {
      await page.goto(`${server.baseUrl}/admin/data`)
      await expectTitledAndAccessible(page, 'Data protection')
      await clickToNavigate(page, 'link', 'Data requests')
      await expectTitledAndAccessible(page, 'Data requests')

      await clickToNavigate(page, 'button', 'Continue')
      await expectTitledAndAccessible(page, 'Error: Data requests')
      await expect(page.locator('.nhsuk-error-summary').textContent()).resolves.toContain('Enter their email address')

      await page.getByLabel('Their email address').fill(person.email)
      await page.getByLabel('A copy of their data, to read on screen').check()
      await clickToNavigate(page, 'button', 'Continue')
      await expectTitledAndAccessible(page, 'Everything we hold about this person')
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Everything we hold about this person')
      await expect(page.locator('main').textContent()).resolves.toContain('money worries')
      await page.locator('details summary').first().click()
      await expectNoHorizontalScrolling(page, 'the copy')

      await page.goto(`${server.baseUrl}/admin/data/requests`)
      await page.getByLabel('Their email address').fill(person.email)
      await page.getByLabel('To erase their data').check()
      await clickToNavigate(page, 'button', 'Continue')
      await expectTitledAndAccessible(page, 'Erase their data')
      await expect(page.locator('main').textContent()).resolves.toContain('This cannot be undone')
      await clickToNavigate(page, 'button', 'Erase their data')
      await expectTitledAndAccessible(page, 'Data requests')
      await expect(page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Their data has been erased')
      const left = await server.app.pg.query('SELECT count(*)::int AS n FROM bookings WHERE id = ANY($1::uuid[])', [person.bookingIds])
      expect(left.rows[0].n).toBe(0)
      expect(problems).toEqual([])
    } finally {
      await page.context().close()
    }
  })

  it('shows retention and the audit log, at a phone’s width too', async () => {
    for (const width of [1280, 390]) {
      const { page, problems } = await adminPage(width)
      try {
        await page.goto(`${server.baseUrl}/admin/data/retention`)
        await expectTitledAndAccessible(page, 'Retention')
        await page.goto(`${server.baseUrl}/admin/audit`)
        await expectTitledAndAccessible(page, 'Audit log')
        await page.getByLabel('What').fill('data.erasure')
        await clickToNavigate(page, 'button', 'Search')
        await expectTitledAndAccessible(page, 'Audit log')
        await expect(page.locator('main').textContent()).resolves.toContain('Showing 1 to 1 of 1 entries')
        await expectNoHorizontalScrolling(page, `audit log at ${width}px`)
        await page.getByLabel('Who').fill('someone@example.org')
        await page.locator('#from-day').fill('31')
        await page.locator('#from-month').fill('2')
        await page.locator('#from-year').fill('2026')
        await clickToNavigate(page, 'button', 'Search')
        await expectTitledAndAccessible(page, 'Error: Audit log')
        expect(problems).toEqual([])
      } finally {
        await page.context().close()
      }
    }
  })
})
