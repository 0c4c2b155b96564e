/**
 * The OpenAPI document integrators read (GET /docs/json) passes `redocly lint`
 * with the recommended rules, without an error or a warning (test/api/redocly.yaml),
 * and the types the API tests' client is generated with (test/api/openapi-types.ts)
 * are the document's as it is now, as is docs/api.md's index of every
 * operation: `npm run api:types` writes both again.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, testConfig, type TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import {
  API_DOCS_FILE,
  API_TYPES_FILE,
  committedApiTypes,
  generatedApiTypes,
  operationsIndex,
  operationsOf,
  servedDocument,
  withOperationsIndex,
  type OpenApiDocument,
} from '../support/openapi.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js')
const PUBLIC_URL = 'https://careers.example.nhs.uk'

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number }
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[]
}

/** Runs the redocly CLI on the document (no telemetry, no update check) and gives its JSON report. */
async function redoclyLint(document: OpenApiDocument): Promise<LintReport> {
  const folder = await mkdtemp(path.join(tmpdir(), 'openapi-lint-'))
  try {
    await writeFile(path.join(folder, 'openapi.json'), JSON.stringify(document, null, 2))
    await copyFile(path.join(here, 'redocly.yaml'), path.join(folder, 'redocly.yaml'))
    await copyFile(path.join(here, '.redocly.lint-ignore.yaml'), path.join(folder, '.redocly.lint-ignore.yaml'))
    const run = await promisify(execFile)(
      process.execPath,
      [redoclyCli, 'lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'json'],
      {
        cwd: folder,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 30_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((failure: { stdout?: string; stderr?: string }) => {
      // Exit code 1 when there are errors: the report is still on stdout.
      if (failure.stdout) return { stdout: failure.stdout }
      throw new Error(`redocly lint did not run: ${failure.stderr ?? String(failure)}`)
    })
    return JSON.parse(run.stdout) as LintReport
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

describe('the OpenAPI document', () => {
  let t: TestApp
  let document: OpenApiDocument

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase()
    t = await buildTestApp({ databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, PUBLIC_URL }) })
    document = await servedDocument(t.app)
  })
  afterAll(async () => {
    await t?.app.close()
  })

  it('passes redocly lint with the recommended rules: no error, no warning', async () => {
    const report = await redoclyLint(document)
    const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`)
    expect(problems).toEqual([])
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
  })

  it('names the service at PUBLIC_URL, its MIT licence, and every operation by a unique operationId with its security', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: PUBLIC_URL })])
    expect(document.info.license).toEqual({ name: 'MIT', identifier: 'MIT' })
    const operations = operationsOf(document)
    expect(operations.length).toBeGreaterThan(40)
    const ids = operations.map(({ operation }) => operation.operationId)
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
    expect(operations.filter(({ operation }) => !Array.isArray(operation.security)).map(({ method, path }) => `${method} ${path}`)).toEqual([])
  })

  it('is what the committed client types were generated from (else run `npm run api:types`)', async () => {
    const generated = await generatedApiTypes(document)
    if (process.env.UPDATE_API_TYPES === '1') await writeFile(API_TYPES_FILE, generated)
    const committed = await committedApiTypes()
    expect(committed, `${path.relative(process.cwd(), API_TYPES_FILE)} is not the document's: run \`npm run api:types\` and commit it`).toBe(generated)
  })

  it("is what docs/api.md's index of every operation lists (else run `npm run api:types`)", async () => {
    const markdown = await readFile(API_DOCS_FILE, 'utf8')
    const expected = withOperationsIndex(markdown, operationsIndex(document))
    if (process.env.UPDATE_API_TYPES === '1') await writeFile(API_DOCS_FILE, expected)
    expect(await readFile(API_DOCS_FILE, 'utf8'), 'docs/api.md lists other operations than /docs/json: run `npm run api:types` and commit it').toBe(expected)
  })
})
