import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, TestClock } from '../helper.js'
import { adminAndCoachSessions } from '../support/staff.js'
import { errorSummary, pageText } from '../support/visitor.js'
import { COACH_ONLY_COMMENT, matching, REVIEW_NOW, SECRET_NOTE, seedReview, sortedBy, type ReviewSeed, type SeedAction } from './review-seed.js'

/**
 * /admin/actions as the programme team uses it, without JavaScript: a GET
 * form of filters, search and order; pages of fifty walked with plain
 * "Previous" and "More" links; each row with the candidate's name, their
 * latest comment, who does it and how long it has been in its status.
 */

let app: FastifyInstance
let seeded: ReviewSeed
let admin: string

beforeAll(async () => {
  ;({ app } = await buildTestApp({ clock: new TestClock(new Date(REVIEW_NOW)) }))
  seeded = await seedReview(app.pg.pool, { bookings: 40, seed: 41 })
  ;({ admin } = await adminAndCoachSessions(app))
})

afterAll(async () => {
  await app?.close()
})

const page = (url: string) => app.inject({ url, headers: { cookie: admin } })

/** The summaries of the listed actions, in the order shown. */
function listed(html: string): string[] {
  const table = /<table[^>]*id="action-list"[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  return [...table.matchAll(/aria-hidden="true">Action <\/span>([^<]*)<br>/g)].map((m) => m[1]!.trim())
}

/** The href of a pagination link ("Previous actions" or "More actions"), unescaped. */
function link(html: string, rel: 'prev' | 'next'): string | null {
  const match = new RegExp(`<a[^>]*href="([^"]*)"[^>]*rel="${rel}"|<a[^>]*rel="${rel}"[^>]*href="([^"]*)"`).exec(html)
  const href = match?.[1] ?? match?.[2]
  return href ? href.replaceAll('&amp;', '&') : null
}

const summaries = (actions: readonly SeedAction[]) => actions.map((a) => a.summary)

describe('/admin/actions', () => {
  it('lists the first fifty, overdue first, with the candidate, their latest comment, who does it and time in status', async () => {
    const response = await page('/admin/actions')
    expect(response.statusCode).toBe(200)
    const expected = sortedBy(seeded.actions, 'overdue')
    expect(listed(response.body)).toEqual(summaries(expected.slice(0, 50)))
    const text = pageText(response.body)
    const first = expected[0]!
    expect(text).toContain(first.candidateName)
    expect(text).toContain(first.reference)
    expect(response.body).toContain('Overdue')
    // A row's comment and how long it has been in its status.
    const withComment = expected.slice(0, 50).find((a) => a.latestCandidateComment !== null)!
    expect(text).toContain(withComment.latestCandidateComment!)
    const recent = expected.slice(0, 50).find((a) => {
      const days = Math.floor((Date.parse(REVIEW_NOW) - a.statusChangedAt.getTime()) / 86_400_000)
      return days >= 2 && days < 14
    })
    if (recent) {
      const days = Math.floor((Date.parse(REVIEW_NOW) - recent.statusChangedAt.getTime()) / 86_400_000)
      expect(text).toContain(`For ${days} days, since`)
    }
    expect(text).toMatch(/Who does it (Candidate|Coach|Programme team)/)
    expect(response.body).not.toContain(SECRET_NOTE)
    expect(response.body).not.toContain(COACH_ONLY_COMMENT)
    expect(link(response.body, 'prev')).toBeNull()
  })

  it('walks the pages with plain links: "More actions" to the end, and "Previous actions" back', async () => {
    const expected = summaries(sortedBy(seeded.actions, '-candidate'))
    const seen: string[] = []
    const pages: string[] = []
    let url: string | null = '/admin/actions?sort=-candidate'
    while (url) {
      const response = await page(url)
      expect(response.statusCode, url).toBe(200)
      pages.push(url)
      seen.push(...listed(response.body))
      url = link(response.body, 'next')
      if (url) expect(url).toMatch(/^\/admin\/actions\?sort=-candidate&cursor=[\w-]+#actions$/)
      expect(pages.length).toBeLessThan(50)
    }
    expect(seen).toEqual(expected)
    expect(pages.length).toBe(Math.ceil(expected.length / 50))
    // Back from the last page, one page at a time, to the first.
    let back = await page(pages[pages.length - 1]!)
    for (let i = pages.length - 2; i >= 0; i--) {
      const previous = link(back.body, 'prev')
      expect(previous).not.toBeNull()
      back = await page(previous!)
      expect(listed(back.body)).toEqual(expected.slice(i * 50, i * 50 + 50))
    }
    expect(link(back.body, 'prev')).toBeNull()
  })

  it('searches, filters and sorts from the form', async () => {
    const filters = { q: 'rossi', owner: 'candidate', dueFrom: '2026-04-01', dueTo: '2026-07-31' }
    const response = await page(`/admin/actions?q=Rossi&owner=candidate&dueFrom=2026-04-01&dueTo=2026-07-31&sort=statusSince`)
    expect(response.statusCode).toBe(200)
    expect(listed(response.body)).toEqual(summaries(sortedBy(matching(seeded.actions, filters), 'statusSince')).slice(0, 50))
    expect(response.body).toContain('value="Rossi"')
    expect(response.body).toMatch(/<option value="statusSince" selected/)
  })

  it('filters by programme, coach, category, status, overdue and agreed dates', async () => {
    const [programme] = seeded.programmes
    const coachId = seeded.coaches[1]!.id
    const cases: [string, Parameters<typeof matching>[1]][] = [
      [`programme=${programme!.id}&status=done`, { programme: programme!.id, status: 'done' }],
      [`coach=${coachId}&category=training_or_course`, { coach: coachId, category: 'training_or_course' }],
      ['overdue=yes', { overdue: true }],
      ['agreedFrom=2026-03-01&agreedTo=2026-03-31', { agreedFrom: '2026-03-01', agreedTo: '2026-03-31' }],
    ]
    for (const [query, filters] of cases) {
      const response = await page(`/admin/actions?${query}&sort=dueOn`)
      expect(response.statusCode, query).toBe(200)
      expect(listed(response.body), query).toEqual(summaries(sortedBy(matching(seeded.actions, filters), 'dueOn')).slice(0, 50))
    }
  })

  it('shows bad filters and a stale page link in the error summary', async () => {
    const dates = await page('/admin/actions?dueFrom=2026-02-30&agreedFrom=2026-03-01&agreedTo=2026-02-01&owner=nobody')
    expect(dates.statusCode).toBe(400)
    expect(errorSummary(dates.body)).toEqual([
      '#owner Choose who does it from the list',
      '#dueFrom The first due date must be a real date',
      '#agreedTo The last date agreed must be a real date, on or after the first',
    ])
    const stale = await page('/admin/actions?sort=coach&cursor=bm90LWEtY3Vyc29y')
    expect(stale.statusCode).toBe(400)
    expect(errorSummary(stale.body)).toEqual(['#sort That page of actions is no longer available: start again from the first page'])
  })

  it('counts the matching actions on the summary page, by coach and by category', async () => {
    const response = await page(`/admin/actions/summary?programme=${seeded.programmes[1]!.slug}&overdue=yes`)
    expect(response.statusCode).toBe(200)
    const expected = matching(seeded.actions, { programme: seeded.programmes[1]!.id, overdue: true })
    const count = (status: string) => expected.filter((a) => a.status === status).length
    const table = pageText(/<table[^>]*id="summary"[\s\S]*?<\/table>/.exec(response.body)![0]).trim()
    expect(table).toContain(`All ${expected.length} ${count('not_started')} ${count('in_progress')} 0 0 ${expected.length}`)
    expect(response.body).toContain(`href="/admin/actions?programme=${seeded.programmes[1]!.slug}&amp;overdue=yes"`)
  })
})
