/**
 * The OpenAPI document as integrators read it (GET /docs/json), and the
 * TypeScript types generated from it with openapi-typescript, which the API
 * tests' openapi-fetch client is typed by (test/api/openapi-types.ts, written
 * by `npm run api:types`).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import openapiTS, { astToString } from 'openapi-typescript'

export const API_TYPES_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../api/openapi-types.ts')
export const API_DOCS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../docs/api.md')

const HEADER = `/**
 * Generated from the OpenAPI document (GET /docs/json) by openapi-typescript:
 * do not edit. \`npm run api:types\` writes it again; test/api/openapi-lint.test.ts
 * fails when it no longer matches the document.
 */
`

export interface OpenApiOperation {
  operationId?: string
  summary?: string
  security?: Record<string, string[]>[]
  parameters?: { name: string; in: string; required?: boolean }[]
  responses: Record<string, unknown>
}

export interface OpenApiDocument {
  openapi: string
  info: { license?: { name: string; identifier?: string } }
  servers?: { url: string }[]
  paths: Record<string, Record<string, OpenApiOperation>>
}

/** The document the app serves. */
export async function servedDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject('/docs/json')
  if (response.statusCode !== 200) throw new Error(`/docs/json: ${response.statusCode}`)
  return response.json()
}

/** Every operation: method (upper case), path as the document writes it, and the operation. */
export function operationsOf(document: OpenApiDocument): { method: string; path: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  )
}

/** The types openapi-typescript makes of the document, as the committed file holds them. */
export async function generatedApiTypes(document: OpenApiDocument): Promise<string> {
  return HEADER + astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]))
}

export async function committedApiTypes(): Promise<string | null> {
  return readFile(API_TYPES_FILE, 'utf8').catch(() => null)
}

const INDEX_START = '<!-- every-operation:start (written by `npm run api:types` from /docs/json: do not edit) -->'
const INDEX_END = '<!-- every-operation:end -->'

const SECURITY_WORDS: Record<string, string> = { session: 'staff session', manageToken: 'manage token', apiToken: 'API token' }

/** docs/api.md's index of every operation, as the document describes them now (a Markdown table). */
export function operationsIndex(document: OpenApiDocument): string {
  const rows = operationsOf(document)
    .map(({ method, path, operation }) => {
      const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement))
      const who = schemes.length === 0 ? 'anyone' : schemes.map((scheme) => SECURITY_WORDS[scheme] ?? scheme).join(' or ')
      return `| ${method} ${path.replaceAll('{', ':').replaceAll('}', '')} | \`${operation.operationId ?? ''}\` | ${who} |`
    })
    .sort()
  return [INDEX_START, '| method and path | operationId | credentials |', '|---|---|---|', ...rows, INDEX_END].join('\n')
}

/** docs/api.md with its index of every operation replaced by `index`. */
export function withOperationsIndex(markdown: string, index: string): string {
  const start = markdown.indexOf(INDEX_START)
  const end = markdown.indexOf(INDEX_END)
  if (start === -1 || end === -1) throw new Error(`docs/api.md has lost its index markers (${INDEX_START})`)
  return markdown.slice(0, start) + index + markdown.slice(end + INDEX_END.length)
}
