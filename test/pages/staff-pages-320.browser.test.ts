import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { expectAccessible, expectNoHorizontalScrolling, launchBrowser, sharedSignedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'
import { NOW, seedProgrammeHistory, type Seeded } from '../reports/seed.js'

/**
 * Staff pages at 320 pixels wide, in Chromium, with a programme's history in
 * them: none scrolls sideways; every admin page has the admin
 * header links, and every coach page (availability's sub-pages too) the
 * coach's, with the section the page is in marked current; no column name of a
 * responsive table is broken inside a word; axe finds nothing.
 */

let server: ListeningTestApp
let browser: Browser
let seeded: Seeded
let admin: string
let coach: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  server.clock.set(NOW)
  seeded = await seedProgrammeHistory(server.app.pg.pool)
  admin = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
  coach = await startSession(server.app, seeded.alice.staffUserId)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

/** The header's links, and which is current. */
async function headerLinks(page: Page) {
  return page.locator('.nhsuk-header__navigation-list > li a').evaluateAll((links) =>
    links.map((link) => `${link.textContent?.trim()}${link.getAttribute('aria-current') === 'page' ? ' (current)' : ''}`),
  )
}

/**
 * The words of responsive tables' column names (shown beside each value on a narrow screen) that the page breaks
 * across lines, e.g. "Email" drawn as "Emai" and "l": each word's text is measured as it is drawn.
 */
async function headingWordsBroken(page: Page): Promise<string[]> {
  return page.locator('.nhsuk-table--responsive .nhsuk-table__heading').evaluateAll((headings) => {
    const broken: string[] = []
    for (const heading of headings) {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (const word of text.matchAll(/\S+/g)) {
          const range = document.createRange()
          range.setStart(node, word.index)
          range.setEnd(node, word.index + word[0].length)
          const lines = new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)))
          if (lines.size > 1) broken.push(word[0])
        }
      }
    }
    return broken
  })
}

const ADMIN_LINKS = ['Admin home', 'Invitations', 'Bookings', 'Actions', 'Coaches', 'Reports']
const current = (links: string[], which: string) => links.map((link) => (link === which ? `${link} (current)` : link))

describe('admin pages at 320px', () => {
  // These pages only show: the cases share one page (sharedSignedInPage).
  const open = sharedSignedInPage(() => ({ browser, baseUrl: server.baseUrl, cookie: admin }), 320)
  it.each([
    ['/admin', 'Admin home'],
    ['/admin/actions', 'Actions'],
    ['/admin/actions/summary', 'Actions'],
    ['/admin/reports?from-day=1&from-month=1&from-year=2026&to-day=31&to-month=5&to-year=2026&programme=PROGRAMME', 'Reports'],
    ['/admin/invitations', 'Invitations'],
    ['/admin/coaches', 'Coaches'],
    ['/admin/coaches/ALICE/availability', 'Coaches'],
    ['/admin/programmes', 'Admin home'],
    ['/admin/staff', 'Admin home'],
    ['/admin/resources', 'Admin home'],
    ['/admin/emails', 'Admin home'],
    ['/admin/data', 'Admin home'],
    ['/admin/audit', 'Admin home'],
  ])('%s: no sideways scrolling, the admin header links (%s current)', async (path, section) => {
    const page = await open(path.replace('PROGRAMME', seeded.programme.id).replace('ALICE', seeded.alice.id))
    await expectNoHorizontalScrolling(page, path)
    expect(await headingWordsBroken(page), `${path}: column names broken inside a word`).toEqual([])
    await expectAccessible(page, path)
    expect(await headerLinks(page)).toEqual(current(ADMIN_LINKS, section))
  })
})

describe('coach pages at 320px', () => {
  const open = sharedSignedInPage(() => ({ browser, baseUrl: server.baseUrl, cookie: coach }), 320)
  it.each([
    ['/coach', 'Conversations'],
    ['/coach/availability', 'Availability'],
    ['/coach/availability/weekly-hours', 'Availability'],
    ['/coach/availability/settings', 'Availability'],
    ['/coach/availability/video-link', 'Availability'],
    ['/coach/availability/dates', 'Availability'],
    ['/coach/availability/time-off', 'Availability'],
  ])('%s: no sideways scrolling, the coach header links (%s current)', async (path, section) => {
    const page = await open(path)
    await expectNoHorizontalScrolling(page, path)
    expect(await headingWordsBroken(page), `${path}: column names broken inside a word`).toEqual([])
    await expectAccessible(page, path)
    expect(await headerLinks(page)).toEqual(current(['Conversations', 'Availability'], section))
  })
})
