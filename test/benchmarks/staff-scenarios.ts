/**
 * What the programme team reads: the follow-up review (API and page) and the
 * programme report for a year (API and page), four admins at once, each
 * signed in through the API with their password and authenticator code.
 */
import type { RawRequest, RequestContext } from 'autocannon'
import { Secret, TOTP } from 'otpauth'
import { ukDate, type BenchContext } from './context.js'
import { ADMIN_COUNT, ADMIN_PASSWORD, ADMIN_TOTP_SECRET, PROGRAMMES, adminEmail } from './fixtures.js'
import { runLoad, type LoadResult } from './load.js'
import { cpuOfService, cpuRow } from './cpu-meter.js'
import { fmt } from './report.js'

const CONNECTIONS = ADMIN_COUNT

export async function signInAdmins(context: BenchContext): Promise<string[]> {
  const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(ADMIN_TOTP_SECRET) })
  const cookies: string[] = []
  for (let n = 1; n <= ADMIN_COUNT; n++) {
    const response = await fetch(`${context.service.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail(n), password: ADMIN_PASSWORD, code: totp.generate() }),
    })
    const text = await response.text()
    if (response.status === 429) context.report.check429('admin sign-in', { '429': 1 })
    if (response.status !== 200) throw new Error(`Signing in ${adminEmail(n)} answered ${response.status}: ${text.slice(0, 300)}`)
    const session = response.headers.getSetCookie().find((c) => c.startsWith('cc_session='))
    if (!session) throw new Error('Signing in set no cc_session cookie')
    cookies.push(session.split(';')[0]!)
  }
  context.adminCookies = cookies
  return cookies
}

/**
 * What Chromium sends with a page it navigates to from one of ours: pages are
 * timed as a browser fetches them, compressed (src/plugins/external/compress.ts).
 * The API is timed without: an integration's client may not ask.
 */
const BROWSER_PAGE_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd', 'sec-fetch-site': 'same-origin' }

/** Each connection is one admin (its own session cookie); the paths go round in turn. */
function asAdmins(cookies: string[], paths: string[], extraHeaders: Record<string, string>) {
  let nextPath = 0
  let nextAdmin = 0
  return (request: RawRequest, connection: RequestContext): RawRequest => {
    if (typeof connection.cookie !== 'string') connection.cookie = cookies[nextAdmin++ % cookies.length]
    return { ...request, path: paths[nextPath++ % paths.length], headers: { ...(request.headers ?? {}), ...extraHeaders, cookie: connection.cookie as string } }
  }
}

async function probe(context: BenchContext, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${context.service.baseUrl}${path}`, { headers: { cookie: context.adminCookies![0]! } })
  return { status: response.status, text: await response.text() }
}

async function adminLoad(context: BenchContext, paths: string[], kind: 'api' | 'page'): Promise<LoadResult> {
  return runLoad({
    url: context.service.baseUrl,
    connections: CONNECTIONS,
    duration: context.seconds,
    warmupSeconds: Math.min(2, context.seconds),
    requests: [{ method: 'GET', setupRequest: asAdmins(context.adminCookies!, paths, kind === 'page' ? BROWSER_PAGE_HEADERS : {}) }],
    cpuOf: cpuOfService(context.service),
  })
}

function latencyRows(context: BenchContext, label: string, result: LoadResult, targetMs: number): void {
  const { report } = context
  report.check429(label, result.statusCounts)
  report.row(`${label}: throughput`, `${fmt.n(result.requestsPerSecond, 1)} req/s`)
  report.row(`${label}: p50`, fmt.ms(result.p50))
  report.row(`${label}: p99`, result.requests === 0 ? 'no answers' : fmt.ms(result.p99), `< ${targetMs} ms`, result.requests > 0 && result.p99 < targetMs)
  cpuRow(report, `${label}: CPU a request`, result.cpu)
  report.row(`${label}: non-2xx`, result.non2xx === 0 ? '0' : JSON.stringify(result.statusCounts), '0', result.non2xx === 0)
}

