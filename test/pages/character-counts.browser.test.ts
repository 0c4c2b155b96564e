import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { seedDemoDataForRepeatBookings } from '../support/booking-fixtures.js'
import { anonymousPage, expectAccessible, launchBrowser, signedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createConversation, createProgramme, draftNotesWithAction, freshSessions, signedIn, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * Long text boxes say how much can be written, with
 * nhsuk-frontend's character count, each limit the one its service checks.
 * A candidate's: accessibility needs when booking, each preparation answer,
 * the reason for cancelling. Staff's: the notes' free text, the reasons for
 * moving or cancelling a booking, the bulk status comment, the invitation
 * note, the reason for deactivating a coach and a resource's description.
 * The clock starts on Monday 2 March 2026, 8am.
 */

let server: ListeningTestApp
let browser: Browser
let conversation: { id: string; token: string }
let programme: { id: string }
let coach: SignedIn
let admin: SignedIn

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  await seedDemoDataForRepeatBookings({ databaseUrl: server.databaseUrl })
  programme = await createProgramme(server.app)
  coach = await signedIn(server.app, 'coach', 'Amina Okafor')
  admin = await signedIn(server.app, 'admin', 'Pat Admin')
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

  /** Each box (by id): its count says how much is left of its limit, counting down as they type; the page is axe-clean. */
  async function expectCounts(page: Page, boxes: [id: string, limit: number][], label: string) {
    for (const [id, limit] of boxes) {
      const count = page.locator(`.nhsuk-character-count:has(#${id})`)
      const already = [...(await page.locator(`#${id}`).inputValue())].length
      await expect(count.innerText(), id).resolves.toContain(`You have ${(limit - already).toLocaleString('en-GB')} characters remaining`)
      await page.locator(`#${id}`).fill('Twelve chars')
      await expect(count.innerText(), id).resolves.toContain(`You have ${(limit - 12).toLocaleString('en-GB')} characters remaining`)
    }
    await expectAccessible(page, label)
  }

  it("on the staff's long text boxes, each with its own limit", async () => {
    server.clock.set('2026-03-05T10:50:00.000Z')
    await freshSessions(server.app, coach, admin)
    await draftNotesWithAction(server.app, coach, conversation.id, { action: { summary: 'Look at college courses' } })

    const coachPage = await signedInPage(browser, server.baseUrl, coach.cookie, 320)
    try {
      await coachPage.page.goto(`${server.baseUrl}/coach/conversations/${conversation.id}/notes`)
      await expectCounts(coachPage.page, [['f-purpose', 10_000], ['f-whoAmIPrivateNotes', 10_000]], 'notes with counts')
      expect(coachPage.problems).toEqual([])
    } finally {
      await coachPage.context.close()
    }

    // One still to come, so it can be moved or cancelled.
    const later = await createConversation(server.app, programme.id, coach.coachId!, '2026-03-06T10:00:00.000Z', { email: 'later@example.com' })
    const adminPage = await signedInPage(browser, server.baseUrl, admin.cookie, 1280)
    const page = adminPage.page
    try {
      await page.goto(`${server.baseUrl}/admin/bookings/${later.id}`)
      await expectCounts(page, [['reassign-reason', 1000], ['cancel-reason', 1000]], 'booking with counts')
      await page.goto(`${server.baseUrl}/admin/actions`)
      await expectCounts(page, [['bulk-comment', 500]], 'actions with a count')
      await page.goto(`${server.baseUrl}/admin/invitations/new`)
      await expectCounts(page, [['note', 1000]], 'invitation with a count')
      await page.goto(`${server.baseUrl}/admin/staff/${coach.id}/deactivate`)
      await expectCounts(page, [['reason', 1000]], 'deactivation with a count')
      await page.goto(`${server.baseUrl}/admin/resources`)
      await expectCounts(page, [['description', 500]], 'resources with a count')
      expect(adminPage.problems).toEqual([])
    } finally {
      await adminPage.context.close()
    }
  })
})
