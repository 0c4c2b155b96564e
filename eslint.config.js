import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { srcLintDigests } from './test/support/lint-digests.mjs'

/** The layers outside the domain: it defines ports that these implement, and never reaches up into them. */
const OUTER_LAYERS = ['./src/routes', './src/plugins', './src/emails', './src/jobs', './src/http', './src/cli', './src/app.ts', './src/server.ts', './src/worker.ts']

/**
 * Each journey's folder of routes (src/routes/pages/book, src/routes/api/v1/admin, ...) keeps its helpers to itself:
 * what two journeys share lives in src/http. The one exception is the availability pages, one plugin that a coach
 * registers for themselves and the programme team for any coach (its header says so).
 */
const SHARED_ROUTE_FILES = { './src/routes/pages/admin': ['./coach/availability/availability-pages.ts'] }
const routeFolderZones = ['./src/routes/pages', './src/routes/api/v1'].flatMap((parent) =>
  readdirSync(join(import.meta.dirname, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((folder) => ({
      target: `${parent}/${folder.name}`,
      from: parent,
      except: [`./${folder.name}`, ...(SHARED_ROUTE_FILES[`${parent}/${folder.name}`] ?? [])],
      message: 'A route folder keeps its helpers to itself: what two journeys share belongs in src/http.',
    })),
)

/**
 * The boundaries of docs/architecture.md, checked on every `npm test`
 * (test/architecture/boundaries.test.ts plants a violation of each and
 * expects the lint to refuse it).
 */
export const boundaryRules = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './src/domain',
          from: OUTER_LAYERS,
          message: 'The domain owns its ports (src/domain/ports); routes, plugins, emails and jobs implement or call them, never the other way round.',
        },
        {
          target: './src/repositories',
          from: OUTER_LAYERS,
          message: 'Repositories read and write tables and files: they never reach into the layers above.',
        },
        {
          target: './src/repositories',
          from: ['./src/domain/**/service/**', './src/domain/**/*-service.ts'],
          message: 'Repositories may use the domain’s types and values, never its services.',
        },
        {
          target: ['./src/emails', './src/jobs'],
          from: ['./src/routes', './src/http'],
          message: 'Emails and jobs run outside any request: they never reach into routes.',
        },
        ...routeFolderZones,
      ],
    },
  ],
  // A cycle of value imports (type-only imports are erased and do not count).
  'import-x/no-cycle': ['error', { ignoreExternal: true }],
}

/** Only repositories send SQL (docs/architecture.md), and src/database, which migrates and runs the embedded server. */
export const dataAccessRules = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.property.name='query']",
      message: 'Only repositories send SQL: put this query in one (src/repositories), taking the pool or a transaction’s client.',
    },
  ],
}

/**
 * Each file of src with the digest of what it is linted from (test/support/lint-digests.mjs): `npm run lint` keeps
 * its answers (`--cache`), and a file's answer is kept only while neither it nor anything it reads has changed. The
 * digest is the option of a rule that is off and does nothing: it is part of the file's settings as ESLint's cache
 * sees them, and no plugin reads it (import-x keeps what it learns of the import graph by the files' `settings`,
 * and a digest there made it start afresh for every file: a whole lint took 82 CPU-seconds instead of 30).
 */
const GLOB_CHARACTERS = /[\\*?[\]{}()!+@]/g
const lintDigest = {
  meta: { type: 'problem', docs: { description: 'Holds what a file of src is linted from; checks nothing.' }, schema: [{ type: 'string' }] },
  create: () => ({}),
}
const srcLintDigestSettings = [...srcLintDigests(import.meta.dirname)].map(([file, digest]) => ({
  files: [file.replaceAll(GLOB_CHARACTERS, '\\$&')],
  rules: { 'career-conversations/lint-digest': ['off', digest] },
}))

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', '.data/', 'dist/', 'dist.building-*/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the injected clock.' }],
    },
  },
  {
    // A promise nobody awaits loses its error (an unhandled rejection ends the process) and its
    // ordering; these rules need the types, so they read the TypeScript project (src only: tests
    // await everything through vitest, and typing them doubles the lint's time). tsconfig.lint.json
    // is that project without the tests: reading them too for src's types cost 5 s a lint.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: boundaryRules,
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/repositories/**', 'src/database/**'],
    rules: dataAccessRules,
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['test/**', 'prisma/**', 'src/cli/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['src/**/*.ts'], plugins: { 'career-conversations': { rules: { 'lint-digest': lintDigest } } } },
  ...srcLintDigestSettings,
)