/**
 * BENCH_REVIEW_EACH=1: each path loaded alone as well, by the same admins, to find which of the mix makes its tail.
 * Reported, not held to the target (the target is the mix's).
 */
async function eachPathAlone(context: BenchContext, paths: string[], kind: 'api' | 'page'): Promise<void> {
  for (const path of paths) {
    const result = await adminLoad(context, [path], kind)
    context.report.row(`${kind} alone ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')}`, `${fmt.n(result.requestsPerSecond, 1)} req/s, p50 ${fmt.ms(result.p50)}, p99 ${fmt.ms(result.p99)}`)
  }
}

export async function followUpReviewScenario(context: BenchContext): Promise<void> {
  const { report } = context
  report.startSection(`follow-up review: first pages of 50 of 100,000 actions, ${CONNECTIONS} admins at once`)
  const programmeId = context.programmes[PROGRAMMES.hundredTwenty.slug]!.id
  const { rows } = await context.db.query<{ id: string }>(
    `SELECT c.id FROM coaches c JOIN programme_coaches pc ON pc.coach_id = c.id AND pc.programme_id = $1 ORDER BY c.id LIMIT 1`,
    [programmeId],
  )
  const coachId = rows[0]!.id
  const today = ukDate(0)
  const apiPaths = [
    '/api/v1/admin/actions?limit=50',
    `/api/v1/admin/actions?programme=${programmeId}&status=not_started&limit=50`,
    '/api/v1/admin/actions?overdue=true&sort=dueOn&limit=50',
    '/api/v1/admin/actions?category=job_application&sort=-dueOn&limit=50',
    '/api/v1/admin/actions?owner=candidate&status=in_progress&sort=-statusSince&limit=50',
    `/api/v1/admin/actions?coach=${coachId}&limit=50`,
    `/api/v1/admin/actions?dueFrom=${ukDate(-30)}&dueTo=${today}&sort=dueOn&limit=50`,
    '/api/v1/admin/actions?q=candidate1234&limit=50',
    '/api/v1/admin/actions?q=priya&limit=50',
    '/api/v1/admin/actions?status=not_started&sort=coach&limit=50',
    `/api/v1/admin/actions?programme=${programmeId}&sort=-candidate&limit=50`,
  ]
  const figures: Record<string, unknown> = {}

  const first = await probe(context, apiPaths[0]!)
  if (first.status === 404) {
    report.row('API GET /api/v1/admin/actions', 'not available (404)')
    figures.api = 'not available'
  } else {
    // Only the queries it answers are timed; the others are reported.
    const refused: string[] = []
    const answered: string[] = []
    for (const path of apiPaths) {
      const answer = path === apiPaths[0] ? first : await probe(context, path)
      if (answer.status === 200) answered.push(path)
      else refused.push(`${path} -> ${answer.status} ${answer.text.slice(0, 160)}`)
    }
    for (const line of refused) report.note(`follow-up review API refused: ${line}`)
    if (refused.length > 0) report.row('API queries not answered 200', `${refused.length} of ${apiPaths.length} (see the notes)`, '0', false)
    if (answered.length > 0) {
      const result = await adminLoad(context, answered, 'api')
      latencyRows(context, 'API', result, 30)
      figures.api = { ...result, paths: answered, refusedPaths: refused }
      if (process.env.BENCH_REVIEW_EACH === '1') await eachPathAlone(context, answered, 'api')
    } else {
      figures.api = { refusedPaths: refused }
    }
  }

  const pagePaths = [
    '/admin/actions',
    `/admin/actions?programme=${programmeId}&status=not_started`,
    '/admin/actions?overdue=yes',
    '/admin/actions?category=job_application',
    `/admin/actions?coach=${coachId}`,
    '/admin/actions?status=in_progress&page=3',
  ]
  const page = await probe(context, pagePaths[0]!)
  if (page.status !== 200) {
    report.row('page /admin/actions', `answered ${page.status}`)
    figures.page = { status: page.status }
  } else {
    const result = await adminLoad(context, pagePaths, 'page')
    latencyRows(context, 'page', result, 30)
    figures.page = { ...result, paths: pagePaths }
    const busy = await whileTheReviewChanges(context, () => adminLoad(context, pagePaths, 'page'))
    const label = `page, what it reads changing every ${CHANGE_EVERY_MS} ms`
    report.row(`${label}: throughput`, `${fmt.n(busy.result.requestsPerSecond, 1)} req/s (${fmt.n(busy.changes, 0)} changes)`)
    report.row(`${label}: p50 / p99`, `${fmt.ms(busy.result.p50)} / ${fmt.ms(busy.result.p99)}`)
    cpuRow(report, `${label}: CPU a request`, busy.result.cpu)
    report.row(`${label}: non-2xx`, busy.result.non2xx === 0 ? '0' : JSON.stringify(busy.result.statusCounts), '0', busy.result.non2xx === 0)
    figures.pageWhileChanging = { ...busy.result, changes: busy.changes, changeEveryMs: CHANGE_EVERY_MS }
    if (process.env.BENCH_REVIEW_EACH === '1') await eachPathAlone(context, pagePaths, 'page')
  }
  report.set('followUpReview', figures)
}

