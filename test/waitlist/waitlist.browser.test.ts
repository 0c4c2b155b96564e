import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  anonymousPage,
  clickToNavigate,
  expectGoodPage,
  launchBrowser,
  signedInPage,
  startTestServer,
  watchExternalRequests,
  type ListeningTestApp,
} from '../support/browser.js'
import { createCoach, createProgramme, insertBookingRow, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'
import { matchProgramme } from '../../src/domain/waitlist/matching.js'

/**
 * The waitlist's pages in Chromium: joining from a fully booked programme at
 * 320 pixels, with axe on every page (and one with errors); the offer booked
 * with one button; changing and leaving with JavaScript switched off; the
 * programme team's page. The clock is on Monday 2 March 2026, 8am.
 */
describe('the waitlist in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let programme: ProgrammeFixture
  let bookingId: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    programme = await createProgramme(server.app.pg.pool, { minimumNoticeMinutes: 60, horizonDays: 7 })
    const coach = await createCoach(server.app.pg.pool, programme, { weekdays: [2], hours: [{ start: 9 * 60, end: 9 * 60 + 45 }] })
    // Tuesday 3 March, 9am (GMT): the programme's only time, booked.
    bookingId = await insertBookingRow(server.app.pg.pool, { programmeId: programme.id, coachId: coach.id, start: '2026-03-03T09:00:00Z', end: '2026-03-03T09:45:00Z' })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  async function titled(page: Page, title: string) {
    await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
  }

  async function continueTo(page: Page, button = 'Continue') {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()])
  }

  it('joins at 320px with no accessibility problems, then books the time offered with one button', async () => {
    const { page, problems } = await anonymousPage(browser, 320)
    watchExternalRequests(page, server.baseUrl, problems)
    try {
      await page.goto(`${server.baseUrl}/book/${programme.slug}/day`)
      await expectGoodPage(page, 'There are no times available')
      await clickToNavigate(page, 'link', 'Join the waitlist')
      await expectGoodPage(page, 'Your details')
      await continueTo(page)
      await expectGoodPage(page, 'Error: Your details')
      await page.getByLabel('Full name').fill('Wren Waiting')
      await page.getByLabel('Email address').fill('wren@example.com')
      await continueTo(page)
      await expectGoodPage(page, 'How do you want to talk to your coach?')
      await page.getByLabel('Video call').check()
      await continueTo(page)
      await expectGoodPage(page, 'Which days suit you?')
      await page.getByLabel('Tuesday').check()
      await continueTo(page)
      await expectGoodPage(page, 'What times of day suit you?')
      await clickToNavigate(page, 'link', 'Change time zone')
      await expectGoodPage(page, 'Which time zone do you want to see times in?')
      await continueTo(page)
      await expectGoodPage(page, 'What times of day suit you?')
      await page.getByLabel('Morning').check()
      await continueTo(page)
      await expectGoodPage(page, 'Between which dates could you have your conversation?')
      await page.locator('#to-day').fill('30')
      await page.locator('#to-month').fill('2')
      await page.locator('#to-year').fill('2026')
      await continueTo(page)
      await expectGoodPage(page, 'Error: Between which dates could you have your conversation?')
      await page.locator('#to-day').fill('')
      await page.locator('#to-month').fill('')
      await page.locator('#to-year').fill('')
      await continueTo(page)
      await expectGoodPage(page, 'What happens to your information')
      await page.getByLabel('I have read how my information will be used').check()
      await continueTo(page)
      await expectGoodPage(page, 'Check your answers before joining the waitlist')
      await continueTo(page, 'Join the waitlist')
      await expectGoodPage(page, 'You are on the waitlist')
      await clickToNavigate(page, 'link', 'See, change or leave the waitlist')
      await expectGoodPage(page, 'Your place on the waitlist')
      const manageUrl = page.url()
      await clickToNavigate(page, 'link', 'Change days')
      await expectGoodPage(page, 'Change the times that suit you')

      // The booking is cancelled and the matching job runs: the time is held for Wren.
      await server.app.pg.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'admin' WHERE id = $1`, [bookingId])
      expect((await matchProgramme(server.app.deps, programme.id)).offered).toBe(1)
      await page.goto(manageUrl)
      await expectGoodPage(page, 'Your place on the waitlist')
      await clickToNavigate(page, 'link', 'Book this time, or say no')
      await expectGoodPage(page, 'Book this time')
      await continueTo(page, 'Book this time')
      await expectGoodPage(page, 'Booking complete')
      await clickToNavigate(page, 'link', 'View, change or cancel your booking')
      await expect(page.locator('h1').textContent()).resolves.toContain('Your career conversation')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  // Without JavaScript axe cannot run in the page (the same pages are checked with it above): titles, errors and the changes made.
  it('changes what suits and leaves without JavaScript', async () => {
    const joined = await server.app.inject({
      method: 'POST',
      url: '/api/v1/waitlist',
      payload: { programme: programme.slug, candidate: { name: 'Nia No-Script', email: 'nia@example.com' }, contactMethod: 'video', preferences: { days: [1], partsOfDay: ['afternoon'], timeZone: 'Europe/London' }, consent: true },
    })
    expect(joined.statusCode).toBe(201)
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    try {
      await page.goto(joined.json().manageUrl.replace('http://localhost:3000', server.baseUrl))
      await titled(page, 'Your place on the waitlist')
      await clickToNavigate(page, 'link', 'Change days')
      await titled(page, 'Change the times that suit you')
      await page.getByLabel('Afternoon').uncheck()
      await continueTo(page, 'Save changes')
      await titled(page, 'Error: Change the times that suit you')
      await page.getByLabel('Early evening').check()
      await page.getByLabel('Friday').check()
      await continueTo(page, 'Save changes')
      await titled(page, 'Your place on the waitlist')
      await expect(page.locator('main').textContent()).resolves.toContain('Mondays and Fridays')
      await continueTo(page, 'Leave the waitlist')
      await titled(page, 'You are no longer on the waitlist')
    } finally {
      await context.close()
    }
  })

  it('shows the programme team its waitlist with no accessibility problems', async () => {
    const admin = await createStaff(server.app, { role: 'admin' })
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, await startSession(server.app, admin.id))
    try {
      await page.goto(`${server.baseUrl}/admin/waitlist`)
      await expectGoodPage(page, 'Waitlists')
      await clickToNavigate(page, 'link', `Programme ${programme.slug}`)
      await expectGoodPage(page, `Waitlist: Programme ${programme.slug}`)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
