import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { anonymousPage, expectAccessible, launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { asStaff, createConversation, createProgramme, draftNotesWithAction, freshSessions, signedIn, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * The candidate's page after a refused form, in Chromium: what was
 * typed and chosen stays, and the error summary is where the page opens, with
 * focus on it. The clock starts on Monday 2 March 2026, 8am.
 */

let server: ListeningTestApp
let browser: Browser
let coach: SignedIn
let programme: { id: string; slug: string }

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  programme = await createProgramme(server.app)
  coach = await signedIn(server.app, 'coach', 'Amina Okafor')
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

/** The error summary has focus, and the page shows it (it is in the window, not scrolled past). */
async function expectErrorSummaryInFocus(page: Page) {
  const summary = page.locator('.nhsuk-error-summary').first()
  await expect(summary.evaluate((element) => element === document.activeElement)).resolves.toBe(true)
  const box = await summary.boundingBox()
  expect(box!.y).toBeGreaterThanOrEqual(0)
  expect(box!.y).toBeLessThan(page.viewportSize()!.height)
}

describe("the candidate's page after an error", () => {
  it('opens at the error summary, focused, after a too-long preparation answer, keeping the answer', async () => {
    server.clock.set('2026-03-02T08:00:00.000Z')
    const conversation = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-05T10:00:00.000Z')
    const { page, problems } = await anonymousPage(browser, 1280)
    try {
      await page.goto(`${server.baseUrl}/bookings/manage/${conversation.token}#prepare`)
      const answer = 'x'.repeat(5001)
      await page.getByLabel('What would you like to get out of the conversation?').fill(answer)
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save your answers' }).click()])
      expect(new URL(page.url()).hash).toBe('')
      await expect(page.locator('.nhsuk-error-summary').first().textContent()).resolves.toContain('must be 5,000 characters or fewer')
      await expectErrorSummaryInFocus(page)
      await expect(page.getByLabel('What would you like to get out of the conversation?').inputValue()).resolves.toBe(answer)
      await expectAccessible(page, 'preparation error')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('keeps the status chosen and the comment typed when an action update is refused', async () => {
    server.clock.set('2026-03-02T08:00:00.000Z')
    const conversation = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-02T09:00:00.000Z')
    server.clock.set('2026-03-02T09:50:00.000Z')
    await freshSessions(server.app, coach)
    await draftNotesWithAction(server.app, coach, conversation.id, { action: { summary: 'Book a maths course', dueOn: '2026-03-30', owner: 'candidate' } })
    const done = await asStaff(server.app, coach.cookie, 'POST', `/api/v1/bookings/${conversation.id}/notes/complete`, { version: 1 })
    expect(done.statusCode, done.body).toBe(200)

    const { page, problems } = await anonymousPage(browser, 1280)
    try {
      await page.goto(`${server.baseUrl}/bookings/manage/${conversation.token}#summary`)
      const card = page.locator('.app-action', { hasText: 'Book a maths course' })
      await card.getByLabel('In progress').check()
      const comment = `I have looked at courses. ${'y'.repeat(500)}`
      await card.getByLabel('Comment (optional)').fill(comment)
      await Promise.all([page.waitForNavigation(), card.getByRole('button', { name: 'Update action' }).click()])
      await expect(page.locator('.nhsuk-error-summary').first().textContent()).resolves.toContain('Your comment must be 500 characters or fewer')
      await expectErrorSummaryInFocus(page)
      const again = page.locator('.app-action', { hasText: 'Book a maths course' })
      await expect(again.getByLabel('In progress').isChecked()).resolves.toBe(true)
      await expect(again.getByLabel('Comment (optional)').inputValue()).resolves.toBe(comment)
      await expectAccessible(page, 'action update error')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
