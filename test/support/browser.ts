import type { FastifyInstance } from 'fastify'
import axe from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildTestApp, type TestApp } from '../helper.js'

/**
 * Real Chromium for page tests: Debian's `chromium` (or CHROMIUM_PATH),
 * driven by playwright-core, with axe-core for accessibility checks.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
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
    ],
  })
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

/** WCAG 2.2 level A and AA, with the earlier versions' rules it includes. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** Runs axe-core on the page as it is now; `[]` when it finds nothing. */
export async function checkAccessibility(page: Page, tags: string[] = WCAG_22_AA_TAGS): Promise<axe.Result[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  // Evaluated rather than added as a <script>: the pages' CSP allows no inline script.
  if (!loaded) await page.evaluate(axe.source)
  const results = await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: 'tag', values: runOnly },
        resultTypes: ['violations'],
      }),
    tags,
  )
  return results.violations
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
