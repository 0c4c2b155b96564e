import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expectAccessible, launchBrowser, signedInContext, startTestServer, watchForProblems, type ListeningTestApp } from '../support/browser.js'
import { callInProgress, createConversation, type Conversation, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * A coach takes notes during a (simulated) call in real Chromium, with
 * autosave; reloads and finds every word; completes the notes; the candidate
 * opens their summary and marks an action done. axe on every coach page.
 */
describe('the notes form in Chromium', () => {
  let server: ListeningTestApp
  let browser: Browser
  let coach: SignedIn
  let conversation: Conversation
  let programmeId: string

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    const call = await callInProgress(server)
    ;({ coach, conversation } = call)
    programmeId = call.programme.id
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  const coachContext = (): Promise<BrowserContext> => signedInContext(browser, server.baseUrl, coach.cookie)

  const status = (page: Page) => page.locator('[data-autosave-status]')

  it('takes notes with autosave, keeps them across a reload, survives a dropped connection, and completes them', async () => {
    const context = await coachContext()
    const page = await context.newPage()
    const problems = watchForProblems(page)

    await page.goto(`${server.baseUrl}/coach`)
    await expect(page.title()).resolves.toBe('Your conversations – Career conversations – NHS')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Take notes for Sam Taylor' }).click()
    await page.waitForURL(`**/coach/conversations/${conversation.id}/notes`)
    await expectAccessible(page)
    await expect(page.getByText('Calm with anxious patients').first().isVisible()).resolves.toBe(true)

    // Type, stop: saved a few seconds later.
    await page.getByLabel(/Purpose of the conversation/).fill('Find a route into nursing that fits around childcare')
    await status(page).getByText('Saved at 10:20am').waitFor({ timeout: 10_000 })

    // Typing again: the status says so at once (no "Saved at" over unsaved words), until it is saved.
    await page.getByLabel(/Private notes/).first().pressSequentially('M')
    await expect(status(page).textContent()).resolves.toBe('Not saved yet')
    await status(page).getByText('Saved at 10:20am').waitFor({ timeout: 10_000 })

    // Leave a field: saved at once.
    server.clock.set('2026-03-04T10:24:00.000Z')
    await page.getByLabel(/Private notes/).first().fill('Prefers to be called in the mornings')
    await page.getByLabel('Role (option 1)').click()
    await status(page).getByText('Saved at 10:24am').waitFor({ timeout: 10_000 })
    await page.getByLabel('Role (option 1)').fill('Nursing associate')
    await page.getByRole('group', { name: 'When (option 1)' }).getByLabel('Possible later').check()
    await page.getByRole('group', { name: 'How realistic (option 1)' }).getByLabel('A stretch').check()
    await page.getByLabel('Development need 1').fill('Maths for drug calculations')
    await page.getByLabel('Focus on need 1 first').check()
    await page.getByLabel('Development need 1').focus()
    await page.keyboard.press('Tab')
    await page.waitForFunction(() => Number(document.querySelector('[data-notes-version]')?.getAttribute('value')) >= 3, undefined, { timeout: 10_000 })

    // The connection drops: a visible warning, the words kept in this browser, saved when it is back.
    await context.setOffline(true)
    await page.getByLabel(/Approach agreed/).fill('Start with the maths course, then apply')
    await page.getByLabel(/Approach agreed/).blur()
    const warning = page.locator('[data-autosave-warning]')
    await warning.getByText('No connection').waitFor({ timeout: 10_000 })
    expect(await page.evaluate((id) => localStorage.getItem(`cc-notes:${id}`), conversation.id)).toContain('Start with the maths course')
    // Back online: the browser says so and the page saves at once, not at its next try (5 s, 10 s, 20 s... at most a
    // minute apart), which is all the timeout is there for.
    await context.setOffline(false)
    await status(page).getByText(/^Saved at/).waitFor({ timeout: 65_000 })
    await expect(warning.isHidden()).resolves.toBe(true)
    expect(await page.evaluate((id) => localStorage.getItem(`cc-notes:${id}`), conversation.id)).toBeNull()

    // The service cannot save for a moment (a restart): the page says so and tries again by itself, 5 s later.
    await context.route('**/api/v1/bookings/*/notes', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable', message: 'Try again' }) }),
    )
    await page.getByLabel(/Approach agreed/).fill('Start with the maths course, then apply in the spring')
    await page.getByLabel(/Approach agreed/).blur()
    await warning.getByText('Sorry, the notes could not be saved').waitFor({ timeout: 10_000 })
    await context.unroute('**/api/v1/bookings/*/notes')
    await status(page).getByText(/^Saved at/).waitFor({ timeout: 65_000 })
    await expect(warning.isHidden()).resolves.toBe(true)

    // Reload: every word is there.
    await page.reload()
    await expect(page.getByLabel(/Purpose of the conversation/).inputValue()).resolves.toBe('Find a route into nursing that fits around childcare')
    await expect(page.getByLabel(/Private notes/).first().inputValue()).resolves.toBe('Prefers to be called in the mornings')
    await expect(page.getByLabel('Role (option 1)').inputValue()).resolves.toBe('Nursing associate')
    await expect(page.getByLabel(/Approach agreed/).inputValue()).resolves.toBe('Start with the maths course, then apply in the spring')

    // An action, added with the form's own button (it saves the notes too).
    await page.getByLabel('What will be done (new action)').fill('Apply for the nursing associate apprenticeship')
    await page.getByLabel('Who will do it (new action)').selectOption('candidate')
    await page.getByLabel('Kind of action (new action)').selectOption('training_or_course')
    await page.getByRole('group', { name: 'By when (new action)' }).getByLabel('Day').fill('31')
    await page.getByRole('group', { name: 'By when (new action)' }).getByLabel('Month').fill('3')
    await page.getByRole('group', { name: 'By when (new action)' }).getByLabel('Year').fill('2026')
    await page.getByLabel('Resource from the library (optional) (new action)').selectOption({ label: 'Nursing associate apprenticeships' })
    await page.getByRole('button', { name: 'Add action' }).click()
    await page.waitForURL(/done=action-added/)
    await expect(page.getByLabel('What will be done (action 1)').inputValue()).resolves.toBe('Apply for the nursing associate apprenticeship')
    await expectAccessible(page)

    // Check, then complete.
    await page.getByRole('button', { name: 'Check and complete' }).click()
    await page.waitForURL(/\/notes\/check$/)
    await expectAccessible(page)
    await expect(page.getByText('Prefers to be called in the mornings').count()).resolves.toBe(0)
    await expect(page.getByText('Find a route into nursing that fits around childcare').isVisible()).resolves.toBe(true)
    await page.getByRole('button', { name: 'Complete notes and send summary' }).click()
    await page.waitForURL(/done=completed/)
    await page.getByText('Notes complete. The summary is on its way to the candidate.').waitFor()
    await expectAccessible(page)

    expect(problems).toEqual([])
    await context.close()
  }, 120_000)

  it('lets the candidate open their summary and mark an action done; the coach sees it', async () => {
    const request = (await browser.newContext()).request
    const headers = { authorization: `Bearer ${conversation.token}` }
    const summary = await request.get(`${server.baseUrl}/api/v1/bookings/${conversation.id}/summary`, { headers })
    expect(summary.status()).toBe(200)
    const body = await summary.json()
    expect(body.ready).toBe(true)
    expect(JSON.stringify(body)).not.toContain('Prefers to be called in the mornings')
    expect(body.stages[0].entries[0].text).toBe('Find a route into nursing that fits around childcare')
    const [action] = body.actions
    expect(action).toMatchObject({ summary: 'Apply for the nursing associate apprenticeship', status: 'not_started', resource: { title: 'Nursing associate apprenticeships' } })

    const done = await request.post(`${server.baseUrl}/api/v1/bookings/${conversation.id}/actions/${action.id}/status`, {
      headers,
      data: { status: 'done', comment: 'Applied on Friday' },
    })
    expect(done.status()).toBe(200)
    expect((await done.json()).statusLabel).toBe('Done')

    const context = await coachContext()
    const page = await context.newPage()
    await page.goto(`${server.baseUrl}/coach/conversations/${conversation.id}/notes`)
    await page.getByText('“Applied on Friday”').waitFor()
    await expect(page.locator('.nhsuk-tag', { hasText: 'Done' }).count()).resolves.toBe(1)
    await context.close()
  }, 60_000)

  it('says so when another tab saved first, and does not overwrite it', async () => {
    const other = await createConversation(server.app, programmeId, coach.coachId!, '2026-03-04T09:00:00.000Z', { name: 'Jo Bloggs' })
    const context = await coachContext()
    const first = await context.newPage()
    const second = await context.newPage()
    const url = `${server.baseUrl}/coach/conversations/${other.id}/notes`
    await first.goto(url)
    await second.goto(url)
    await first.getByLabel(/Purpose of the conversation/).fill('Written in the first tab')
    await first.getByLabel(/Purpose of the conversation/).blur()
    await status(first).getByText(/^Saved at/).waitFor({ timeout: 10_000 })
    await second.getByLabel(/Purpose of the conversation/).fill('Written in the second tab')
    await second.getByLabel(/Purpose of the conversation/).blur()
    const warning = second.locator('[data-autosave-warning]')
    await warning.getByText(/You saved these notes in another tab or window at .* \(version 1\), after you opened them here/).waitFor({ timeout: 10_000 })
    await expect(warning.getByRole('link', { name: 'open the latest notes' }).isVisible()).resolves.toBe(true)
    const saved = await server.app.pg.query(`SELECT note_values->>'purpose' AS purpose FROM conversation_notes WHERE booking_id = $1`, [other.id])
    expect(saved.rows[0].purpose).toBe('Written in the first tab')
    await context.close()
  }, 60_000)
})
