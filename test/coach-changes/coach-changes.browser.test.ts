/**
 * The coach-change pages in Chromium, with JavaScript and without: an admin
 * deactivating a coach (why, with its error summary; the plan for each
 * conversation; done), an admin adding time off and narrowing a
 * coach's weekly hours over conversations (plan, then done), and a coach
 * adding a day off and narrowing their hours over conversations (told of the
 * clash, asks the programme team), which the admin then moves or cancels on
 * /admin/coaches/:id/clashes. Every page axe-clean at desktop width and at
 * 320 px (axe needs JavaScript: without it, the same journeys and the width).
 * The clock is on Monday 4 January 2027, 8am.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { TestClock } from '../helper.js'
import { launchBrowser, startTestServer, type ListeningTestApp } from '../support/browser.js'
import { createCoach, createProgramme } from '../support/booking-fixtures.js'
import { createStaff, startSession } from '../support/staff.js'
import { book, bookingRow } from './support.js'
import { errorLinks, expectGoodAtBothWidths, go, pageOf } from './browser-support.js'

const MORNINGS = [{ start: 9 * 60, end: 12 * 60 }]

let server: ListeningTestApp
let browser: Browser
let adminCookie: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer({ clock: new TestClock(new Date('2027-01-04T08:00:00.000Z')) }), launchBrowser()])
  adminCookie = await startSession(server.app, (await createStaff(server.app, { role: 'admin' })).id)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.app.close()
})

/** A programme with Ada (9am to 5pm on weekdays) holding conversations at `starts`; Bea (mornings) joins after them. */
async function setUp(starts: string[]) {
  const pool = server.app.pg.pool
  const programme = await createProgramme(pool)
  const suffix = programme.slug.slice(-4)
  const ada = await createCoach(pool, programme, { name: `Ada Change${suffix}` })
  const bookings = []
  for (const [i, start] of starts.entries()) bookings.push(await book(server.app, programme, start, `c${i}-${programme.slug}@example.com`))
  const bea = await createCoach(pool, programme, { name: `Bea Change${suffix}`, hours: MORNINGS })
  return { ada, bea, bookings }
}

/** The plan's or the result's table: each conversation's reference and what happens to it. */
async function conversationRows(page: Page): Promise<string[]> {
  return page.locator('#conversations-caption ~ tbody tr, #clashes-caption ~ tbody tr').allTextContents()
}

