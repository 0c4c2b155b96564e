import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildFuzzWorld, describeRequest, encodeLoosely, junkText, pathValue, Referee, remoteAddress, type FuzzWorld } from './support.js'

/**
 * Every page form (each POST outside /api) and every page's query string,
 * posted as a browser would (form-encoded, with the session and CSRF token
 * of someone allowed to use it, an admin for /admin) but with the fields
 * broken: missing, repeated, extra, junk text, NUL and other control
 * characters, lone surrogates, 1 MB values, bad dates and zones, SQL and
 * HTML. The fields are those the page's own form has (read from the page
 * at the same address) plus a few every form might have.
 */

/** Generated posts in all (at least 6 per form) and requests per page: about 25 s on a shared 2-core machine, however many forms there are. */
const FORM_BUDGET = 480
const PAGE_RUNS = 3

const COMMON_FIELDS = ['email', 'name', 'password', 'code', 'day', 'month', 'year', 'date', 'time', 'start', 'timeZone', 'reason', 'note', 'status', 'programme', 'role', 'page', 'q']

interface FormRoute {
  url: string
  session: 'admin' | 'coach' | 'anonymous'
  fields: Map<string, string[]>
}

function sessionFor(url: string): FormRoute['session'] {
  if (url.startsWith('/admin') || url.startsWith('/account')) return 'admin'
  if (url.startsWith('/coach')) return 'coach'
  return 'anonymous'
}

function idsFor(path: string, name: string, world: FuzzWorld): string[] {
  switch (name) {
    case 'programme':
      return [world.programmeSlug]
    case 'token':
      return path.startsWith('/bookings') ? [world.manageToken] : []
    case 'coachId':
      return world.ids.coaches ?? []
    case 'bookingId':
      return world.ids.bookings ?? []
    case 'actionId':
      return world.ids.actions ?? []
    case 'overrideId':
      return world.ids.coach_date_overrides ?? []
    case 'timeOffId':
      return world.ids.coach_time_off ?? []
  }
  const table = [
    ['/programmes/', 'programmes'],
    ['/staff/', 'staff_users'],
    ['/invitations/', 'invitations'],
    ['/deliveries/', 'email_deliveries'],
    ['/resources/', 'programme_resources'],
  ].find(([segment]) => path.includes(segment!))?.[1]
  return table ? (world.ids[table] ?? []) : Object.values(world.ids).flat()
}

/** The form fields on a page, with the values the page offers (options, radios, filled-in values). */
function fieldsOnPage(html: string): Map<string, string[]> {
  const fields = new Map<string, string[]>()
  const add = (name: string, value: string | undefined) => {
    if (name === '_csrf') return
    const values = fields.get(name) ?? []
    if (value !== undefined && !values.includes(value)) values.push(value)
    fields.set(name, values)
  }
  for (const match of html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const name = /\bname="([^"]+)"/.exec(match[2]!)?.[1]
    if (name) add(name, /\bvalue="([^"]*)"/.exec(match[2]!)?.[1])
  }
  for (const match of html.matchAll(/<select\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    for (const option of match[2]!.matchAll(/<option\b[^>]*\bvalue="([^"]*)"/g)) add(match[1]!, option[1])
  }
  return fields
}

function fillPath(url: string, world: FuzzWorld, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? idsFor(url, name, world)[0] ?? 'x')
}

