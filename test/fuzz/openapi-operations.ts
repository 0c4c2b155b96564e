/**
 * Requests against every operation of the OpenAPI document (what
 * integrations read at /docs/json), built from the operation's own schemas
 * and then broken: wrong types, missing and extra fields, junk text, huge
 * and negative numbers, bad dates and zones, a body that is not JSON, odd
 * headers, and each of the callers (admin, coach, candidate, nobody).
 * Shared by the openapi-*.test.ts files, each taking its share of the
 * operations so vitest runs them side by side.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describeRequest, encodeLoosely, junkText, junkValue, pathValue, remoteAddress, type FuzzWorld, type Referee } from './support.js'

type Schema = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}
export interface OperationEntry {
  method: string
  path: string
  operation: Operation
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, Schema> }
}

export function operationsOf(app: FuzzWorld['app']): { document: OpenApiDocument; operations: OperationEntry[] } {
  const document = app.swagger() as unknown as OpenApiDocument
  const operations: OperationEntry[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.push({ method: method.toUpperCase(), path, operation })
    }
  }
  // Signing out ends the shared sessions the other operations use: those go last.
  const signsOut = (entry: OperationEntry) => entry.path.includes('/auth/logout')
  return { document, operations: [...operations.filter((e) => !signsOut(e)), ...operations.filter(signsOut)] }
}

/** A value the schema would mostly accept: the start from which fields are broken one by one. */
function plausible(schema: Schema | undefined, world: FuzzWorld, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant('x')
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!
    return plausible(document.components?.schemas?.[name], world, document, depth + 1)
  }
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (choices) return fc.oneof(...choices.map((choice) => plausible(choice, world, document, depth + 1)))
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  const type = Array.isArray(schema.type) ? (schema.type as string[])[0] : schema.type
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>
      const entries = Object.entries(properties).map(([name, child]) => [name, shaken(child, world, document, depth + 1)] as const)
      return fc.record(Object.fromEntries(entries), { requiredKeys: [] })
    }
    case 'array':
      return fc.array(shaken(schema.items as Schema | undefined, world, document, depth + 1), { maxLength: 3 })
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -5
      const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, min + 500) : min + 500
      return fc.integer({ min, max })
    }
    case 'number':
      return fc.double({ min: -10, max: 1000, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'string':
      return plausibleText(schema, world)
    default:
      return junkValue(1)
  }
}

function plausibleText(schema: Schema, world: FuzzWorld): fc.Arbitrary<string> {
  const allIds = Object.values(world.ids).flat()
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...allIds), fc.constant(randomUUID()))
    case 'date-time':
      return fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString())
    case 'date':
      return fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    default:
      return fc.oneof(
        fc.constantFrom(world.programmeSlug, 'Sam Taylor', 'sam.taylor@example.com', 'Europe/London', 'America/New_York', 'video', 'phone', 'four-stage', '07700 900123', 'done', 'open'),
        fc.string({ maxLength: 20 }),
      )
  }
}

/** The plausible value most of the time; junk, or nothing at all, otherwise. */
function shaken(schema: Schema | undefined, world: FuzzWorld, document: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: plausible(schema, world, document, depth), weight: 3 }, { arbitrary: junkValue(1), weight: 1 })
}

function pathIds(path: string, name: string, world: FuzzWorld): string[] {
  if (name === 'key') return ['four-stage']
  if (name === 'actionId') return world.ids.actions ?? []
  if (path.includes('/invitations/')) return world.ids.invitations ?? []
  if (path.includes('/bookings/')) return world.ids.bookings ?? []
  return Object.values(world.ids).flat()
}

