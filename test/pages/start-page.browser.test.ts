import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import {
  anonymousPageWatchingLoads,
  checkAccessibility,
  expectAccessible,
  expectNoHorizontalScrolling,
  formatViolations,
  launchBrowser,
  listen,
  startTestServer,
  watchExternalRequests,
  type ListeningTestApp,
  saveScreenshot,
} from '../support/browser.js'

describe('pages in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  /**
   * Opens `path` without the NHS fonts (see NHS_FONTS); everything else must
   * come from our own origin and load, with no script or console errors.
   */
  async function open(path: string, width: number): Promise<Page> {
    const { page, problems } = await anonymousPageWatchingLoads(browser, width)
    watchExternalRequests(page, server.baseUrl, problems)
    // Failed loads are reported here, not by the console (the page not found is a 404 on purpose).
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url() !== `${server.baseUrl}${path}`) {
        problems.push(`${response.status()}: ${response.url()}`)
      }
    })
    await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' })
    expect(problems, 'only our own assets, all loaded, no script errors').toEqual([])
    return page
  }

  for (const width of [320, 1280]) {
    it(`works at ${width}px wide`, async () => {
      const page = await open('/', width)
      try {
        await expect(page.title()).resolves.toBe('Book a career conversation – Career conversations – NHS')
        // nhsuk-frontend's stylesheet applied, and its JavaScript started (it marks what it initialised).
        const headerColour = await page.locator('header.nhsuk-header').evaluate((el) => getComputedStyle(el).backgroundColor)
        expect(headerColour).toBe('rgb(0, 94, 184)')
        await expect(page.locator('body').getAttribute('class')).resolves.toContain('nhsuk-frontend-supported')
        await page.waitForSelector('[data-module="nhsuk-button"][data-nhsuk-button-init]')

        const start = page.getByRole('button', { name: 'Start now' })
        await expect(start.isVisible()).resolves.toBe(true)
        await expect(start.getAttribute('href')).resolves.toBe('/book')
        await expect(page.getByRole('link', { name: 'Staff sign in' }).isVisible()).resolves.toBe(true)

        await expectNoHorizontalScrolling(page, `the start page at ${width}px`)
        await expectAccessible(page)

        await saveScreenshot(page, `/tmp/start-${width}.png`)
      } finally {
        await page.close()
      }
    })
  }

  it('has no accessibility problems on the page not found', async () => {
    const page = await open('/no-such-page', 320)
    try {
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found')
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/not-found-320.png')
    } finally {
      await page.close()
    }
  })

  it('finds a problem when there is one (the check itself works)', async () => {
    const page = await open('/', 1280)
    try {
      await page.evaluate(() => {
        const image = document.createElement('img')
        image.src = '/assets/images/nhsuk-icon-180.png'
        document.querySelector('main')?.append(image)
      })
      const violations = await checkAccessibility(page)
      expect(violations.map((violation) => violation.id)).toEqual(['image-alt'])
      expect(formatViolations(violations)).toMatch(/^image-alt \(critical\): .+\n {2}https:\/\/.+\n {4}at img: <img src=.+\n {6}Fix any of the following:/)
    } finally {
      await page.close()
    }
  })

  it('finds a stylesheet that locks the orientation, on each page that has it, after the pages without it were checked', async () => {
    // The orientation rule, which axe leaves out of a run by tags, runs by name once per set of stylesheets in a worker
    // (see checkAccessibility); a set that fails is checked again wherever it appears. The style is added with the
    // page's CSP bypassed: the pages allow no inline style.
    const page = await browser.newPage({ bypassCSP: true })
    try {
      await page.goto(`${server.baseUrl}/`)
      await expect(checkAccessibility(page)).resolves.toEqual([])
      for (const path of ['/', '/contact-us']) {
        await page.goto(`${server.baseUrl}${path}`)
        await page.addStyleTag({ content: '@media (orientation: landscape) { body { transform: rotate(90deg); } }' })
        const violations = await checkAccessibility(page)
        expect(violations.map((violation) => violation.id), path).toContain('css-orientation-lock')
      }
      await page.goto(`${server.baseUrl}/contact-us`)
      await expect(checkAccessibility(page)).resolves.toEqual([])
    } finally {
      await page.close()
    }
  })

  it.each(['/accessibility-statement', '/contact-us', '/privacy'])(
    'has no accessibility problems on %s',
    async (path) => {
      const page = await open(path, 1280)
      try {
        await expectAccessible(page)
      } finally {
        await page.close()
      }
    },
  )

  it('has no accessibility problems on the error page', async () => {
    const failing: FastifyInstance = await buildApp({ config: testConfig({ DATABASE_URL: await createTestDatabase() }) })
    failing.get('/__boom', async () => {
      throw new Error('boom')
    })
    try {
      const baseUrl = await listen(failing)
      const page = await browser.newPage({ viewport: { width: 320, height: 900 } })
      const response = await page.goto(`${baseUrl}/__boom`)
      expect(response?.status()).toBe(500)
      await expect(page.locator('h1').textContent()).resolves.toBe('Sorry, there is a problem with the service')
      await expectAccessible(page)
      await saveScreenshot(page, '/tmp/error-320.png')
      await page.close()
    } finally {
      await failing.close()
    }
  })
})