describe('page forms and query strings under generated junk', () => {
  let world: FuzzWorld
  let referee: Referee
  const routes: FormRoute[] = []
  let pages: string[] = []

  beforeAll(async () => {
    world = await buildFuzzWorld()
    referee = new Referee(world)
    const posts = world.app.routeCatalogue.filter((route) => route.method === 'POST' && !route.url.startsWith('/api/'))
    // Signing out ends the sessions every other form is posted with: those go last.
    posts.sort((a, b) => Number(a.url.startsWith('/sign-out')) - Number(b.url.startsWith('/sign-out')))
    for (const { url } of posts) {
      const session = sessionFor(url)
      const page = await world.app.inject({ url: fillPath(url, world, {}), headers: { cookie: world[session].cookie } })
      routes.push({ url, session, fields: page.statusCode === 200 ? fieldsOnPage(page.body) : new Map() })
    }
    pages = [...new Set(world.app.routeCatalogue.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/') && !r.url.startsWith('/assets') && !r.url.startsWith('/docs')).map((r) => r.url))]
  })
  afterAll(async () => {
    await world?.app.close()
  })

  it('never answers 5xx to a form post, and a refused post changes nothing in the database', async () => {
    await referee.start()
    const runs = Math.max(6, Math.floor(FORM_BUDGET / routes.length))
    let sent = 0
    for (const route of routes) {
      const names = [...new Set([...route.fields.keys(), ...COMMON_FIELDS])]
      const value = (name: string) => {
        const offered = route.fields.get(name) ?? []
        return fc.oneof(
          { arbitrary: offered.length > 0 ? fc.constantFrom(...offered) : fc.constant(''), weight: 3 },
          { arbitrary: junkText(), weight: 2 },
          { arbitrary: fc.array(junkText(), { minLength: 2, maxLength: 3 }), weight: 1 },
        )
      }
      const own = [...route.fields.keys()]
      const body = fc.record(Object.fromEntries(names.map((name) => [name, value(name)])), { requiredKeys: [] }).map((record) =>
        // Mostly the page's own fields; the common ones now and then, as extra fields.
        Object.entries(record).filter(([name], index) => own.includes(name) || index % 4 === 0),
      )
      const params = fc.record(Object.fromEntries([...route.url.matchAll(/:(\w+)/g)].map((m) => [m[1]!, pathValue(idsFor(route.url, m[1]!, world))])))
      const session = fc.oneof(
        { arbitrary: fc.constant(route.session), weight: 6 },
        { arbitrary: fc.constantFrom<FormRoute['session']>('admin', 'coach', 'anonymous'), weight: 1 },
      )
      const csrf = fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: junkText(), weight: 1 })
      const encoding = fc.constantFrom('form', 'form', 'form', 'form', 'json')

      await fc.assert(
        fc.asyncProperty(fc.record({ body, params, session, csrf, encoding, remoteAddress }), async (input) => {
          sent += 1
          const who = world[input.session]
          const url = fillPath(route.url, world, input.params as Record<string, string>)
          const fields: [string, string][] = [['_csrf', input.csrf ?? who.csrf]]
          for (const [name, given] of input.body) for (const item of [given].flat()) fields.push([name, item as string])
          const payload =
            input.encoding === 'json'
              ? JSON.stringify(Object.fromEntries(fields))
              : fields.map(([name, item]) => `${encodeLoosely(name)}=${encodeLoosely(item)}`).join('&')
          const response = await world.app.inject({
            method: 'POST',
            url,
            payload,
            remoteAddress: input.remoteAddress,
            headers: {
              cookie: who.cookie,
              'content-type': input.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
            },
          })
          await referee.judge({ label: describeRequest('POST', url, payload), response })
        }),
        { numRuns: runs, endOnFailure: true },
      )
    }
    console.log(`${sent} form posts`, Object.fromEntries(referee.statuses))
    expect(sent).toBe(routes.length * runs)
    expect([...referee.statuses.keys()].some((status) => status < 400)).toBe(true)
  }, 60_000)

  it('never answers 5xx to a page asked for with a junk query string', async () => {
    await referee.start()
    const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...COMMON_FIELDS, 'offset', 'limit', 'cursor', 'sort', 'from', 'to', 'coach', 'owner', 'category', 'overdue'), fc.string({ maxLength: 6 })), junkText()), { maxLength: 4 })
    let sent = 0
    for (const page of pages) {
      const params = fc.record(Object.fromEntries([...page.matchAll(/:(\w+)/g)].map((m) => [m[1]!, pathValue(idsFor(page, m[1]!, world))])))
      await fc.assert(
        fc.asyncProperty(fc.record({ query, params, remoteAddress }), async (input) => {
          sent += 1
          const search = input.query.map(([name, value]) => `${encodeLoosely(name)}=${encodeLoosely(value)}`).join('&')
          const url = `${fillPath(page, world, input.params as Record<string, string>)}${search ? `?${search}` : ''}`
          const response = await world.app.inject({ url, remoteAddress: input.remoteAddress, headers: { cookie: world[sessionFor(page)].cookie } })
          await referee.judge({ label: describeRequest('GET', url, undefined), response })
        }),
        { numRuns: PAGE_RUNS, endOnFailure: true },
      )
    }
    expect(sent).toBe(pages.length * PAGE_RUNS)
  }, 60_000)
})