const CHANGE_EVERY_MS = 10

/**
 * Pages of the review are kept while nothing they read changes
 * (src/domain/actions/review-service.ts), and in the load above nothing does.
 * Here one action is written every CHANGE_EVERY_MS (a write that changes
 * nothing still sends the notice that drops every kept page), so
 * nearly every page is read afresh, as on a busy day: the cost of a page not
 * kept, beside the figures above. Its CPU includes the writes.
 */
async function whileTheReviewChanges<T>(context: BenchContext, work: () => Promise<T>): Promise<{ result: T; changes: number }> {
  const { rows } = await context.db.query<{ id: string }>('SELECT id FROM actions ORDER BY id LIMIT 1')
  let changes = 0
  let running = true
  const writing = (async () => {
    while (running) {
      await context.db.query('UPDATE actions SET updated_at = updated_at WHERE id = $1', [rows[0]!.id])
      changes++
      await new Promise((resolve) => setTimeout(resolve, CHANGE_EVERY_MS))
    }
  })()
  try {
    return { result: await work(), changes }
  } finally {
    running = false
    await writing
  }
}

export async function reportScenario(context: BenchContext): Promise<void> {
  const { report } = context
  report.startSection(`programme report for a year, ${CONNECTIONS} admins at once`)
  const from = ukDate(-365)
  const to = ukDate(0)
  const slugs = [PROGRAMMES.hundredTwenty.slug, PROGRAMMES.seventy.slug, PROGRAMMES.ten.slug]
  const apiPaths = slugs.map((slug) => `/api/v1/reports/programme?${new URLSearchParams({ programme: slug, from, to }).toString()}`)
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  const pagePaths = slugs.map(
    (slug) =>
      `/admin/reports?${new URLSearchParams({
        programme: context.programmes[slug]!.id,
        'from-day': String(fd),
        'from-month': String(fm),
        'from-year': String(fy),
        'to-day': String(td),
        'to-month': String(tm),
        'to-year': String(ty),
      }).toString()}`,
  )
  const figures: Record<string, unknown> = { from, to }
  for (const [label, paths] of [
    ['API', apiPaths],
    ['page', pagePaths],
  ] as const) {
    const answer = await probe(context, paths[0]!)
    if (answer.status !== 200) {
      report.row(`${label} ${paths[0]}`, `answered ${answer.status}: ${answer.text.slice(0, 160)}`)
      figures[label.toLowerCase()] = { status: answer.status }
      continue
    }
    const result = await adminLoad(context, [...paths], label === 'page' ? 'page' : 'api')
    latencyRows(context, label, result, 100)
    figures[label.toLowerCase()] = { ...result, paths }
  }
  report.set('report', figures)
}
