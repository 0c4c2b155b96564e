import type { FastifyInstance } from 'fastify'
import type axe from 'axe-core'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'

/**
 * Real Chromium for page tests, driven by playwright-core, with axe-core for
 * accessibility checks: Debian's `chromium-headless-shell` (or CHROMIUM_PATH;
 * Debian's full `chromium` when the shell is not installed). The shell is the
 * same engine without the desktop browser's user interface, and it is what
 * Playwright itself runs for headless tests: the browser files took 240 s of
 * Chromium's CPU with the full browser and 121 s with the shell (their wall
 * time 185 s and 122 s), every test passing on both.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium')

/**
 * nhsuk-frontend's compiled CSS loads the Frutiger font from the NHS font host
 * (licensed for NHS services; not in the npm package) and falls back to Arial.
 * The browser is launched with that host mapped to nowhere, so tests never
 * depend on the network (there is none here) and the font's requests fail at
 * once. Not with a route: routing turns Chromium's HTTP cache off, and every
 * page then fetched its stylesheets and scripts again (a page's load took
 * 12-19% longer, and the server's CPU for it nearly doubled).
 */
export const NHS_FONTS = 'https://assets.nhs.uk/fonts/'

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${new URL(NHS_FONTS).hostname} ~NOTFOUND`,
    ],
  })
}

/** The test worker's Chromium (see launchBrowser), started again if it has gone. */
let workerChromium: Promise<Browser> | undefined

async function runningChromium(): Promise<Browser> {
  const running = await workerChromium?.catch(() => undefined)
  if (running?.isConnected()) return running
  workerChromium = launchChromium()
  return workerChromium
}

/**
 * Chromium for one test file. The test worker starts one Chromium and the
 * browser files it runs, one after another, share it: each start cost about
 * a quarter of a second of CPU and there are some thirty browser files. A
 * file sees it as a browser of its own: its contexts and pages are its own
 * (each context is a separate profile in memory, its cookies, storage and
 * cache shared with no other), and `close()` closes the contexts this file
 * opened, not Chromium, which ends with the worker (Playwright stops it when
 * the process exits; its pipe closing stops it too).
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await runningChromium()
  const opened = new Set<BrowserContext>()
  const own = (context: BrowserContext) => {
    opened.add(context)
    context.once('close', () => opened.delete(context))
    return context
  }
  const forThisFile: Partial<Browser> = {
    newContext: async (options) => own(await browser.newContext(options)),
    newPage: async (options) => {
      const page = await browser.newPage(options)
      own(page.context())
      return page
    },
    contexts: () => [...opened],
    close: async () => {
      await Promise.all([...opened].map((context) => context.close()))
    },
  }
  return new Proxy(browser, {
    get(target, property) {
      if (Object.hasOwn(forThisFile, property)) return forThisFile[property as keyof Browser]
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A context signed in with a staff session cookie ("name=value"). */
export async function signedInContext(browser: Browser, baseUrl: string, cookie: string, width = 1280): Promise<BrowserContext> {
  const [name, value] = cookie.split('=') as [string, string]
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  await context.addCookies([{ name, value, url: baseUrl }])
  return context
}

/** Collects the page's errors and console errors as they happen (a blocked font is not one). */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`)
  })
  return problems
}

/** Adds to `problems` every request for anything not from `baseUrl` (the blocked NHS fonts aside). */
export function watchExternalRequests(page: Page, baseUrl: string, problems: string[]): void {
  page.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(`${baseUrl}/`) && !url.startsWith(NHS_FONTS)) problems.push(`external request: ${url}`)
  })
}

/** A page of a new context signed in with `cookie` (see signedInContext), with its problems watched. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  cookie: string,
  width = 1280,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await signedInContext(browser, baseUrl, cookie, width)
  const page = await context.newPage()
  return { context, page, problems: watchForProblems(page) }
}

/**
 * One signed-in page shared by the cases of the describe block it is called
 * in (it registers the block's beforeAll and afterAll), for cases that only
 * look: each loads its own path on it. A context of its own for each case
 * costs Chromium a renderer to start and every asset fetched again, about
 * half a second of the file's time a case. `open(path)` loads the path and
 * checks its status (200 unless given).
 */
export function sharedSignedInPage(
  signedIn: () => { browser: Browser; baseUrl: string; cookie: string },
  width = 1280,
): (path: string, status?: number) => Promise<Page> {
  let context: BrowserContext | undefined
  let page: Page | undefined
  let baseUrl = ''
  beforeAll(async () => {
    const { browser, cookie } = signedIn()
    baseUrl = signedIn().baseUrl
    context = await signedInContext(browser, baseUrl, cookie, width)
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
  })
  return async (path, status = 200) => {
    const response = await page!.goto(`${baseUrl}${path}`)
    expect(response?.status(), path).toBe(status)
    return page!
  }
}

/** A page of its own, signed in as nobody (closing it closes its context), with its problems watched. */
export async function anonymousPage(browser: Browser, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  return { page, problems: watchForProblems(page) }
}