describe.each([
  { javaScript: true, label: 'with JavaScript' },
  { javaScript: false, label: 'without JavaScript' },
])('coach-change pages in Chromium, $label', ({ javaScript }) => {
  it('deactivates a coach: why (with its error summary), what happens to each conversation, then done', async () => {
    const { ada, bea, bookings } = await setUp(['2027-01-06T09:45:00.000Z', '2027-01-06T14:15:00.000Z'])
    const [morning, afternoon] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const { context, page, problems } = await pageOf(browser, server.baseUrl, { cookie: adminCookie, javaScript })
    try {
      await page.goto(`${server.baseUrl}/admin/staff/${ada.staffUserId}`)
      await go(page, 'link', 'Deactivate account')
      await expectGoodAtBothWidths(page, `Deactivate account – ${ada.name}`)
      await go(page, 'button', 'Continue')
      await expectGoodAtBothWidths(page, `Error: Deactivate account – ${ada.name}`)
      expect(await errorLinks(page)).toEqual(['#reason Enter why the conversations are moving'])

      await page.getByLabel('Why are their conversations moving?').fill('Leaving the service')
      await go(page, 'button', 'Continue')
      await expectGoodAtBothWidths(page, `Check before you deactivate this account – ${ada.name}`)
      const plan = await conversationRows(page)
      expect(plan).toHaveLength(2)
      expect(plan[0]).toContain(morning.reference)
      expect(plan[0]).toContain(`Moves to ${bea.name} at the same time`)
      expect(plan[1]).toContain(afternoon.reference)
      expect(plan[1]).toContain('Cancelled: no other coach is free then')
      expect(await bookingRow(server.app, morning.id)).toMatchObject({ status: 'booked', coach_id: ada.id })

      await go(page, 'button', 'Deactivate account')
      await expectGoodAtBothWidths(page, `Account deactivated – ${ada.name}`)
      expect(await bookingRow(server.app, morning.id)).toMatchObject({ status: 'booked', coach_id: bea.id })
      expect(await bookingRow(server.app, afternoon.id)).toMatchObject({ status: 'cancelled' })
      const active = await server.app.pg.query('SELECT active FROM staff_users WHERE id = $1', [ada.staffUserId])
      expect(active.rows[0].active).toBe(false)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('an admin adding time off, then narrowing weekly hours, over conversations: the plan, then done', async () => {
    const { ada, bea, bookings } = await setUp(['2027-01-06T09:45:00.000Z', '2027-01-07T14:15:00.000Z'])
    const [wednesday, thursday] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const base = `${server.baseUrl}/admin/coaches/${ada.id}/availability`
    const { context, page, problems } = await pageOf(browser, server.baseUrl, { cookie: adminCookie, javaScript })
    try {
      await page.goto(`${base}/time-off`)
      for (const end of ['start', 'end']) {
        await page.locator(`#${end}-day`).fill('6')
        await page.locator(`#${end}-month`).fill('1')
        await page.locator(`#${end}-year`).fill('2027')
      }
      await go(page, 'button', 'Add time off')
      await expectGoodAtBothWidths(page, `Check before you add time off – ${ada.name}`)
      const plan = await conversationRows(page)
      expect(plan).toEqual([expect.stringContaining(`Moves to ${bea.name} at the same time`)])
      expect(plan[0]).toContain(wednesday.reference)
      await go(page, 'button', 'Add time off and move the conversations')
      await expectGoodAtBothWidths(page, `Time off added – ${ada.name}`)
      expect(await bookingRow(server.app, wednesday.id)).toMatchObject({ status: 'booked', coach_id: bea.id })
      const timeOff = await server.app.pg.query('SELECT count(*)::int AS n FROM coach_time_off WHERE coach_id = $1', [ada.id])
      expect(timeOff.rows[0].n).toBe(1)

      // No hours on Thursdays: nobody else works Thursday afternoons, so that one is cancelled.
      await page.goto(`${base}/weekly-hours`)
      await page.locator('#thursday-1-start').fill('')
      await page.locator('#thursday-1-end').fill('')
      await go(page, 'button', 'Save weekly hours')
      await expectGoodAtBothWidths(page, `Check before you change weekly hours – ${ada.name}`)
      const hoursPlan = await conversationRows(page)
      expect(hoursPlan).toEqual([expect.stringContaining('Cancelled: no other coach is free then')])
      expect(hoursPlan[0]).toContain(thursday.reference)
      expect(await bookingRow(server.app, thursday.id)).toMatchObject({ status: 'booked' })
      await go(page, 'button', 'Save weekly hours and move the conversations')
      await expectGoodAtBothWidths(page, `Weekly hours saved – ${ada.name}`)
      expect(await bookingRow(server.app, thursday.id)).toMatchObject({ status: 'cancelled' })
      const thursdays = await server.app.pg.query('SELECT count(*)::int AS n FROM availability_windows WHERE coach_id = $1 AND weekday = 4', [ada.id])
      expect(thursdays.rows[0].n).toBe(0)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a coach told of clashes asks the programme team, who move or cancel them on the clashes page', async () => {
    const { ada, bea, bookings } = await setUp(['2027-01-06T14:15:00.000Z', '2027-01-07T10:30:00.000Z'])
    const [wednesday, thursday] = bookings as [(typeof bookings)[number], (typeof bookings)[number]]
    const coach = await pageOf(browser, server.baseUrl, { cookie: await startSession(server.app, ada.staffUserId), javaScript })
    try {
      const { page } = coach
      // A day off on Wednesday.
      await page.goto(`${server.baseUrl}/coach/availability/dates`)
      await page.locator('#date-day').fill('6')
      await page.locator('#date-month').fill('1')
      await page.locator('#date-year').fill('2027')
      await page.getByLabel('Day off', { exact: true }).check()
      await go(page, 'button', 'Add')
      await expectGoodAtBothWidths(page, 'Conversations booked on your day off')
      expect(await conversationRows(page)).toEqual([expect.stringContaining(wednesday.reference)])
      await go(page, 'button', 'Add it and ask the programme team to move them')
      await expect(page.locator('main').textContent()).resolves.toContain('The programme team has been asked to move the conversations booked on it.')

      // Thursdays from 11am only.
      await page.goto(`${server.baseUrl}/coach/availability/weekly-hours`)
      await page.locator('#thursday-1-start').fill('11am')
      await go(page, 'button', 'Save weekly hours')
      await expectGoodAtBothWidths(page, 'Conversations booked outside your new weekly hours')
      expect(await conversationRows(page)).toEqual([expect.stringContaining(thursday.reference)])
      await go(page, 'button', 'Save them and ask the programme team to move them')
      await expectGoodAtBothWidths(page, 'Your availability')
      const overview = await page.locator('main').textContent()
      expect(overview).toContain('The programme team has been asked to move the conversations they no longer cover.')
      expect(overview).toContain('2 booked conversations are in time off, on a day off or outside working hours.')
      await page.goto(`${server.baseUrl}/coach`)
      await expectGoodAtBothWidths(page, 'Your conversations')
      expect(coach.problems).toEqual([])
    } finally {
      await coach.context.close()
    }

    const admin = await pageOf(browser, server.baseUrl, { cookie: adminCookie, javaScript })
    try {
      const { page } = admin
      await page.goto(`${server.baseUrl}/admin/coaches/${ada.id}/availability`)
      await expectGoodAtBothWidths(page, `Availability – ${ada.name}`)
      await go(page, 'link', 'See what will happen to them and move them')
      await expectGoodAtBothWidths(page, `Conversations that clash with their availability – ${ada.name}`)
      const plan = await conversationRows(page)
      expect(plan).toHaveLength(2)
      expect(plan[0]).toContain(wednesday.reference)
      expect(plan[0]).toContain('Cancelled: no other coach is free then')
      expect(plan[1]).toContain(thursday.reference)
      expect(plan[1]).toContain(`Moves to ${bea.name} at the same time`)
      await go(page, 'button', 'Move or cancel these conversations')
      await expectGoodAtBothWidths(page, `Conversations moved or cancelled – ${ada.name}`)
      expect(await bookingRow(server.app, wednesday.id)).toMatchObject({ status: 'cancelled' })
      expect(await bookingRow(server.app, thursday.id)).toMatchObject({ status: 'booked', coach_id: bea.id })
      expect(admin.problems).toEqual([])
    } finally {
      await admin.context.close()
    }
  })
})