/** A header value an HTTP client can actually send (no control characters, Latin-1 only). */
const headerText = junkText().map((text) => text.slice(0, 500).replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?'))

interface Request {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  remoteAddress: string
}

export function requestFor(entry: OperationEntry, world: FuzzWorld, document: OpenApiDocument): fc.Arbitrary<Request> {
  const parameters = entry.operation.parameters ?? []
  const pathParams = parameters.filter((p) => p.in === 'path')
  const queryParams = parameters.filter((p) => p.in === 'query')
  const headerParams = parameters.filter((p) => p.in === 'header')
  const bodySchema = entry.operation.requestBody?.content?.['application/json']?.schema

  const path = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(pathIds(entry.path, p.name, world))])))
  const query = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc.oneof(
          { arbitrary: plausible(p.schema, world, document).map((value) => (typeof value === 'object' ? JSON.stringify(value) : String(value))), weight: 3 },
          { arbitrary: junkText(), weight: 2 },
        ),
      ]),
    ),
    { requiredKeys: [] },
  )
  const extraQuery = fc.option(fc.tuple(fc.string({ maxLength: 10 }), junkText()), { freq: 4 })
  // The operation's own headers, and ones every request may carry, with junk in them.
  const headers = fc.record(
    {
      ...Object.fromEntries(headerParams.map((p) => [p.name, headerText])),
      'idempotency-key': headerText,
      'x-request-id': headerText,
      accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'x/y;q=abc'),
    },
    { requiredKeys: [] },
  )
  // Now and then: most would stop at the CSRF check's Origin test.
  const origin = fc.option(fc.constantFrom('null', 'https://evil.example', 'http://localhost:80', 'not a url'), { freq: 8 })
  const junkCookie = fc.option(headerText.map((text) => `cc_session=${text.replace(/[;,\s]/g, '')}`), { freq: 5 })
  // Mostly callers who may use the operation, so the junk reaches its schema and handler rather than stopping at 401/403.
  const staffOnly = /\/(admin|reports|notes|outcome|reassign)\b/.test(entry.path)
  const caller: fc.Arbitrary<Record<string, string>> = fc.oneof(
    { arbitrary: fc.constant({ cookie: world.admin.cookie }), weight: staffOnly ? 6 : 2 },
    { arbitrary: fc.constant({ cookie: world.coach.cookie }), weight: 2 },
    { arbitrary: fc.constant({ authorization: `Bearer ${world.manageToken}` }), weight: staffOnly ? 1 : 3 },
    { arbitrary: fc.constant<Record<string, string>>({}), weight: 1 },
  )
  const body = bodySchema
    ? fc.oneof(
        { arbitrary: shaken(bodySchema, world, document).map((value) => ({ type: 'application/json', text: JSON.stringify(value) ?? 'null' })), weight: 8 },
        { arbitrary: fc.constantFrom('{"unfinished":', '[1,2,', 'not json', '\u0000').map((text) => ({ type: 'application/json', text })), weight: 1 },
        { arbitrary: junkText().map((text) => ({ type: 'text/plain', text })), weight: 1 },
      )
    : fc.constant(undefined)

  return fc.record({ path, query, extraQuery, headers, caller, junkCookie, origin, body, remoteAddress }).map((parts) => {
    let url = entry.path.replace(/\{(\w+)\}/g, (_match, name: string) => parts.path[name] ?? 'x')
    const pairs = Object.entries(parts.query as Record<string, string>)
    if (parts.extraQuery) pairs.push(parts.extraQuery)
    const queryString = pairs.map(([name, value]) => `${encodeLoosely(name)}=${encodeLoosely(value)}`).join('&')
    if (queryString) url += `?${queryString}`
    const headerValues: Record<string, string> = { ...(parts.headers as Record<string, string>), ...parts.caller }
    if (parts.junkCookie) headerValues.cookie = parts.junkCookie
    if (parts.origin) headerValues.origin = parts.origin
    if (parts.body) headerValues['content-type'] = parts.body.type
    return { method: entry.method, url, headers: headerValues, payload: parts.body?.text, remoteAddress: parts.remoteAddress }
  })
}

/**
 * Every operation in this share, judged by the referee: about `budget`
 * generated requests in all (at least 20 per operation), so the file's time
 * stays bounded as the API grows.
 */
export async function fuzzOperations(world: FuzzWorld, referee: Referee, share: { index: number; of: number }, budget: number): Promise<number> {
  const { document, operations } = operationsOf(world.app)
  const mine = operations.filter((_entry, index) => index % share.of === share.index)
  const runs = Math.max(20, Math.floor(budget / mine.length))
  mine.sort((a, b) => Number(a.path.includes('/auth/logout')) - Number(b.path.includes('/auth/logout')))
  let sent = 0
  for (const entry of mine) {
    await fc.assert(
      fc.asyncProperty(requestFor(entry, world, document), async (request) => {
        sent += 1
        const response = await world.app.inject(request)
        await referee.judge({ label: describeRequest(request.method, request.url, request.payload), response })
      }),
      { numRuns: runs, endOnFailure: true },
    )
  }
  return sent
}
