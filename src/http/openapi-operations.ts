import type { SwaggerTransform } from '@fastify/swagger'
import type { FastifySchema } from 'fastify'
import { ROUTE_SCOPES } from '../plugins/app/api-scopes.js'
import { ErrorBody } from '../schemas/common.js'

/**
 * What the OpenAPI document says of each operation that the routes do not
 * need to repeat: its `operationId` (what generated clients name their
 * methods by) and its `security`. Applied once to every route by
 * @fastify/swagger's `transform` (src/plugins/external/swagger.ts), so a route
 * written tomorrow is described too. test/api/openapi-description.test.ts
 * checks the result against what the routes do.
 *
 * operationId: a route's own `schema.operationId` wins; otherwise one is made
 * from the method and the path (after /api/v1), e.g.
 *
 *   GET    /programmes                           listProgrammes
 *   GET    /bookings/:id                         getBooking
 *   POST   /bookings                             createBooking
 *   POST   /slots/holds                          createSlotHold
 *   POST   /bookings/:id/reschedule              rescheduleBooking
 *   PATCH  /admin/programmes/:slug               updateAdminProgramme
 *   DELETE /admin/api-tokens/:id                 deleteAdminApiToken
 *   GET    /admin/webhooks/:id/deliveries        listAdminWebhookDeliveries
 *
 * A word followed by a parameter names one thing (singular). The last word
 * decides the verb: a parameter (one thing: get, update, delete), a plural
 * (a collection: list, create) or any other word (GET reads it; POST does it,
 * so the word is the verb). Where that reads badly, the route says
 * `operationId` itself. Names are unique: `redocly lint` fails otherwise.
 *
 * security: the routes a system's API token opens (src/plugins/app/api-scopes.ts)
 * take `session` or `apiToken` with the scopes that open them; otherwise what
 * the route declares (`manageToken`, `session`); otherwise the session for
 * the folders whose autohooks ask for an admin (/api/v1/admin, /api/v1/reports);
 * otherwise none (`security: []`: anyone).
 *
 * 401 on every API route: a request that carries an API token which is not
 * valid (unknown, revoked, expired) is refused on any /api route, public ones
 * included (src/plugins/app/auth.ts), so each API operation lists a 401.
 * 400 wherever the route has a schema for its input (path, query, headers,
 * body): input it refuses is answered 400 with the fields and reasons.
 * 403 on the API routes that take a manage link's token: a system's API token
 * opens no candidate's booking (src/http/booking-credentials.ts).
 */

type SecurityRequirement = Record<string, string[]>

const API_PREFIX = /^\/api\/v\d+(?=\/|$)/
/** Folders whose autohooks.ts let in the programme team only (or a token with the route's scope). */
const ADMIN_FOLDERS = ['/api/v1/admin/', '/api/v1/reports/']

function pascal(word: string): string {
  return word
    .split(/[-_.]/)
    .filter(Boolean)
    .map((piece) => piece[0]!.toUpperCase() + piece.slice(1))
    .join('')
}

function camel(words: string[]): string {
  const joined = words.map(pascal).join('')
  return joined[0]!.toLowerCase() + joined.slice(1)
}

/** The word's last piece (after a hyphen) ends in a plural s: `api-tokens`, `deliveries`; not `status`, `address`. */
function isPlural(word: string): boolean {
  const last = word.split('-').pop()!
  return /s$/.test(last) && !/(ss|us)$/.test(last)
}

function singular(word: string): string {
  if (!isPlural(word)) return word
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y')
  if (/(ch|sh|x|ss)es$/.test(word)) return word.replace(/es$/, '')
  return word.replace(/s$/, '')
}

const isParameter = (segment: string) => segment.startsWith(':') || segment.startsWith('{')

/** A stable camelCase name made from the method and the path. */
function operationIdFor(method: string, url: string): string {
  const segments = url.replace(API_PREFIX, '').split('/').filter(Boolean)
  // A word followed by a parameter names one of its kind.
  const words: string[] = []
  segments.forEach((segment, index) => {
    if (isParameter(segment)) return
    words.push(isParameter(segments[index + 1] ?? '') ? singular(segment) : segment)
  })
  const verb = method.toLowerCase()
  const last = segments.at(-1) ?? ''
  if (words.length === 0) return `${verb}Root`

  if (isParameter(last)) {
    const action = { get: 'get', put: 'update', patch: 'update', delete: 'delete' }[verb] ?? verb
    return camel([action, ...words])
  }
  if (isPlural(last)) {
    if (verb === 'get') return camel(['list', ...words])
    if (verb === 'post') return camel(['create', ...words.map(singular)])
  }
  if (verb === 'get') return camel(['get', ...words])
  if (verb === 'post') return camel([words.at(-1)!, ...words.slice(0, -1)])
  const action = { put: 'update', patch: 'update', delete: 'delete' }[verb] ?? verb
  return camel([action, ...words])
}

/** Who may call the operation, as the document says it. */
function securityFor(method: string, url: string, declared: SecurityRequirement[] | undefined): SecurityRequirement[] {
  const scopes = ROUTE_SCOPES[`${method} ${url}`]
  if (scopes) return [{ session: [] }, { apiToken: [...scopes] }]
  if (declared) return declared
  if (ADMIN_FOLDERS.some((folder) => url.startsWith(folder))) return [{ session: [] }]
  return []
}

interface RouteSchema {
  hide?: boolean
  operationId?: string
  security?: SecurityRequirement[]
  response?: Record<string, unknown>
  [key: string]: unknown
}

// Inlined with a description of its own, as the routes' other error answers are.
const { $id: _id, ...errorBody } = ErrorBody as typeof ErrorBody & { $id?: string }
const INVALID_API_TOKEN = { ...errorBody, description: 'An API token was sent that is not valid (unknown, revoked or expired)' }
const INVALID_INPUT = { ...errorBody, description: 'The request does not match the schema: `fields` says which and why' }
const NO_API_TOKENS = { ...errorBody, description: 'insufficient_scope: an API token was sent, and API tokens cannot use this' }
const takesManageToken = (security: SecurityRequirement[] | undefined) => (security ?? []).some((requirement) => 'manageToken' in requirement)
const INPUT_PARTS = ['params', 'querystring', 'headers', 'body'] as const

/** @fastify/swagger's `transform`: the route's schema with its operationId, security and the 400 and 401 answers above filled in. */
export const describeOperation: SwaggerTransform = ({ schema, url, route }) => {
  // A route without a schema (none in the document) comes through as undefined, whatever the type says.
  const own = schema as RouteSchema | undefined
  if (!own || own.hide) return { schema, url }
  const method = [route.method].flat()[0]!.toUpperCase()
  const answers = own.response
  const added = {
    ...(answers && answers['400'] === undefined && INPUT_PARTS.some((part) => own[part] !== undefined) ? { 400: INVALID_INPUT } : {}),
    ...(answers && answers['401'] === undefined && API_PREFIX.test(url) ? { 401: INVALID_API_TOKEN } : {}),
    ...(answers && answers['403'] === undefined && takesManageToken(own.security) ? { 403: NO_API_TOKENS } : {}),
  }
  return {
    url,
    schema: {
      ...own,
      operationId: own.operationId ?? operationIdFor(method, url),
      security: securityFor(method, url, own.security),
      ...(Object.keys(added).length > 0 ? { response: { ...answers, ...added } } : {}),
    } as FastifySchema,
  }
}
