import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { buildTestApp, testConfig, TestClock } from '../helper.js'
import { anonymousPage, expectAccessible, expectNoHorizontalScrolling, launchBrowser, listen, watchForProblems, saveScreenshot } from '../support/browser.js'
import { postBooking, seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import { waitForIdleQueue } from '../support/jobs.js'
import { startTestSmtp, type TestSmtp } from '../support/smtp.js'
import { startSession } from '../support/staff.js'
import { draftNotesWithAction } from '../notes/notes-fixtures.js'
import type { TestApp } from '../helper.js'

/**
 * The candidate's space from end to end in Chromium: book through the API with the worker running
 * and real SMTP, open the link from the confirmation email, fill two
 * preparation answers (saved as they go), reload, see them kept; the coach
 * sees them. Then the page at 320 and 1280 px with axe, a failed save's
 * warning, and the summary and actions once the coach completes the notes.
 * Screenshots: /tmp/candidate-*.png. Demo programme `vaccinators`.
 */

describe("the candidate's own space in Chromium", () => {
  let smtp: TestSmtp
  let t: TestApp
  let baseUrl: string
  let browser: Browser

  beforeAll(async () => {
    smtp = await startTestSmtp()
    const databaseUrl = await createTestDatabase()
    await seedDemoDataForRepeatBookings({ databaseUrl, password: 'a demo password for tests' })
    ;[t, browser] = await Promise.all([
      buildTestApp({
        databaseUrl,
        clock: new TestClock(new Date('2026-03-02T08:00:00.000Z')),
        runWorker: true,
        config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, PUBLIC_URL: 'https://careers.example.nhs.uk' }),
      }),
      launchBrowser(),
    ])
    baseUrl = await listen(t.app)
  })
  afterAll(async () => {
    await browser?.close()
    await t?.app.close()
    await smtp?.close()
  })

  /** No accessibility problems and no sideways scrolling (the title is checked where it matters), then a screenshot. */
  async function expectGoodPage(page: Page, screenshot: string) {
    await expectAccessible(page)
    await expectNoHorizontalScrolling(page, screenshot)
    await saveScreenshot(page, `/tmp/${screenshot}.png`)
  }

  it('opens the link from the confirmation email, keeps two answers across a reload, and the coach sees them', async () => {
    const booked = await postBooking(t.app, {
      programme: 'vaccinators',
      start: '2026-03-03T09:45:00.000Z',
      timeZone: 'Europe/London',
      candidate: { name: 'Sam Taylor', email: 'sam.browser@example.com', phone: '07700 900 982' },
      contactMethod: 'phone',
      consent: true,
    })
    expect(booked.statusCode, booked.body).toBe(201)
    const bookingId = booked.json().booking.id as string

    await smtp.waitFor(1)
    await waitForIdleQueue(t.app)
    const confirmation = smtp.received.find((m) => m.envelopeTo[0] === 'sam.browser@example.com' && m.parsed.subject === 'Your career conversation is booked')
    expect(confirmation, smtp.received.map((m) => m.parsed.subject).join(', ')).toBeDefined()
    const path = /https:\/\/careers\.example\.nhs\.uk(\/bookings\/manage\/[A-Za-z0-9_-]+)/.exec(confirmation!.parsed.text ?? '')![1]!

    const { page, problems } = await anonymousPage(browser, 1280)
    try {
      await page.goto(`${baseUrl}${path}`)
      await expect(page.title()).resolves.toBe('Your career conversation – Career conversations – NHS')
      await expectGoodPage(page, 'candidate-1280')
      // The short form: eight boxes, each with its character count.
      await expect(page.locator('#prepare textarea').count()).resolves.toBe(8)
      await expect(page.locator('#prepare .nhsuk-character-count').count()).resolves.toBe(8)

      await page.getByLabel('What would you like to get out of the conversation?', { exact: true }).fill('Find a route into nursing')
      await page.getByLabel('Which roles have caught your interest?', { exact: true }).fill('Nursing associate\nHealthcare assistant')
      await page.waitForFunction(() => document.querySelector('[data-autosave-status]')?.textContent === 'Saved', undefined, { timeout: 10_000 })
      await page.reload()
      await expect(page.getByLabel('What would you like to get out of the conversation?', { exact: true }).inputValue()).resolves.toBe('Find a route into nursing')
      await expect(page.getByLabel('Which roles have caught your interest?', { exact: true }).inputValue()).resolves.toBe('Nursing associate\nHealthcare assistant')

      // The coach's view.
      const { rows } = await t.app.pg.query(`SELECT c.staff_user_id FROM bookings b JOIN coaches c ON c.id = b.coach_id WHERE b.id = $1`, [bookingId])
      const cookie = await startSession(t.app, rows[0].staff_user_id)
      const coachView = await t.app.inject({ url: `/api/v1/bookings/${bookingId}/preparation`, headers: { cookie } })
      expect(coachView.statusCode).toBe(200)
      expect(coachView.json().answers).toEqual({ conversationGoal: 'Find a route into nursing', rolesOfInterest: 'Nursing associate\nHealthcare assistant' })

      // A save that fails says so, visibly.
      await page.route('**/api/v1/bookings/*/preparation', (route) => route.abort())
      await page.getByLabel('What are your strengths and skills?', { exact: true }).fill('Calm')
      await page.locator('[data-autosave-warning]').waitFor({ state: 'visible', timeout: 10_000 })
      await expect(page.locator('[data-autosave-status]').textContent()).resolves.toBe('Not saved')
      await expect(page.locator('[data-autosave-warning]').textContent()).resolves.toContain('We could not save your latest answers')
      await page.unroute('**/api/v1/bookings/*/preparation')
      expect(problems.filter((problem) => !problem.includes('preparation'))).toEqual([])
    } finally {
      await page.close()
    }

    const narrow = await anonymousPage(browser, 320)
    try {
      await narrow.page.goto(`${baseUrl}${path}#prepare`)
      await expectGoodPage(narrow.page, 'candidate-320')
    } finally {
      await narrow.page.close()
    }

    // After the conversation, once the coach completes the notes: the summary and actions, at 320 px.
    t.clock.set('2026-03-03T10:35:00.000Z')
    const { rows } = await t.app.pg.query(`SELECT c.staff_user_id FROM bookings b JOIN coaches c ON c.id = b.coach_id WHERE b.id = $1`, [bookingId])
    const cookie = await startSession(t.app, rows[0].staff_user_id)
    await draftNotesWithAction(t.app, { cookie }, bookingId, {
      action: { summary: 'Book a functional skills maths course at the local college', category: 'training_or_course' },
    })
    const completed = await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${bookingId}/notes/complete`, headers: { cookie }, payload: { version: 1 } })
    expect(completed.statusCode).toBe(200)

    const after = await anonymousPage(browser, 320)
    try {
      await after.page.goto(`${baseUrl}${path}#summary`)
      await expect(after.page.locator('#summary').textContent()).resolves.toContain('Maths (the one to focus on first)')
      await after.page.getByLabel('In progress', { exact: true }).check()
      await after.page.getByLabel('Comment (optional)', { exact: true }).fill('Rang the college')
      await Promise.all([after.page.waitForNavigation(), after.page.getByRole('button', { name: 'Update action' }).click()])
      await expect(after.page.locator('#summary').textContent()).resolves.toContain('Your action has been updated.')
      await expect(after.page.locator('#summary').textContent()).resolves.toContain('Rang the college')
      await expectGoodPage(after.page, 'candidate-summary-320')
      expect(after.problems).toEqual([])
    } finally {
      await after.page.close()
    }
  })

  /** A booking of the demo programme, and the path of its candidate's page. */
  async function book(start: string, email: string): Promise<{ id: string; path: string }> {
    const booked = await postBooking(t.app, {
      programme: 'vaccinators',
      start,
      timeZone: 'Europe/London',
      candidate: { name: 'Jo Bloggs', email, phone: '07700 900 983' },
      contactMethod: 'phone',
      consent: true,
    })
    expect(booked.statusCode, booked.body).toBe(201)
    return { id: booked.json().booking.id, path: new URL(booked.json().manageUrl as string).pathname }
  }

  it('works without JavaScript at 320 px: the short form saved with its button, a too-long answer in the error summary', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const booking = await book('2026-03-04T09:45:00.000Z', 'jo.nojs@example.com')
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, javaScriptEnabled: false })
    const page = await context.newPage()
    const problems = watchForProblems(page)
    try {
      await page.goto(`${baseUrl}${booking.path}#prepare`)
      await expect(page.locator('#prepare textarea').count()).resolves.toBe(8)
      const legends = (await page.locator('#prepare legend').allTextContents()).map((text) => text.trim())
      expect(legends).toEqual(['Know yourself', 'Explore possibilities', 'Making choices', 'Making it happen'])
      // (axe runs in the page's own JavaScript: the same page is checked with it above, at 320 and 1280 px.)
      await saveScreenshot(page, '/tmp/candidate-short-form-no-js-320.png')
      await page.getByLabel('What are your strengths and skills?', { exact: true }).fill('Calm with worried people')
      await page.getByLabel('What support would help you?', { exact: true }).fill('Time to study')
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save your answers' }).click()])
      await expect(page.locator('#prepare').textContent()).resolves.toContain('Your answers have been saved.')
      await expect(page.getByLabel('What support would help you?', { exact: true }).inputValue()).resolves.toBe('Time to study')
      const saved = await t.app.inject({ url: `/api/v1/bookings/${booking.id}/preparation`, headers: { authorization: `Bearer ${booking.path.split('/').pop()}` } })
      expect(saved.json().answers).toEqual({ strengthsAndSkills: 'Calm with worried people', supportWanted: 'Time to study' })

      await page.getByLabel('What matters to you in work?', { exact: true }).fill('x'.repeat(5001))
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save your answers' }).click()])
      const summary = page.locator('.nhsuk-error-summary').first()
      await expect(summary.textContent()).resolves.toContain('Answer to "What matters to you in work?" must be 5,000 characters or fewer')
      await expect(summary.locator('a').getAttribute('href')).resolves.toBe('#prepare-workValues')
      await saveScreenshot(page, '/tmp/candidate-short-form-error-no-js-320.png')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('keeps answers written on the first form with its questions: shown, saved as they type, axe-clean', async () => {
    t.clock.set('2026-03-02T08:00:00.000Z')
    const booking = await book('2026-03-04T10:30:00.000Z', 'jo.firstform@example.com')
    await t.app.pg.query(`INSERT INTO booking_preparations (booking_id, answers, updated_at) VALUES ($1, $2, now())`, [
      booking.id,
      JSON.stringify({ technicalSkills: 'Taking blood', helpWanted: 'Time to study' }),
    ])
    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.goto(`${baseUrl}${booking.path}#prepare`)
      await expect(page.getByLabel('What technical skills do you have?', { exact: true }).inputValue()).resolves.toBe('Taking blood')
      await expect(page.getByLabel('What could the programme team or your coach do to help?', { exact: true }).inputValue()).resolves.toBe('Time to study')
      await expect(page.locator('#prepare textarea').count()).resolves.toBe(20)
      await expectGoodPage(page, 'candidate-first-form-320')
      await page.getByLabel('What interests you?', { exact: true }).fill('Working with children')
      await page.waitForFunction(() => document.querySelector('[data-autosave-status]')?.textContent === 'Saved', undefined, { timeout: 10_000 })
      const saved = await t.app.inject({ url: `/api/v1/bookings/${booking.id}/preparation`, headers: { authorization: `Bearer ${booking.path.split('/').pop()}` } })
      expect(saved.json().answers).toEqual({ technicalSkills: 'Taking blood', helpWanted: 'Time to study', interests: 'Working with children' })
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('shows the "This link does not work" page with a way to get a new link, at 320 px', async () => {
    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.goto(`${baseUrl}/bookings/manage/not-a-real-link`)
      await expectGoodPage(page, 'candidate-link-does-not-work-320')
      await page.getByLabel('Email address').fill('nobody@example.com')
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send me a new link' }).click()])
      await expect(page.title()).resolves.toBe('Check your email – Career conversations – NHS')
      await expectGoodPage(page, 'candidate-new-link-sent-320')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
