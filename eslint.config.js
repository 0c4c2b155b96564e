import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

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

/**
 * What the answers for a file of src depend on beyond its own text: every file of src (the promise rules read the
 * types other files give it, and `no-cycle` follows its imports through them), the TypeScript settings and the
 * installed packages' types. `npm run lint` keeps its answers (`--cache`, by each file's content and its settings),
 * and this, among the settings of every file of src, makes any change there lint all of src again, while the tests'
 * files, whose rules read nothing but the file itself, are linted again only when they change. Without it a
 * cached file would keep passing after another file's change made one of its promises floating.
 */
export function whatSrcDependsOn(root = import.meta.dirname) {
  const digest = createHash('sha256')
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    if (!entry.isFile()) continue
    const file = join(entry.parentPath, entry.name)
    digest.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0')
  }
  for (const file of ['tsconfig.json', 'tsconfig.lint.json', 'package-lock.json']) digest.update(`${file}\0`).update(readFileSync(join(root, file)))
  return digest.digest('hex')
}

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
    settings: { 'career-conversations/src-digest': whatSrcDependsOn() },
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
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['test/**', 'prisma/**', 'src/cli/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
)
