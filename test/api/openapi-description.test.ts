/**
 * What the OpenAPI document says of who may call each operation is what the
 * routes do: asked with no credentials, with a session, with API tokens of
 * the scopes it lists (and of every other scope), each operation answers as
 * its `security` says; and every API operation refuses a made-up API token
 * with the 401 it lists. Operations are asked about a real booking (other
 * ids made up) with an empty body, so nothing changes. Where a route checks
 * the body before the credentials, an empty body answers 400 first: that
 * proves nothing either way, and is let by. Every answer met on the way has
 * a status its operation lists.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_SCOPES } from '../../src/domain/integrations/api-tokens.js'
import { buildTestApp, type TestApp } from '../helper.js'
import { bookingBody, createCoach, createProgramme, listSlotStarts, postBooking } from '../support/booking-fixtures.js'
import { operationsOf, servedDocument, type OpenApiOperation } from '../support/openapi.js'
import { createStaff, startSession } from '../support/staff.js'

interface Entry {
  method: string
  path: string
  operation: OpenApiOperation
}

let t: TestApp
let entries: Entry[]
let adminId: string
let bookingId: string

beforeAll(async () => {
  t = await buildTestApp()
  entries = operationsOf(await servedDocument(t.app))
  adminId = (await createStaff(t.app, { role: 'admin' })).id
  const programme = await createProgramme(t.app.pg.pool)
  await createCoach(t.app.pg.pool, programme)
  const [start] = await listSlotStarts(t.app, programme, '2026-03-09', '2026-03-13')
  const booked = await postBooking(t.app, bookingBody(programme, start!))
  expect(booked.statusCode, booked.body).toBe(201)
  bookingId = (booked.json() as { booking: { id: string } }).booking.id
})
afterAll(async () => {
  await t?.app.close()
})

const urlOf = (path: string) => path.replace('/bookings/{id}', `/bookings/${bookingId}`).replace(/\{[^}]+\}/g, () => randomUUID())
const hasBody = (entry: Entry) => !['GET', 'DELETE'].includes(entry.method)
/** 400 to an empty body: the body was checked before the credentials. */
const unproven = (entry: Entry, status: number) => hasBody(entry) && status === 400
const label = ({ method, path }: Entry) => `${method} ${path}`
const schemesOf = (entry: Entry) => (entry.operation.security ?? []).flatMap((requirement) => Object.keys(requirement))
const anyoneMay = (entry: Entry) => (entry.operation.security ?? []).length === 0 || (entry.operation.security ?? []).some((requirement) => Object.keys(requirement).length === 0)
const tokenScopesOf = (entry: Entry) => entry.operation.security?.find((requirement) => 'apiToken' in requirement)?.apiToken ?? null

/** Answers with a status the operation does not list. */
const unlisted = new Set<string>()

async function ask(entry: Entry, headers: Record<string, string> = {}, url = urlOf(entry.path)) {
  const payload = hasBody(entry) ? {} : undefined
  const response = await t.app.inject({ method: entry.method as 'GET', url, payload, headers })
  if (!(String(response.statusCode) in entry.operation.responses)) unlisted.add(`${label(entry)}: ${response.statusCode}`)
  return response
}

const tokens = new Map<string, string>()
/** An API token of exactly these scopes (made once). */
async function tokenOf(scopes: readonly string[]): Promise<string> {
  const key = [...scopes].sort().join(' ')
  if (!tokens.has(key)) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-tokens',
      headers: { cookie: await startSession(t.app, adminId) },
      payload: { name: `Description check ${key}`, scopes },
    })
    expect(response.statusCode, response.body).toBe(201)
    tokens.set(key, (response.json() as { token: string }).token)
  }
  return tokens.get(key)!
}

describe('the security of every operation, as the document says it', () => {
  it('asked without credentials: 401 where the operation needs some, never where it needs none', async () => {
    const wrong: string[] = []
    for (const entry of entries) {
      const response = await ask(entry)
      const refused = response.statusCode === 401
      if (anyoneMay(entry) ? refused : !refused && !unproven(entry, response.statusCode)) wrong.push(`${label(entry)}: ${response.statusCode}`)
    }
    expect(wrong).toEqual([])
  })

  it('asked with an admin session: let in where the session is listed, 401 where it is not and credentials are needed', async () => {
    const wrong: string[] = []
    for (const entry of entries) {
      // A session of its own each time: signing out ends it.
      const response = await ask(entry, { cookie: await startSession(t.app, adminId) })
      const listed = schemesOf(entry).includes('session')
      if (listed && response.statusCode === 401) wrong.push(`${label(entry)}: 401 with a session`)
      if (!listed && !anyoneMay(entry) && response.statusCode !== 401 && !unproven(entry, response.statusCode)) wrong.push(`${label(entry)}: ${response.statusCode} with a session it does not list`)
    }
    expect(wrong).toEqual([])
  })

  it('asked with API tokens: one of a listed scope is let in, one of every other scope is refused', async () => {
    const wrong: string[] = []
    for (const entry of entries.filter((e) => e.path.startsWith('/api/'))) {
      const scopes = tokenScopesOf(entry)
      if (scopes) {
        for (const scope of scopes) {
          const response = await ask(entry, { authorization: `Bearer ${await tokenOf([scope])}` })
          if ([401, 403].includes(response.statusCode)) wrong.push(`${label(entry)}: ${response.statusCode} with ${scope}`)
        }
      }
      if (anyoneMay(entry)) continue
      const others = API_SCOPES.filter((scope) => !scopes?.includes(scope))
      const response = await ask(entry, { authorization: `Bearer ${await tokenOf(others)}` })
      // A booking's routes answer a bearer token that opens no booking (a manage link's, or a system's) as for
      // someone else's booking: 404, so that nobody learns the booking is there.
      const refusals = entry.path.startsWith('/api/v1/bookings/{id}') ? [401, 403, 404] : [401, 403]
      if (!refusals.includes(response.statusCode) && !unproven(entry, response.statusCode)) {
        wrong.push(`${label(entry)}: ${response.statusCode} with ${others.join(' ')}`)
      }
    }
    expect(wrong).toEqual([])
    expect(tokens.size).toBeGreaterThan(3)
  })

  it('every API operation lists the 401 it answers to a made-up API token', async () => {
    const madeUp = `ccat_${randomBytes(32).toString('base64url')}`
    const wrong: string[] = []
    for (const entry of entries.filter((e) => e.path.startsWith('/api/'))) {
      const response = await ask(entry, { authorization: `Bearer ${madeUp}` })
      if (response.statusCode !== 401 || !('401' in entry.operation.responses)) wrong.push(`${label(entry)}: ${response.statusCode}`)
    }
    expect(wrong).toEqual([])
  })

  it('asked with ids that are not ids: an answer the operation lists', async () => {
    for (const entry of entries.filter((e) => e.path.includes('{'))) {
      await ask(entry, { cookie: await startSession(t.app, adminId) }, entry.path.replace(/\{[^}]+\}/g, 'not-an-id'))
    }
  })

  it('answered every request above with a status its operation lists', () => {
    expect([...unlisted]).toEqual([])
  })
})
