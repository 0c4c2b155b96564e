import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

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

describe('the lint refuses a planted violation of each boundary', () => {
  let eslint: ESLint
  beforeAll(() => {
    // Under CI=true typescript-eslint assumes one lint of each file from disk and reads a file
    // linted a second time (here, with a plant) without its types; this test lints each file
    // several times, as an editor does, so it says so.
    eslint = new ESLint({
      cwd: root,
      overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
    })
  })

  async function rulesBroken(file: string, text: string): Promise<string[]> {
    const [result] = await eslint.lintText(text, { filePath: path.join(root, file) })
    return result!.messages.map((message) => message.ruleId ?? message.message)
  }

  it('passes the files as they are', async () => {
    for (const file of new Set(PLANTS.map((plant) => plant.file))) {
      expect(await rulesBroken(file, await readFile(path.join(root, file), 'utf8')), file).toEqual([])
    }
  })

  it.each(PLANTS)('refuses $name', async ({ file, add, rule }) => {
    const text = `${await readFile(path.join(root, file), 'utf8')}\n${add}`
    expect(await rulesBroken(file, text)).toContain(rule)
  })
})
