import fp from 'fastify-plugin'
import type { FastifySchema } from 'fastify'

/**
 * Input that PostgreSQL cannot store is refused at the schema, on every route,
 * with the usual 400 naming the field (pages: the error page), instead of
 * reaching a statement and failing there as a 500:
 *
 * - text with a NUL byte (PostgreSQL's text cannot hold one), other control
 *   characters (tab, line feed and carriage return stay allowed) or a lone
 *   UTF-16 surrogate (not a character: it cannot be encoded as UTF-8);
 * - whole numbers beyond PostgreSQL's `integer`, and numbers beyond what any
 *   of our columns holds, e.g. `?offset=99999999999999999999`.
 *
 * Done once, here, rather than in each route: every request schema (body,
 * querystring, params, headers) is rewritten as the route is added, before
 * Fastify compiles it, so a route written tomorrow is covered too. Bounds a
 * schema states itself are kept; only the missing ones are added.
 */

/** Any character but C0 controls other than \t \n \r, DEL, and surrogates not in a pair (the pattern is compiled with the `u` flag). */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]*$'
export const STORABLE_TEXT_MESSAGE = 'must not contain control characters or invalid unicode'

/** PostgreSQL's `integer`. */
const INTEGER_MIN = -2_147_483_648
const INTEGER_MAX = 2_147_483_647
/** Far beyond any amount the service takes, well inside a double's exact range. */
const NUMBER_LIMIT = 1e15

/** Formats that already allow only plain characters. */
const STRICT_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'ipv4', 'ipv6'])

type SchemaNode = Record<string | symbol, unknown>

const isNode = (value: unknown): value is SchemaNode => typeof value === 'object' && value !== null && !Array.isArray(value)

function hasType(node: SchemaNode, type: string): boolean {
  return node.type === type || (Array.isArray(node.type) && node.type.includes(type))
}

/** A copy of the schema with the limits added; the original (often shared by several routes and responses) is left alone. */
export function withStorableLimits<T>(schema: T): T {
  if (!isNode(schema)) return schema
  // Spread keeps TypeBox's symbol keys.
  const node: SchemaNode = { ...schema }
  const fixed = 'const' in node || 'enum' in node

  if (!fixed && hasType(node, 'string') && !(typeof node.format === 'string' && STRICT_FORMATS.has(node.format))) {
    if (node.pattern === undefined) node.pattern = STORABLE_TEXT_PATTERN
    else if (node.pattern !== STORABLE_TEXT_PATTERN) node.allOf = [...((node.allOf as unknown[]) ?? []), { pattern: STORABLE_TEXT_PATTERN }]
  }
  if (!fixed && hasType(node, 'integer')) {
    if (node.minimum === undefined && node.exclusiveMinimum === undefined) node.minimum = INTEGER_MIN
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) node.maximum = INTEGER_MAX
  } else if (!fixed && hasType(node, 'number')) {
    if (node.minimum === undefined && node.exclusiveMinimum === undefined) node.minimum = -NUMBER_LIMIT
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) node.maximum = NUMBER_LIMIT
  }

  for (const key of ['properties', 'patternProperties', 'definitions', '$defs'] as const) {
    const children = node[key]
    if (isNode(children)) node[key] = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, withStorableLimits(child)]))
  }
  for (const key of ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const) {
    if (isNode(node[key])) node[key] = withStorableLimits(node[key])
    else if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(withStorableLimits)
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(withStorableLimits)
  }
  return node as T
}

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const

export default fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      const schema = route.schema as FastifySchema | undefined
      if (!schema) return
      const hardened: FastifySchema = { ...schema }
      for (const part of REQUEST_PARTS) {
        if (schema[part] !== undefined) hardened[part] = withStorableLimits(schema[part])
      }
      route.schema = hardened
    })
  },
  { name: 'storable-input' },
)
