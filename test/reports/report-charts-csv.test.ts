import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { NOW, seedProgrammeHistory, type Seeded } from './seed.js'

/**
 * The programme report's charts (SVG drawn on the server, each an image with
 * a title and a description giving its figures, the same figures in a table
 * beneath) and its figures as CSV: both checked against the JSON report
 * (whose figures test/reports/programme-report.test.ts and
 * report-figures.test.ts check against counts worked out in the tests).
 */

let app: FastifyInstance
let seeded: Seeded
let admin: string
let coach: string

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(NOW)) }))
  seeded = await seedProgrammeHistory(app.pg.pool)
  ;({ admin, coach } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

const PERIOD = 'from=2026-01-01&to=2026-03-31'
const pageUrl = () => `/admin/reports?programme=${seeded.programme.id}&from-day=1&from-month=1&from-year=2026&to-day=31&to-month=3&to-year=2026`

interface Report {
  funnel: Record<string, { count: number; rate: number | null } | number | null | string>
  actions: { byCategory: Record<string, number>; completedShare: Record<string, { share: number | null; done: number; actions: number }> }
  coachUtilisation: { share: number | null; coaches: { coach: { name: string }; share: number | null }[] }
  bookingsPerWeek: { weekStarting: string; made: number }[]
  [key: string]: unknown
}

async function jsonReport(): Promise<Report> {
  const response = await app.inject({ url: `/api/v1/reports/programme?programme=${seeded.programme.slug}&${PERIOD}`, headers: { cookie: admin } })
  expect(response.statusCode).toBe(200)
  return response.json()
}

/** The SVG with this id, its name and description, and its bars' widths (percent) in order. */
function chart(html: string, id: string) {
  const svg = new RegExp(`<svg class="app-chart" id="${id}"[\\s\\S]*?</svg>`).exec(html)?.[0]
  expect(svg, id).toBeDefined()
  const attribute = (name: string) => new RegExp(`^<svg[^>]* ${name}="([^"]*)"`).exec(svg!)?.[1]
  const title = new RegExp(`<title id="${id}-title">([^<]*)</title>`).exec(svg!)?.[1]
  const desc = new RegExp(`<desc id="${id}-desc">([^<]*)</desc>`).exec(svg!)?.[1]
  const widths = [...svg!.matchAll(/<rect class="app-chart__bar" x="0" y="\d+" width="([\d.]+)%"/g)].map((m) => Number(m[1]))
  const heights = [...svg!.matchAll(/<rect class="app-chart__bar" x="[\d.]+%" y="[\d.]+" width="[\d.]+%" height="([\d.]+)"/g)].map((m) => Number(m[1]))
  return { svg: svg!, role: attribute('role'), labelledBy: attribute('aria-labelledby'), title, desc: desc?.replaceAll('&#39;', "'"), widths, heights }
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.01)

describe('the report page’s charts', () => {
  it('draws each group of figures as an image with a title and a description of every figure, above its table', async () => {
    const report = await jsonReport()
    const response = await app.inject({ url: pageUrl(), headers: { cookie: admin } })
    expect(response.statusCode).toBe(200)
    const html = response.body
    for (const [id, table] of [
      ['funnel-chart', 'funnel'],
      ['completed-chart', 'completed'],
      ['by-category-chart', 'by-category'],
      ['utilisation-chart', 'utilisation'],
      ['per-week-chart', 'per-week'],
    ] as const) {
      const c = chart(html, id)
      expect(c.role).toBe('img')
      expect(c.labelledBy).toBe(`${id}-title ${id}-desc`)
      expect(c.title).toBeTruthy()
      // No script, no charting library: nothing but the drawing.
      expect(c.svg).not.toMatch(/<script|on[a-z]+=/i)
      // The table of its figures comes after it.
      expect(html.indexOf(`id="${table}"`)).toBeGreaterThan(html.indexOf(`id="${id}"`))
    }

    const f = report.funnel as unknown as Record<'booked' | 'held' | 'didNotAttend' | 'cancelled', { count: number; rate: number | null }> & { invited: number }
    const funnel = chart(html, 'funnel-chart')
    expect(funnel.desc).toContain(`Invited: ${f.invited}.`)
    expect(funnel.desc).toContain(`Booked: ${f.booked.count} (${Math.round(f.booked.rate! * 1000) / 10}% of invited).`)
    expect(funnel.desc).toContain(`Held: ${f.held.count}`)
    // Bars in proportion to the largest (invited), the empty ones not drawn.
    const counts = [f.invited, f.booked.count, f.held.count, f.didNotAttend.count, f.cancelled.count]
    const max = Math.max(...counts)
    const drawn = counts.filter((n) => n > 0)
    expect(funnel.widths).toHaveLength(drawn.length)
    funnel.widths.forEach((width, i) => close(width, (drawn[i]! / max) * 100))

    const completed = chart(html, 'completed-chart')
    for (const weeks of [4, 8, 12]) {
      const share = report.actions.completedShare[`weeks${weeks}`]!
      if (share.share !== null) expect(completed.desc).toContain(`At ${weeks} weeks: ${Math.round(share.share * 1000) / 10}% (${share.done} of ${share.actions}).`)
    }
    const byCategory = chart(html, 'by-category-chart')
    expect(byCategory.desc).toContain(`Training or course: ${report.actions.byCategory.training_or_course}.`)

    const utilisation = chart(html, 'utilisation-chart')
    for (const c of report.coachUtilisation.coaches) expect(utilisation.desc).toContain(`${c.coach.name}:`)

    const weeks = chart(html, 'per-week-chart')
    const made = report.bookingsPerWeek.map((w) => w.made)
    expect(weeks.heights).toHaveLength(made.filter((n) => n > 0).length)
    expect(weeks.svg).toContain(`Most in a week: ${Math.max(...made)} bookings`)
    expect(weeks.desc!.match(/Week beginning/g)).toHaveLength(report.bookingsPerWeek.length)
  })

  it('links to the figures as CSV and as JSON', async () => {
    const html = (await app.inject({ url: pageUrl(), headers: { cookie: admin } })).body
    expect(html).toContain(`href="/api/v1/reports/programme/export?programme=${seeded.programme.slug}&amp;from=2026-01-01&amp;to=2026-03-31"`)
  })
})

describe('GET /api/v1/reports/programme/export', () => {
  it('gives every figure of the JSON report, one a row, as CSV with a BOM', async () => {
    const report = await jsonReport()
    const response = await app.inject({ url: `/api/v1/reports/programme/export?programme=${seeded.programme.slug}&${PERIOD}`, headers: { cookie: admin } })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(`attachment; filename="programme-report-${seeded.programme.slug}-2026-01-01-to-2026-03-31.csv"`)
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = parse(response.body, { bom: true }) as string[][]
    expect(header).toEqual(['Section', 'Figure', 'Group', 'Value', 'Unit'])
    const value = (section: string, figure: string, group = '') => {
      const found = rows.filter((r) => r[0] === section && r[1] === figure && r[2] === group)
      expect(found, `${section} ${figure} ${group}`).toHaveLength(1)
      return found[0]![3]
    }
    const text = (n: number | null) => (n === null ? '' : String(n))
    const r = report as unknown as {
      invitations: { sent: number }
      bookings: Record<string, number>
      funnel: Record<string, { count: number; rate: number | null }> & { invited: number; conversion: number | null }
      daysFromInvitationToConversation: Record<string, number | null>
      actions: Report['actions'] & { agreed: number; perConversation: number | null; byOwner: Record<string, number> }
      coachUtilisation: { bookedHours: number; availableHours: number; share: number | null; coaches: { coach: { name: string }; bookedHours: number; share: number | null }[] }
      bookingsPerWeek: { weekStarting: string; made: number; conversations: number; held: number }[]
    }
    expect(value('invitations', 'sent')).toBe(text(r.invitations.sent))
    for (const [key, n] of Object.entries(r.bookings)) expect(value('bookings', key)).toBe(text(n))
    expect(value('funnel', 'invited')).toBe(text(r.funnel.invited))
    for (const stage of ['booked', 'held', 'didNotAttend', 'stillBooked', 'cancelled']) {
      expect(value('funnel', `${stage}.count`)).toBe(text(r.funnel[stage]!.count))
      expect(value('funnel', `${stage}.rate`)).toBe(text(r.funnel[stage]!.rate))
    }
    expect(value('funnel', 'conversion')).toBe(text(r.funnel.conversion))
    for (const figure of ['median', 'percentile90', 'mean']) {
      expect(value('daysFromInvitationToConversation', figure)).toBe(text(r.daysFromInvitationToConversation[figure]!))
    }
    expect(value('actions', 'agreed')).toBe(text(r.actions.agreed))
    expect(value('actions', 'perConversation')).toBe(text(r.actions.perConversation))
    for (const [owner, n] of Object.entries(r.actions.byOwner)) expect(value('actions', 'byOwner', owner)).toBe(text(n))
    for (const h of ['weeks4', 'weeks8', 'weeks12']) expect(value('completedShare', `${h}.share`)).toBe(text(r.actions.completedShare[h]!.share))
    expect(value('coachUtilisation', 'share')).toBe(text(r.coachUtilisation.share))
    for (const c of r.coachUtilisation.coaches) expect(value('coachUtilisation', 'bookedHours', c.coach.name)).toBe(text(c.bookedHours))
    for (const w of r.bookingsPerWeek) expect(value('bookingsPerWeek', 'made', w.weekStarting)).toBe(text(w.made))
  })

  it('refuses a bad query, naming the field, and is for admins only', async () => {
    const bad = await app.inject({ url: '/api/v1/reports/programme/export?programme=nope&from=2026-01-01&to=2025-01-01', headers: { cookie: admin } })
    expect(bad.statusCode).toBe(400)
    expect((bad.json().fields as { field: string }[]).map((f) => f.field)).toEqual(['querystring.programme', 'querystring.to'])
    const url = `/api/v1/reports/programme/export?programme=${seeded.programme.slug}&${PERIOD}`
    expect((await app.inject({ url })).statusCode).toBe(401)
    expect((await app.inject({ url, headers: { cookie: coach } })).statusCode).toBe(403)
  })
})
