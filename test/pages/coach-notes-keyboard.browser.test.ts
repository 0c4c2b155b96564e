import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, signedInPage, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { callInProgress, type Conversation, type SignedIn } from '../notes/notes-fixtures.js'

/**
 * A coach takes and completes the notes of a conversation in real Chromium
 * with the KEYBOARD ALONE: from their dashboard they Tab to "Take notes for
 * Sam Taylor" and press Enter; on the notes form they use the skip link, type
 * the purpose, an option (its radios with Space and arrow keys), a
 * development need (its checkbox with Space) and the approach agreed, add an
 * agreed action (two selects with arrow keys and typing, a date, a resource
 * from the library) with its own button, choose how confident the candidate
 * feels, check the candidate's summary and complete the notes. No clicks, no
 * filling, no focusing by script, no navigation but the first page load.
 *
 * Every element that gets focus on the way must be rendered, have a size and
 * show at least partly in the viewport; the ones the coach uses must show a
 * visible focus indicator (their computed style differs from before they had
 * focus). Autosave runs as the coach moves between fields; its status message
 * must not take focus.
 * The database then holds complete notes with every word typed.
 */
describe('the notes form by keyboard alone', () => {
  let server: ListeningTestApp
  let browser: Browser
  let coach: SignedIn
  let conversation: Conversation

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
    ;({ coach, conversation } = await callInProgress(server))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.app.close()
  })

  it('lets a coach write, add an action to, check and complete the notes without a mouse', async () => {
    const { context, page, problems } = await signedInPage(browser, server.baseUrl, coach.cookie)
    const notesUrl = `${server.baseUrl}/coach/conversations/${conversation.id}/notes`

    // The dashboard: the skip link first, then Tab to the conversation's notes link.
    await page.goto(`${server.baseUrl}/coach`)
    await arrived(page)
    await expectSkipLinkFirst(page)
    await tabTo(page, 'Take notes for Sam Taylor', { max: 40 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Enter')
    await page.waitForURL(notesUrl)
    await arrived(page)

    // The skip link takes the coach past the header: the next Tab is the first field of the notes.
    await expectSkipLinkFirst(page)
    await page.keyboard.press('Enter')
    const purpose = await tabTo(page, /^Purpose of the conversation/, { max: 1 })
    expect(purpose.inMain).toBe(true)
    await expectFocusIndicator(page)

    // Stage 1: the purpose, typed; leaving the field saves it, and the status message leaves focus alone.
    await page.keyboard.type('Find a route into nursing that fits around childcare')
    const next = await tabTo(page, /^Experience/, { max: 3 })
    await page.locator('[data-autosave-status]').getByText('Saved at 10:20am').waitFor({ timeout: 10_000 })
    expect(describeFocus(await focused(page)), 'focus after autosave').toBe(describeFocus(next))

    // Stage 2: an option, its radios chosen with Space and the arrow keys.
    await tabTo(page, 'Role (option 1)', { max: 40 })
    await expectFocusIndicator(page)
    await page.keyboard.type('Nursing associate')
    await tabTo(page, { name: 'Possible now', group: 'When (option 1)' }, { max: 1 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    await expectFocused(page, { name: 'Possible later', group: 'When (option 1)', checked: true })
    await expectFocusIndicator(page)
    await tabTo(page, { name: 'Realistic', group: 'How realistic (option 1)' }, { max: 1 })
    await page.keyboard.press('ArrowDown') // an arrow key on a group with nothing chosen moves on and chooses
    await expectFocused(page, { name: 'A stretch', group: 'How realistic (option 1)', checked: true })
    await expectFocusIndicator(page)

    // Stage 3: a development need, marked as the focus with Space.
    await tabTo(page, 'Development need 1', { max: 40 })
    await page.keyboard.type('Maths for drug calculations')
    await tabTo(page, 'Focus on need 1 first', { max: 1 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Space')
    await expectFocused(page, { name: 'Focus on need 1 first', checked: true })

    // Stage 4: the approach agreed (shared with the candidate).
    await tabTo(page, /^Approach agreed/, { max: 40 })
    await expectFocusIndicator(page)
    await page.keyboard.type('Start with the maths course, then apply')

    // An agreed action: every field by keyboard, then its own button.
    await tabTo(page, 'What will be done (new action)', { max: 3 })
    await expectFocusIndicator(page)
    await page.keyboard.type('Apply for the nursing associate apprenticeship')
    await tabTo(page, 'Who will do it (new action)', { max: 1 })
    await expectFocusIndicator(page)
    await page.keyboard.press('ArrowDown') // "Choose who" → "Candidate"
    await expectFocused(page, { name: 'Who will do it (new action)', value: 'candidate' })
    await tabTo(page, 'Kind of action (new action)', { max: 1 })
    await page.keyboard.type('Tra') // typing picks the option that starts so: "Training or course"
    await expectFocused(page, { name: 'Kind of action (new action)', value: 'training_or_course' })
    await tabTo(page, { name: 'Day', group: 'By when (new action)' }, { max: 1 })
    await expectFocusIndicator(page)
    await page.keyboard.type('31')
    await tabTo(page, { name: 'Month', group: 'By when (new action)' }, { max: 1 })
    await page.keyboard.type('3')
    await tabTo(page, { name: 'Day', group: 'By when (new action)' }, { max: 1, backwards: true })
    await expectFocused(page, { name: 'Day', group: 'By when (new action)', value: '31' })
    await tabTo(page, { name: 'Year', group: 'By when (new action)' }, { max: 2 })
    await page.keyboard.type('2026')
    await tabTo(page, 'Resource from the library (optional) (new action)', { max: 1 })
    await page.keyboard.press('ArrowDown') // "None from the library" → the only resource
    await expectFocused(page, { name: 'Resource from the library (optional) (new action)', text: 'Nursing associate apprenticeships' })
    await tabTo(page, 'Add action', { max: 4 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Enter')
    await page.waitForURL(/done=action-added#actions$/)
    await arrived(page)
    await page.getByText(/^Action added\. Your notes were saved at/).waitFor()

    // Back on the form at the actions: the new action is there; how confident, with Space and an arrow key.
    await tabTo(page, 'What will be done (action 1)', { max: 3 })
    await expectFocused(page, { name: 'What will be done (action 1)', value: 'Apply for the nursing associate apprenticeship' })
    await tabTo(page, { name: 'Confident', group: /^How confident do they feel/ }, { max: 25 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowDown')
    await expectFocused(page, { name: 'Fairly confident', group: /^How confident do they feel/, checked: true })
    await tabTo(page, 'Check and complete', { max: 4 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${notesUrl}/check`)
    await arrived(page)

    // The check page: what the candidate will get, then complete.
    await expect(page.getByText('Find a route into nursing that fits around childcare').isVisible()).resolves.toBe(true)
    await expect(page.getByText('Apply for the nursing associate apprenticeship').isVisible()).resolves.toBe(true)
    await expectSkipLinkFirst(page)
    await tabTo(page, 'Complete notes and send summary', { max: 10 })
    await expectFocusIndicator(page)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${notesUrl}?done=completed`)
    await arrived(page)
    await page.getByText('Notes complete. The summary is on its way to the candidate.').waitFor()
    await expectSkipLinkFirst(page)
    await expect(page.getByText('Start with the maths course, then apply').isVisible()).resolves.toBe(true)

    // In the database: complete, with every word typed and the action as chosen.
    const notes = await server.app.pg.query(
      `SELECT status, completed_by_id AS "completedById", no_actions_agreed AS "noActionsAgreed", note_values AS "values"
         FROM conversation_notes WHERE booking_id = $1`,
      [conversation.id],
    )
    expect(notes.rows).toHaveLength(1)
    expect(notes.rows[0]).toMatchObject({ status: 'complete', completedById: coach.id, noActionsAgreed: false })
    expect(notes.rows[0].values).toEqual({
      purpose: 'Find a route into nursing that fits around childcare',
      optionsDiscussed: [{ role: 'Nursing associate', timing: 'later', realism: 'stretch' }],
      developmentNeeds: [{ need: 'Maths for drug calculations', isFocus: true }],
      strategies: 'Start with the maths course, then apply',
      confidence: 'fairlyConfident',
    })
    const actions = await server.app.pg.query(
      `SELECT a.summary, a.owner, a.category, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", r.title AS resource
         FROM actions a LEFT JOIN programme_resources r ON r.id = a.resource_id WHERE a.booking_id = $1`,
      [conversation.id],
    )
    expect(actions.rows).toEqual([
      {
        summary: 'Apply for the nursing associate apprenticeship',
        owner: 'candidate',
        category: 'training_or_course',
        dueOn: '2026-03-31',
        resource: 'Nursing associate apprenticeships',
      },
    ])

    expect(problems).toEqual([])
    await context.close()
  }, 120_000)
})

// ---- keyboard helpers ----------------------------------------------------------------------

/** What has focus, as a keyboard user meets it. */
interface Focus {
  tag: string
  id: string
  /** Accessible name: aria-label, the label(s), or the text. */
  name: string
  /** The legend of the nearest fieldset (a radio's or date part's group). */
  group: string
  value: string
  /** The text of a select's chosen option. */
  text: string
  checked: boolean | null
  inMain: boolean
  box: { x: number; y: number; width: number; height: number }
  /** Not display: none or visibility: hidden, itself or through an ancestor. */
  rendered: boolean
  /**
   * At least part of it is inside the viewport (WCAG 2.4.11: not entirely hidden). Chromium scrolls a focused
   * element into view only when none of it shows, so "entirely inside" would test the browser, not the page.
   */
  inViewport: boolean
}

type Target = string | RegExp | { name: string | RegExp; group?: string | RegExp }

async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
    const element = (document.activeElement ?? document.body) as HTMLElement
    const labelledBy = element.getAttribute('aria-labelledby')
    const labels = 'labels' in element ? (element as HTMLInputElement).labels : null
    const name =
      element.getAttribute('aria-label') ??
      (labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => clean(document.getElementById(id)?.textContent))
            .join(' ')
        : labels && labels.length > 0
          ? Array.from(labels, (label) => clean(label.textContent)).join(' ')
          : clean(element.textContent))
    const legend = element.closest('fieldset')?.querySelector('legend')
    const rect = element.getBoundingClientRect()
    const select = element instanceof HTMLSelectElement ? element : null
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: clean(name),
      group: clean(legend?.textContent),
      value: 'value' in element ? String((element as HTMLInputElement).value) : '',
      text: select ? clean(select.selectedOptions[0]?.textContent) : '',
      checked: element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') ? element.checked : null,
      inMain: element.closest('main') !== null,
      box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      rendered: element !== document.body && element.checkVisibility({ visibilityProperty: true }),
      inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth,
    }
  })
}

function describeFocus(focus: Focus): string {
  const bits = [focus.tag + (focus.id ? `#${focus.id}` : ''), `"${focus.name.slice(0, 80)}"`]
  if (focus.group) bits.push(`in "${focus.group.slice(0, 60)}"`)
  return bits.join(' ')
}

function matches(focus: Focus, target: Target): boolean {
  const test = (pattern: string | RegExp, text: string) => (typeof pattern === 'string' ? text === pattern : pattern.test(text))
  if (typeof target === 'string' || target instanceof RegExp) return test(target, focus.name)
  return test(target.name, focus.name) && (target.group === undefined || test(target.group, focus.group))
}

/** No focus on something hidden, empty or off screen. */
function expectRendered(focus: Focus): void {
  const where = describeFocus(focus)
  expect(focus.rendered, `${where} has focus but is not rendered`).toBe(true)
  expect(focus.box.width > 0 && focus.box.height > 0, `${where} has focus but no size: ${JSON.stringify(focus.box)}`).toBe(true)
  expect(focus.inViewport, `${where} has focus but is outside the viewport: ${JSON.stringify(focus.box)}`).toBe(true)
}

/**
 * Presses Tab (or Shift+Tab) until the element with focus matches `target`,
 * at most `max` times; every element focused on the way must be rendered and
 * on screen. Fails listing everything that got focus.
 */
async function tabTo(page: Page, target: Target, { max, backwards = false }: { max: number; backwards?: boolean }): Promise<Focus> {
  const seen: string[] = []
  for (let press = 0; press < max; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const focus = await focused(page)
    expectRendered(focus)
    if (matches(focus, target)) return focus
    seen.push(describeFocus(focus))
  }
  const wanted = typeof target === 'string' || target instanceof RegExp ? String(target) : `${String(target.name)} in ${String(target.group)}`
  throw new Error(`${wanted} not reached in ${max} ${backwards ? 'Shift+Tab' : 'Tab'} presses; focus went to:\n  ${seen.join('\n  ')}`)
}

async function expectFocused(
  page: Page,
  expected: { name: string | RegExp; group?: string | RegExp; value?: string; text?: string; checked?: boolean },
): Promise<void> {
  const focus = await focused(page)
  expectRendered(focus)
  expect(matches(focus, expected), `expected focus on ${String(expected.name)}, found ${describeFocus(focus)}`).toBe(true)
  if (expected.value !== undefined) expect(focus.value).toBe(expected.value)
  if (expected.text !== undefined) expect(focus.text).toBe(expected.text)
  if (expected.checked !== undefined) expect(focus.checked).toBe(expected.checked)
}

/** The first Tab on a page lands on the NHS skip link. */
async function expectSkipLinkFirst(page: Page): Promise<void> {
  await page.keyboard.press('Tab')
  const focus = await focused(page)
  expect({ tag: focus.tag, name: focus.name }, 'the first Tab on the page').toEqual({ tag: 'a', name: 'Skip to main content' })
  expectRendered(focus)
  await expectFocusIndicator(page)
}

// ---- focus indicator -----------------------------------------------------------------------

/**
 * The look of every focusable element before anything has focus, kept in the
 * page to compare with the same element once focused. Radios and checkboxes
 * are drawn by their label's ::before (the input itself is transparent).
 */
async function arrived(page: Page): Promise<void> {
  await page.waitForLoadState('load')
  await page.evaluate(() => {
    const looks = new WeakMap<Element, Record<string, string>>()
    const lookOf = (element: Element) => {
      const drawn =
        element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') && element.labels?.[0]
          ? getComputedStyle(element.labels[0], '::before')
          : getComputedStyle(element)
      return {
        outline: `${drawn.outlineStyle} ${drawn.outlineWidth} ${drawn.outlineColor}`,
        outlineColor: drawn.outlineColor,
        outlineStyle: drawn.outlineStyle,
        outlineWidth: drawn.outlineWidth,
        boxShadow: drawn.boxShadow,
        backgroundColor: drawn.backgroundColor,
        border: `${drawn.borderTopWidth} ${drawn.borderTopColor}`,
      }
    }
    for (const element of Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'))) {
      looks.set(element, lookOf(element))
    }
    ;(window as unknown as { focusLooks: unknown }).focusLooks = { looks, lookOf }
  })
}

/** The focused element looks different from before: a visible outline, a different shadow or background. */
async function expectFocusIndicator(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    type Look = Record<string, string>
    const { looks, lookOf } = (window as unknown as { focusLooks: { looks: WeakMap<Element, Look>; lookOf: (element: Element) => Look } })
      .focusLooks
    const element = document.activeElement!
    const before = looks.get(element)
    const now = lookOf(element)
    if (!before) return { before: null, now, changed: [] as string[] }
    const transparent = (colour: string | undefined) => colour === undefined || colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour)
    const changed: string[] = []
    if (now.outline !== before.outline && now.outlineStyle !== 'none' && now.outlineWidth !== '0px' && !transparent(now.outlineColor)) changed.push('outline')
    if (now.boxShadow !== before.boxShadow && now.boxShadow !== 'none') changed.push('box-shadow')
    if (now.backgroundColor !== before.backgroundColor && !transparent(now.backgroundColor)) changed.push('background')
    return { before, now, changed }
  })
  const focus = await focused(page)
  expect(result.before, `${describeFocus(focus)} was not on the page when it loaded`).not.toBeNull()
  expect(result.changed, `${describeFocus(focus)} shows no focus indicator: before ${JSON.stringify(result.before)}, focused ${JSON.stringify(result.now)}`).not.toEqual([])
}
