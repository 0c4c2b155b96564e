import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { anonymousPage, expectAccessible, launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createConversation, createProgramme, signedIn } from '../notes/notes-fixtures.js'

/**
 * Long text boxes a candidate fills say how much they can write (issue 18),
 * with nhsuk-frontend's character count: accessibility needs when booking,
 * each preparation answer, and the reason for cancelling. The clock starts on
 * Monday 2 March 2026, 8am.
 */

let server: ListeningTestApp
let browser: Browser
let conversation: { token: string }

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  await seedDemoDataForRepeatBookings({ databaseUrl: server.databaseUrl })
  const programme = await createProgramme(server.app)
  const coach = await signedIn(server.app, 'coach', 'Amina Okafor')
  conversation = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-05T10:00:00.000Z')
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})


async function continueTo(page: Page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue', exact: true }).click()])
}

describe('character counts', () => {
  it('on accessibility needs when booking: 2,000 characters, counting down as they type', async () => {
    const { page, problems } = await anonymousPage(browser, 320)
    try {
      await page.goto(`${server.baseUrl}/book/vaccinators/day`)
      await page.getByLabel('Tuesday 3 March', { exact: true }).check()
      await continueTo(page)
      await page.getByLabel('9:45am', { exact: true }).check()
      await continueTo(page)
      await page.getByLabel('Full name').fill('Sam Patel')
      await page.getByLabel('Email address').fill('sam.patel@example.com')
      await continueTo(page)
      const box = page.getByLabel('Do you need anything to help you take part? (optional)')
      await expect(page.locator('.nhsuk-character-count').innerText()).resolves.toContain('You have 2,000 characters remaining')
      await box.fill('Captions, please')
      await expect(page.locator('.nhsuk-character-count').innerText()).resolves.toContain('You have 1,984 characters remaining')
      await expectAccessible(page, 'contact with a count')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('on each preparation answer (5,000) and on the reason for cancelling (1,000)', async () => {
    server.clock.set('2026-03-02T08:00:00.000Z')
    const { page, problems } = await anonymousPage(browser, 1280)
    try {
      await page.goto(`${server.baseUrl}/bookings/manage/${conversation.token}#prepare`)
      const counts = page.locator('#prepare .nhsuk-character-count')
      await expect(counts.count()).resolves.toBeGreaterThan(5)
      await expect(counts.first().innerText()).resolves.toContain('You have 5,000 characters remaining')

      await page.goto(`${server.baseUrl}/bookings/manage/${conversation.token}/cancel`)
      await expect(page.locator('.nhsuk-character-count').innerText()).resolves.toContain('You have 1,000 characters remaining')
      await expectAccessible(page, 'cancel with a count')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
