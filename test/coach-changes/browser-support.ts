/** What the Chromium tests of the coach-change and bookings pages share. */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectAccessible, expectNoHorizontalScrolling, watchForProblems } from '../support/browser.js'

export const DESKTOP = 1280
export const NARROW = 320

/** Pages opened without JavaScript: no timers run there, so axe cannot (the same pages are checked with it on). */
const withoutJavaScript = new WeakSet<Page>()

/**
 * A page of a new context signed in with `cookie` ("name=value", or none for
 * a candidate), at desktop width, with or without JavaScript, its problems
 * watched; close `context` when done.
 */
export async function pageOf(
  browser: Browser,
  baseUrl: string,
  { cookie, javaScript }: { cookie?: string; javaScript: boolean },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: DESKTOP, height: 900 }, javaScriptEnabled: javaScript })
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: baseUrl }])
  }
  const page = await context.newPage()
  if (!javaScript) withoutJavaScript.add(page)
  return { context, page, problems: watchForProblems(page) }
}

/**
 * The page's title is `${title} – Career conversations – NHS`, and axe finds
 * nothing at desktop width nor at 320 px, where nothing scrolls sideways.
 * Without JavaScript axe cannot run (no timers): the title and the 320 px
 * width are checked. The page is left at desktop width.
 */
export async function expectGoodAtBothWidths(page: Page, title: string): Promise<void> {
  const axe = !withoutJavaScript.has(page)
  await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
  if (axe) await expectAccessible(page, `${title} (desktop)`)
  await page.setViewportSize({ width: NARROW, height: 900 })
  try {
    if (axe) await expectAccessible(page, `${title} (320 px)`)
    await expectNoHorizontalScrolling(page, `${title} (320 px)`)
  } finally {
    await page.setViewportSize({ width: DESKTOP, height: 900 })
  }
}

/** Clicks the button or link with exactly this name and waits for the page it leads to. */
export async function go(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: typeof name === 'string' }).click()])
}

/** The error summary's links, as "#field message" (the page must have one). */
export async function errorLinks(page: Page): Promise<string[]> {
  return page.locator('.nhsuk-error-summary a').evaluateAll((links) => links.map((a) => `${a.getAttribute('href')} ${a.textContent?.trim()}`))
}