/**
 * Like anonymousPage, but an asset that fails to load or answers with an error
 * is a problem too. The blocked NHS fonts aside, and so are loads the browser
 * abandons itself (net::ERR_ABORTED) when a click navigates away before, say,
 * the favicon has arrived: those say nothing about the page.
 */
export async function anonymousPageWatchingLoads(browser: Browser, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await anonymousPage(browser, width)
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? ''
    if (!request.url().startsWith(NHS_FONTS) && reason !== 'net::ERR_ABORTED') problems.push(`failed: ${request.url()} (${reason})`)
  })
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`)
  })
  return { page, problems }
}

/** Starts an app (already built) on a free port of 127.0.0.1 and gives its base URL, without a trailing slash. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error(`Unexpected server address: ${String(address)}`)
  return `http://127.0.0.1:${address.port}`
}

export interface ListeningTestApp extends TestApp {
  baseUrl: string
}

/** The real app on its own database, listening for the browser; close `app` in afterAll. */
export async function startTestServer(options: Parameters<typeof buildTestApp>[0] = {}): Promise<ListeningTestApp> {
  const testApp = await buildTestApp(options)
  try {
    return { ...testApp, baseUrl: await listen(testApp.app) }
  } catch (error) {
    await testApp.app.close()
    throw error
  }
}

/**
 * Waits until the page is as a person sees it: loaded, nhsuk-frontend's header
 * started (where the browser runs it) and a frame drawn after that. Until the
 * header's script has run, a 320 px page's navigation runs off the screen (the
 * template's inline script has already told the CSS not to wrap it), which axe
 * rightly reports: checking then tests the race, not the page. One round trip
 * that waits in the page on the header's attribute: Playwright's
 * `waitForFunction` polls at every animation frame and set up its own handle
 * first, 5-25 ms of Chromium's and the test's CPU a page more.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const started = () => {
          const header = document.querySelector('[data-module="nhsuk-header"]')
          return !document.body.classList.contains('nhsuk-frontend-supported') || header === null || header.hasAttribute('data-nhsuk-header-init')
        }
        const afterTwoFrames = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
        if (started()) return afterTwoFrames()
        const observer = new MutationObserver(() => {
          if (!started()) return
          observer.disconnect()
          afterTwoFrames()
        })
        observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['class', 'data-nhsuk-header-init'] })
      }),
  )
}

/**
 * axe-core's minified build, read once. `axe.source` is the unminified
 * function's text, twice the size: sending and compiling it took about half
 * of each check (175 ms a page).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * WCAG 2.2 level A and AA, with the earlier versions' rules it includes. axe
 * leaves its experimental rules out of a run by tags, and so do we but for one:
 * `css-orientation-lock` runs by name (see ORIENTATION_RULE). The other in
 * these levels, `p-as-heading` (1.3.1), was tried on every check: it flagged
 * only nhsuk-frontend's own notification banner, whose heading is a <p> by
 * the design system's choice, and the big figures of the coach's count cards,
 * which are not headings: the guesses that make axe call it experimental.
 */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * WCAG 1.3.4 Orientation (AA since 2.1), as axe's `css-orientation-lock`: a
 * stylesheet's `@media (orientation)` rules must not turn the page. axe marks
 * the rule experimental and leaves it out of a run by tags, yet such a run
 * still copied every rule of every stylesheet (nhsuk-frontend's is 278 KB)
 * into a document of its own at each check, for that rule alone: about a
 * sixth of a check's time in the page, for nothing. So the run by tags now
 * loads no stylesheets, and this rule runs by name, once per set of
 * stylesheets in a test worker: its verdict depends on them alone.
 */
const ORIENTATION_RULE = 'css-orientation-lock'

/**
 * Stylesheet sets (their addresses' paths, in order, and the text of inline
 * styles) whose orientation rule found nothing in this worker. A path names
 * the same file for the whole run: the test apps serve the repository's own
 * assets, which no test changes. A set that failed is not kept: it is checked
 * again, so its page's failure is reported where it is found.
 */
const stylesheetsWithoutOrientationLock = new Set<string>()

/**
 * Runs axe-core on the page as it is now; `[]` when it finds nothing. axe is
 * loaded through DevTools, which the page's CSP does not govern.
 */
export async function checkAccessibility(page: Page, tags: string[] = WCAG_22_AA_TAGS): Promise<axe.Result[]> {
  await settled(page)
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await loadAxe(page)
  const found = await page.evaluate(
    // Every rule of the tags at every check; the orientation rule (see ORIENTATION_RULE) when the tags include it and
    // this set of stylesheets has not passed it in this worker.
    async ({ runOnly, orientationRule, checkedStylesheets }) => {
      const axeCore = (window as unknown as { axe: typeof axe }).axe
      const stylesheets = JSON.stringify(
        Array.from(document.styleSheets).map((sheet) => [sheet.href === null ? (sheet.ownerNode?.textContent ?? '') : new URL(sheet.href).pathname, sheet.media.mediaText]),
      )
      const orientationApplies = axeCore.getRules(runOnly).some((rule) => rule.ruleId === orientationRule)
      const everyOtherRule = await axeCore.run(document, {
        runOnly: { type: 'tag', values: runOnly },
        rules: { [orientationRule]: { enabled: false } },
        resultTypes: ['violations'],
        preload: { assets: ['media'] },
      })
      if (!orientationApplies || checkedStylesheets.includes(stylesheets)) return { violations: everyOtherRule.violations }
      const orientation = await axeCore.run(document, {
        runOnly: { type: 'rule', values: [orientationRule] },
        resultTypes: ['violations'],
        preload: { assets: ['cssom'] },
      })
      return { violations: [...everyOtherRule.violations, ...orientation.violations], orientationChecked: stylesheets, orientationPassed: orientation.violations.length === 0 }
    },
    { runOnly: tags, orientationRule: ORIENTATION_RULE, checkedStylesheets: [...stylesheetsWithoutOrientationLock] },
  )
  if (found.orientationChecked !== undefined && found.orientationPassed) stylesheetsWithoutOrientationLock.add(found.orientationChecked)
  return found.violations
}

/**
 * Loads axe-core into the page as a script compiled by DevTools, not as an
 * expression evaluated (`page.evaluate`; a <script> would be refused: the
 * pages' CSP allows no inline script). V8 keeps a compiled script in its
 * renderer's cache, so the next page the renderer shows skips most of the
 * compiling: 45 ms a load against 65-70 in a loop of pages, and about 1.5%
 * of the browser files' CPU (docs/performance.md, session 28).
 */
async function loadAxe(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page)
  try {
    await session.send('Runtime.enable')
    const { scriptId, exceptionDetails } = await session.send('Runtime.compileScript', {
      expression: AXE_SOURCE,
      sourceURL: 'axe.min.js',
      persistScript: true,
    })
    if (!scriptId) throw new Error(`axe-core did not compile: ${exceptionDetails?.text ?? 'no reason given'}`)
    const { exceptionDetails: failed } = await session.send('Runtime.runScript', { scriptId })
    if (failed) throw new Error(`axe-core did not load: ${failed.text}`)
  } finally {
    await session.detach()
  }
}

