import { it } from 'vitest'
import { launchBrowser, startTestServer } from '../support/browser.js'
it('dbg', async () => {
  const server = await startTestServer({ config: undefined })
  const browser = await launchBrowser()
  const page = await browser.newPage()
  page.on('request', (r) => console.log('REQ', r.method(), r.url(), JSON.stringify(r.headers())))
  page.on('response', async (r) => console.log('RES', r.status(), r.url(), JSON.stringify(await r.allHeaders())))
  await page.goto(`${server.baseUrl}/sign-in`)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState()
  console.log((await page.content()).match(/<main[\s\S]*<\/main>/)?.[0])
  await browser.close()
  await server.app.close()
}, 60000)
