import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  expectAccessible,
  expectNoHorizontalScrolling,
  launchBrowser,
  signedInContext,
  startTestServer,
  tabTo,
  type ListeningTestApp,
  saveScreenshot,
} from '../support/browser.js'
import { createStaff, startSession } from '../support/staff.js'
import { seedProgrammeHistory, type Seeded } from '../reports/seed.js'
import { matching, REVIEW_NOW, seedReview, type ReviewSeed } from './review-seed.js'

/**
 * The follow-up review's new pages and the report in Chromium: no problems
 * axe can find, nothing wider than a 320 px screen (wide tables scroll in
 * their own region), the bulk status change done with the keyboard alone and
 * again with JavaScript off, and the report's charts readable at 320 px and
 * in forced colours.
 */

let server: ListeningTestApp
let browser: Browser
let seeded: ReviewSeed
let history: Seeded
let cookie: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  server.clock.set(REVIEW_NOW)
  seeded = await seedReview(server.app.pg.pool, { bookings: 16, seed: 5 })
  history = await seedProgrammeHistory(server.app.pg.pool)
  await server.app.pg.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, version, status, created_at, updated_at, completed_at)
     SELECT b.id, 'four-stage', 1, '{}', 1, 'complete', now(), now(), now() FROM bookings b
      WHERE NOT EXISTS (SELECT 1 FROM conversation_notes n WHERE n.booking_id = b.id)`,
  )
  await server.app.pg.query(`UPDATE conversation_notes SET status = 'complete', completed_at = now()`)
  cookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

const reportUrl = () =>
  `/admin/reports?programme=${history.programme.id}&from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026`

async function withPage<T>(width: number, work: (page: Page) => Promise<T>, options: { javaScript?: boolean } = {}): Promise<T> {
  const context =
    options.javaScript === false
      ? await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false })
      : await signedInContext(browser, server.baseUrl, cookie, width)
  if (options.javaScript === false) {
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.baseUrl }])
  }
  try {
    return await work(await context.newPage())
  } finally {
    await context.close()
  }
}

const statusOf = async (id: string) => (await server.app.pg.query<{ status: string }>('SELECT status FROM actions WHERE id = $1', [id])).rows[0]!.status

describe('the follow-up review and report pages in Chromium', () => {
  it.each([1280, 320])('at %i px: the review, a candidate’s page and the report have no problems axe finds and no sideways scrolling', async (width) => {
    await withPage(width, async (page) => {
      const candidate = seeded.bookings[2]!
      for (const [url, title] of [
        ['/admin/actions', 'Follow-up actions'],
        [`/admin/actions/candidates/${candidate.id}`, candidate.candidateName],
        [reportUrl(), 'Programme report'],
      ] as const) {
        const response = await page.goto(`${server.baseUrl}${url}`)
        expect(response?.status(), url).toBe(200)
        await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
        await expectAccessible(page, `${url} at ${width} px`)
        await expectNoHorizontalScrolling(page, `${url} at ${width} px`)
      }
      // On the report, a table too wide for the screen scrolls inside its own region, which the keyboard can reach.
      const regions = await page.locator('.app-table-scroll').evaluateAll((nodes) =>
        nodes.map((node) => ({ tabIndex: (node as HTMLElement).tabIndex, role: node.getAttribute('role'), wider: node.scrollWidth > node.clientWidth })),
      )
      expect(regions.length).toBeGreaterThan(5)
      expect(regions.every((r) => r.tabIndex === 0 && r.role === 'region')).toBe(true)
      if (width === 320) expect(regions.some((r) => r.wider)).toBe(true)
      await saveScreenshot(page, `/tmp/report-${width}.png`)
    })
  })

  it('draws the report’s charts within their width at 320 px, and in the system’s colours when colours are forced', async () => {
    await withPage(320, async (page) => {
      await page.goto(`${server.baseUrl}${reportUrl()}`)
      const charts = await page.locator('svg.app-chart').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect()
          const texts = Array.from(svg.querySelectorAll('text')).map((t) => t.getBoundingClientRect())
          // Texts on one line (a label and its figure) must not overlap.
          const overlaps = texts.some((a, i) => texts.some((b, j) => i < j && Math.abs(a.top - b.top) < 2 && a.right > b.left && b.right > a.left))
          return {
            id: svg.id,
            inside: texts.every((t) => t.left >= box.left - 0.5 && t.right <= box.right + 0.5),
            overlaps,
            fontSize: Math.min(...Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize))),
          }
        }),
      )
      expect(charts.map((c) => c.id)).toEqual([
        'funnel-chart',
        'completed-chart',
        'by-category-chart',
        'utilisation-chart',
        'per-week-chart',
        // What candidates said and went on to (the report's feedback and outcomes).
        'usefulness-chart',
        'confidence-chart',
        'outcomes-3-chart',
        'outcomes-12-chart',
      ])
      for (const chart of charts) expect(chart, chart.id).toMatchObject({ inside: true, overlaps: false, fontSize: 16 })
      for (const id of ['funnel-chart', 'per-week-chart']) await saveScreenshot(page.locator(`#${id}`), `/tmp/${id}-320.png`)

      const colours = () =>
        page.evaluate(() => {
          const bar = document.querySelector('.app-chart__bar')!
          const text = document.querySelector('.app-chart__text')!
          return { bar: getComputedStyle(bar).fill, text: getComputedStyle(text).fill, body: getComputedStyle(document.body).color }
        })
      expect(await colours()).toEqual({ bar: 'rgb(0, 94, 184)', text: 'rgb(33, 43, 50)', body: 'rgb(33, 43, 50)' })
      await page.emulateMedia({ forcedColors: 'active' })
      const forced = await colours()
      // The system's text colour for bars and text alike: visible on the system's background whatever the theme.
      expect(forced.bar).toBe(forced.body)
      expect(forced.text).toBe(forced.body)
      expect(forced.bar).not.toBe('rgb(0, 94, 184)')
      await saveScreenshot(page.locator('#funnel-chart'), '/tmp/funnel-chart-forced-colours.png')
    })
  })

  it('changes the status of an action with the keyboard alone', async () => {
    const action = seeded.actions.find((a) => a.status === 'not_started')!
    await withPage(1280, async (page) => {
      await page.goto(`${server.baseUrl}/admin/actions?q=${action.reference}`)
      await tabTo(page, 'the action’s checkbox', new Function('e', `return e.id === 'select-${action.id}'`) as (e: Element) => boolean, 80)
      await page.keyboard.press('Space')
      await tabTo(page, 'the first choice of which actions', (e) => e.getAttribute('name') === 'scope', 20)
      await page.keyboard.press('Space')
      expect(await page.locator('input[name="scope"][value="selected"]').isChecked()).toBe(true)
      await tabTo(page, 'the new status', (e) => e.id === 'bulk-status', 5)
      await page.keyboard.type('In progress')
      await page.keyboard.press('Tab')
      await page.keyboard.type('Checked with the candidate by phone')
      await tabTo(page, 'Continue', (e) => e.textContent?.trim() === 'Continue', 3)
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])

      await expect(page.title()).resolves.toBe('Change 1 action to in progress? – Career conversations – NHS')
      await expectAccessible(page, 'the confirmation page')
      expect(await statusOf(action.id)).toBe('not_started')
      await tabTo(page, 'the button that changes it', (e) => e.textContent?.trim() === 'Change 1 action', 30)
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])

      await expect(page.title()).resolves.toBe('1 action changed to in progress – Career conversations – NHS')
      await expectAccessible(page, 'the page saying what changed')
      expect(await statusOf(action.id)).toBe('in_progress')
      const { rows } = await server.app.pg.query(`SELECT actor, comment FROM action_status_changes WHERE action_id = $1 ORDER BY id DESC LIMIT 1`, [action.id])
      expect(rows).toEqual([{ actor: 'admin', comment: 'Checked with the candidate by phone' }])
      action.status = 'in_progress'
    })
  })

  it('changes every action that matches the filters, with JavaScript off, at 320 px', async () => {
    const filters = { programme: seeded.programmes[1]!.slug, status: 'in_progress', owner: 'candidate' }
    const expected = matching(seeded.actions, filters)
    expect(expected.length).toBeGreaterThan(0)
    await withPage(
      320,
      async (page) => {
        await page.goto(`${server.baseUrl}/admin/actions?${new URLSearchParams(filters).toString()}`)
        await page.getByRole('radio', { name: /Every action that matches these filters, up to 500/ }).check()
        await page.getByLabel('New status').selectOption('done')
        await page.getByLabel('Comment').fill('Closed at the quarterly review')
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()])
        const count = expected.length
        await expect(page.title()).resolves.toBe(`Change ${count} ${count === 1 ? 'action' : 'actions'} to done? – Career conversations – NHS`)
        await expectNoHorizontalScrolling(page, 'the confirmation page at 320 px')
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `Change ${count} ${count === 1 ? 'action' : 'actions'}` }).click()])
        await expect(page.title()).resolves.toBe(`${count} ${count === 1 ? 'action' : 'actions'} changed to done – Career conversations – NHS`)
        for (const action of expected) expect(await statusOf(action.id)).toBe('done')
        // Back to the list, filters kept.
        await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Back to the actions' }).first().click()])
        expect(new URL(page.url()).searchParams.get('status')).toBe('in_progress')
      },
      { javaScript: false },
    )
  })
})