/** Violations as lines a person can act on; pass it as the message of `expect(violations, ...)`. */
export function formatViolations(violations: axe.Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => {
          const html = node.html.length > 160 ? `${node.html.slice(0, 160)}…` : node.html
          const summary = (node.failureSummary ?? '').replaceAll('\n', '\n      ')
          return `    at ${node.target.join(' ')}: ${html}\n      ${summary}`
        })
        .join('\n')
      return `${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`
    })
    .join('\n\n')
}

/** Fails, listing what axe found, unless the page as it is now has no WCAG 2.2 AA problems; `label` starts the message. */
export async function expectAccessible(page: Page, label?: string): Promise<void> {
  const violations = await checkAccessibility(page)
  const found = formatViolations(violations)
  expect(violations, label === undefined ? found : `${label}:\n${found}`).toEqual([])
}

/** Fails unless the page is no wider than its viewport (`label` starts the message). */
export async function expectNoHorizontalScrolling(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `${label}: no horizontal scrolling`).toBeLessThanOrEqual(0)
}

/**
 * The page's title is `${title} – Career conversations – NHS`; it has no problems axe can find and no sideways
 * scrolling. Given a `screenshot` name, saves the whole page to /tmp/<name>.png.
 */
export async function expectGoodPage(page: Page, title: string, screenshot?: string): Promise<void> {
  await expect(page.title()).resolves.toBe(`${title} – Career conversations – NHS`)
  await expectAccessible(page, title)
  await expectNoHorizontalScrolling(page, title)
  if (screenshot) await saveScreenshot(page, `/tmp/${screenshot}.png`)
}

/**
 * Saves a picture of the whole page (or of one element) for a person to look
 * at, when SCREENSHOTS=1: nothing checks them, and encoding them cost the
 * suite several seconds of CPU at every run.
 */
export async function saveScreenshot(target: Page | Locator, path: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return
  await ('goto' in target ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }))
}

/** Clicks the button or link with exactly this name and waits for the page it leads to. */
export async function clickToNavigate(page: Page, role: 'button' | 'link', name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: true }).click()])
}

/**
 * Presses Tab, as a keyboard user would, until `isTarget` (run in the page, so
 * it must not use anything from outside itself) says yes of the focused
 * element; fails after `most` presses.
 */
export async function tabTo(page: Page, description: string, isTarget: (element: Element) => boolean, most: number): Promise<void> {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press('Tab')
    const reached = await page.evaluate(`(${isTarget.toString()})(document.activeElement)`)
    if (reached) return
  }
  throw new Error(`Tab never reached ${description}`)
}
