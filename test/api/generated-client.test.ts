/**
 * The API as another system calls it: over HTTP on loopback, through a client
 * generated from the OpenAPI document (openapi-fetch, typed by
 * test/api/openapi-types.ts). A request the document does not describe does
 * not compile; every answer must have a status the operation lists and a body
 * its schema accepts, so a description that drifts from behaviour fails here.
 */
import { randomBytes } from 'node:crypto'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import createClient, { type Client, type Middleware } from 'openapi-fetch'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helper.js'
import { createCoach, createProgramme, LONDON, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { servedDocument, type OpenApiDocument } from '../support/openapi.js'
import { adminAndCoachSessions } from '../support/staff.js'
import type { paths } from './openapi-types.js'

/** Checks each answer against the document: a listed status, and a JSON body its schema for that status accepts. */
function answersAsDescribed(document: OpenApiDocument & { components?: { schemas?: Record<string, unknown> } }): Middleware & { problems: string[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  const validators = new Map<string, ValidateFunction>()
  const problems: string[] = []
  // The document's shared schemas, where a response schema's references find them.
  const $defs = document.components?.schemas ?? {}
  const withDefs = (schema: unknown) => JSON.parse(JSON.stringify({ ...(schema as object), $defs }).replaceAll('#/components/schemas/', '#/$defs/'))
  return {
    problems,
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase()
      const where = `${request.method} ${schemaPath} ${response.status}`
      const declared = document.paths[schemaPath]?.[method]?.responses as Record<string, { content?: Record<string, { schema?: unknown }> }> | undefined
      const answer = declared?.[String(response.status)] ?? declared?.[`${String(response.status)[0]}XX`]
      if (!answer) {
        problems.push(`${where}: a status the document does not list`)
        return
      }
      const schema = answer.content?.['application/json']?.schema
      if (!schema) return
      if (!validators.has(where)) validators.set(where, ajv.compile(withDefs(schema)))
      const validate = validators.get(where)!
      const body: unknown = await response.clone().json()
      if (!validate(body)) problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`)
    },
  }
}

let t: TestApp
let api: Client<paths>
let checker: ReturnType<typeof answersAsDescribed>
let programme: ProgrammeFixture
let adminCookie: string

beforeAll(async () => {
  t = await buildTestApp()
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const address = t.app.server.address()
  if (address === null || typeof address === 'string') throw new Error(`Unexpected server address: ${String(address)}`)
  checker = answersAsDescribed(await servedDocument(t.app))
  api = createClient<paths>({ baseUrl: `http://127.0.0.1:${address.port}` })
  api.use(checker)
  programme = await createProgramme(t.app.pg.pool)
  await createCoach(t.app.pg.pool, programme)
  adminCookie = (await adminAndCoachSessions(t.app)).admin
})
afterAll(async () => {
  await t?.app.close()
})
beforeEach(() => {
  checker.problems.length = 0
})

describe('the generated client', () => {
  it('books as a candidate: programmes, slots, a hold, the booking, then the manage token reads, moves and cancels it', async () => {
    const programmes = await api.GET('/api/v1/programmes')
    expect(programmes.response.status).toBe(200)
    expect(programmes.data?.programmes.map((p) => p.slug)).toContain(programme.slug)

    const slots = await api.GET('/api/v1/slots', {
      params: { query: { programme: programme.slug, from: '2026-03-09', to: '2026-03-13', timeZone: LONDON } },
    })
    expect(slots.error).toBeUndefined()
    const [first, second] = slots.data!.slots
    expect(first && second).toBeTruthy()

    const hold = await api.POST('/api/v1/slots/holds', { body: { programme: programme.slug, start: first!.start } })
    expect(hold.response.status).toBe(201)
    expect(hold.data).toMatchObject({ start: first!.start, end: first!.end })

    const booked = await api.POST('/api/v1/bookings', {
      body: {
        programme: programme.slug,
        start: first!.start,
        timeZone: LONDON,
        candidate: { name: 'Sam Taylor', email: 'sam.taylor@example.com' },
        contactMethod: 'video',
        consent: true,
        holdKey: hold.data!.holdKey,
      },
    })
    expect(booked.response.status, JSON.stringify(booked.error)).toBe(201)
    const { booking, manageUrl } = booked.data!
    expect(booking).toMatchObject({ start: first!.start, status: 'booked' })
    const asCandidate = { authorization: `Bearer ${manageUrl.split('/').pop()!}` }
    // The manage token is the manageToken security scheme's bearer credential.
    const params = { path: { id: booking.id } }

    const again = await api.POST('/api/v1/bookings', {
      body: { programme: programme.slug, start: first!.start, timeZone: LONDON, candidate: { name: 'Alex', email: 'alex@example.com' }, contactMethod: 'phone', consent: true },
    })
    expect(again.response.status).toBe(400) // a phone call needs a phone number
    const taken = await api.POST('/api/v1/bookings', {
      body: { programme: programme.slug, start: first!.start, timeZone: LONDON, candidate: { name: 'Alex', email: 'alex@example.com' }, contactMethod: 'video', consent: true },
    })
    expect(taken.response.status).toBe(409)
    expect(taken.error).toMatchObject({ error: 'slot_unavailable' })

    const read = await api.GET('/api/v1/bookings/{id}', { headers: asCandidate, params })
    expect(read.data).toMatchObject({ booking: { id: booking.id, reference: booking.reference, status: 'booked' } })
    const stranger = await api.GET('/api/v1/bookings/{id}', { params: { path: { id: booking.id } } })
    expect(stranger.response.status).toBe(401)

    const moved = await api.POST('/api/v1/bookings/{id}/reschedule', { headers: asCandidate, params, body: { start: second!.start } })
    expect(moved.response.status, JSON.stringify(moved.error)).toBe(200)
    expect(moved.data).toMatchObject({ booking: { id: booking.id, start: second!.start, status: 'booked' } })

    const cancelled = await api.POST('/api/v1/bookings/{id}/cancel', { headers: asCandidate, params, body: { reason: 'Found a new role' } })
    expect(cancelled.response.status).toBe(200)
    expect(cancelled.data).toMatchObject({ booking: { id: booking.id, status: 'cancelled' } })
    const cancelledAgain = await api.POST('/api/v1/bookings/{id}/cancel', { headers: asCandidate, params, body: {} })
    expect(cancelledAgain.response.status).toBe(409)

    expect(checker.problems).toEqual([])
  })

  it("pushes invitations with an API token of another system, which reaches only its scope's routes", async () => {
    const created = await api.POST('/api/v1/admin/api-tokens', {
      headers: { cookie: adminCookie },
      body: { name: 'Staffing system', scopes: ['invitations:write'] },
    })
    expect(created.response.status, JSON.stringify(created.error)).toBe(201)
    const asSystem = { authorization: `Bearer ${created.data!.token}` }
    const listed = await api.GET('/api/v1/admin/api-tokens', { headers: { cookie: adminCookie } })
    expect(listed.data?.apiTokens).toEqual([expect.objectContaining({ id: created.data!.id, scopes: ['invitations:write'] })])

    const email = `jo.${randomBytes(3).toString('hex')}@example.com`
    const invited = await api.POST('/api/v1/admin/invitations', {
      headers: asSystem,
      body: { programme: programme.slug, name: 'Jo Bloggs', email, note: 'From the staffing system' },
    })
    expect(invited.response.status, JSON.stringify(invited.error)).toBe(201)
    const invitation = invited.data!.invitation
    expect(invitation).toMatchObject({ email, status: 'sent', programme: { slug: programme.slug } })

    const batch = await api.POST('/api/v1/admin/invitations/batch', {
      headers: asSystem,
      body: { invitations: [{ programme: programme.slug, name: 'Kim', email: `kim.${randomBytes(3).toString('hex')}@example.com` }, { programme: programme.slug, name: 'No address' }] },
    })
    expect(batch.response.status).toBe(200)
    expect(batch.data?.invited).toHaveLength(1)
    expect(batch.data?.errors).toEqual([expect.objectContaining({ index: 1 })])

    const list = await api.GET('/api/v1/admin/invitations', { headers: asSystem, params: { query: { programme: programme.id } } })
    expect(list.data?.invitations.map((item) => item.email)).toContain(email)
    const one = await api.GET('/api/v1/admin/invitations/{id}', { headers: asSystem, params: { path: { id: invitation.id } } })
    expect(one.data).toMatchObject({ invitation: { id: invitation.id, email } })
    const withdrawn = await api.POST('/api/v1/admin/invitations/{id}/withdraw', { headers: asSystem, params: { path: { id: invitation.id } } })
    expect(withdrawn.data).toMatchObject({ invitation: { id: invitation.id, status: 'withdrawn' } })

    const outsideScope = await api.GET('/api/v1/admin/webhooks', { headers: asSystem })
    expect(outsideScope.response.status).toBe(403)
    expect(outsideScope.error).toMatchObject({ error: 'insufficient_scope' })
    const revoked = await api.DELETE('/api/v1/admin/api-tokens/{id}', { headers: { cookie: adminCookie }, params: { path: { id: created.data!.id } } })
    expect(revoked.response.status).toBe(200)
    const afterRevoking = await api.GET('/api/v1/admin/invitations', { headers: asSystem })
    expect(afterRevoking.response.status).toBe(401)

    expect(checker.problems).toEqual([])
  })
})
