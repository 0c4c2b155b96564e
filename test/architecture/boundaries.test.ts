import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The lint keeps the layers of docs/architecture.md apart. Each case plants
 * one violation in a real file's text (linted as that file, with the
 * project's own eslint.config.js, the file on disk untouched) and expects the
 * lint to name the rule; the file as it is passes.
 */
const root = path.resolve(import.meta.dirname, '../..')

interface Plant {
  name: string
  file: string
  /** Appended to the file's text. */
  add: string
  rule: string
}

const PLANTS: Plant[] = [
  {
    name: 'the domain importing an email module',
    file: 'src/domain/booking/rules.ts',
    add: `import { enqueueBookingNotifications } from '../../emails/booking-notifications.js'\nexport const planted = enqueueBookingNotifications\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the domain importing a plugin (even for a type)',
    file: 'src/domain/booking/rules.ts',
    add: `import type { WorkerState } from '../../plugins/app/jobs.js'\nexport type Planted = WorkerState\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the domain importing a route',
    file: 'src/domain/booking/rules.ts',
    add: `import routes from '../../routes/api/v1/bookings.js'\nexport const planted = routes\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the domain importing a job',
    file: 'src/domain/booking/rules.ts',
    add: `import { sendEmailTask } from '../../jobs/send-email.js'\nexport const planted = sendEmailTask\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a repository importing a domain service',
    file: 'src/repositories/bookings.ts',
    add: `import { createBooking } from '../domain/booking/service/create-booking.js'\nexport const planted = createBooking\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a repository importing a plugin',
    file: 'src/repositories/bookings.ts',
    add: `import deps from '../plugins/app/deps.js'\nexport const planted = deps\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a job importing a route',
    file: 'src/jobs/retention.ts',
    add: `import routes from '../routes/api/v1/bookings.js'\nexport const planted = routes\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: "a route folder importing another's helpers",
    file: 'src/routes/pages/book/choose-day.ts',
    add: `import { setPendingSignInCookie } from '../sign-in-steps/support.js'\nexport const planted = setPendingSignInCookie\n`,
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a query sent from outside the repositories',
    file: 'src/domain/booking/rules.ts',
    add: `export const planted = (pool: { query(text: string): Promise<unknown> }) => pool.query('SELECT 1')\n`,
    rule: 'no-restricted-syntax',
  },
  {
    name: 'a cycle of imports (booking rules importing the service that imports them)',
    file: 'src/domain/booking/rules.ts',
    add: `import { createBooking } from './service/create-booking.js'\nexport const planted = createBooking\n`,
    rule: 'import-x/no-cycle',
  },
  {
    name: 'a promise nobody awaits',
    file: 'src/domain/booking/rules.ts',
    add: `export function planted(): void {\n  Promise.resolve()\n}\n`,
    rule: '@typescript-eslint/no-floating-promises',
  },
]

/** A TypeScript program of `file` alone with `text` as its content, for the promise rules (see above). */
function programOfOneFile(file: string, text: string): ts.Program {
  const absolute = path.join(root, file)
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.lint.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  const options: ts.CompilerOptions = { ...config!.options, noResolve: true, types: [] }
  const host = ts.createCompilerHost(options, true)
  const read = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === absolute ? ts.createSourceFile(name, text, language, true) : read(name, language, ...rest)
  return ts.createProgram([absolute], options, host)
}

const TYPED_RULES = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']
const needsTypes = (rule: string) => TYPED_RULES.includes(rule)

/** The project's lint without TypeScript's types: the typed rules off, every other rule as configured. */
const withoutTypes = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: null } },
    rules: Object.fromEntries(TYPED_RULES.map((rule) => [rule, 'off'])),
  },
})

/** What the lint says of `file` with `text` as its content; with `types`, the typed rules and the others but the imports', on a program of that file alone. */
async function rulesBroken(file: string, text: string, { types }: { types: boolean }): Promise<string[]> {
  // With types, the import rules are off: they would parse each imported file, which is not in the program.
  const eslint = types
    ? new ESLint({
        cwd: root,
        overrideConfig: {
          files: ['src/**/*.ts'],
          languageOptions: { parserOptions: { programs: [programOfOneFile(file, text)] } },
          rules: Object.fromEntries(PLANTS.filter((plant) => !needsTypes(plant.rule)).map((plant) => [plant.rule, 'off'])),
        },
      })
    : withoutTypes
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) })
  return result!.messages.map((message) => message.ruleId ?? message.message)
}

describe('the lint refuses a planted violation of each boundary', () => {
  it.each([false, true])('passes the files as they are (with types: %s)', async (types) => {
    const files = new Set(PLANTS.filter((plant) => needsTypes(plant.rule) === types).map((plant) => plant.file))
    expect(files.size).toBeGreaterThan(0)
    for (const file of files) {
      expect(await rulesBroken(file, await readFile(path.join(root, file), 'utf8'), { types }), file).toEqual([])
    }
  })

  it.each(PLANTS)('refuses $name', async ({ file, add, rule }) => {
    const text = `${await readFile(path.join(root, file), 'utf8')}\n${add}`
    expect(await rulesBroken(file, text, { types: needsTypes(rule) })).toContain(rule)
  })
})
