import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectAccessible, launchBrowser, sharedSignedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'
import { NOW, seedProgrammeHistory, type Seeded } from './seed.js'

let server: ListeningTestApp
let browser: Browser
let seeded: Seeded
let cookie: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  server.clock.set(NOW)
  seeded = await seedProgrammeHistory(server.app.pg.pool)
  cookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

describe('admin review pages in Chromium', () => {
  // These pages only show: the cases share one page.
  const open = sharedSignedInPage(() => ({ browser, baseUrl: server.baseUrl, cookie }))
  it.each([
    ['/admin/actions', 'Follow-up actions'],
    ['/admin/actions?sort=-candidate&q=candidate&dueFrom=2026-01-01&status=typo', 'Follow-up actions'],
    ['/admin/actions/summary', 'Follow-up actions: summary'],
    ['/admin/reports?from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026', 'Programme report'],
  ])('%s has no WCAG 2.2 AA problems axe can find', async (path, heading) => {
    const url = path.startsWith('/admin/reports') ? `${path}&programme=${seeded.programme.id}` : path
    const page = await open(url, path.includes('typo') ? 400 : 200)
    expect(await page.locator('h1').textContent()).toBe(heading)
    await expectAccessible(page)
  })
})
