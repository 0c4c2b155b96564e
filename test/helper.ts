import './support/plugin-names.js'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { buildApp, type AppOptions } from '../src/app.js'
import { readConfig, type Config } from '../src/config.js'
import { createTestDatabase } from './support/database.js'
import { waitForIdleQueue } from './support/jobs.js'
import { startTestSmtp, type TestSmtp } from './support/smtp.js'

/** A clock a test can move. */
export class TestClock {
  constructor(private current: Date = new Date('2026-03-02T08:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current)
  }
  set(instant: Date | string): void {
    this.current = new Date(instant)
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds)
  }
}

/**
 * Most tests stand for many candidates on one loopback address and book again
 * and again with a few addresses (DECISIONS.md, "Limits and load tests"), so
 * the abuse limits are raised here; test/security/abuse-limits.test.ts and
 * its neighbours test them with `defaultLimits`.
 */
export const RAISED_LIMITS = {
  LIMIT_LIVE_HOLDS_PER_ADDRESS: 100_000,
  LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: 100_000,
  LIMIT_BOOKING_EMAILS_PER_EMAIL_PER_DAY: 100_000,
  LIMIT_EMAIL_CODES_PER_EMAIL_PER_HOUR: 100_000,
  LIMIT_EMAIL_CODES_PER_ADDRESS_PER_HOUR: 100_000,
  LIMIT_CHANGES_PER_BOOKING_PER_DAY: 100_000,
  LIMIT_ANONYMOUS_WRITES_PER_ADDRESS_PER_MINUTE: 100_000,
} satisfies Partial<Config>

export function testConfig(overrides: Partial<Config> = {}, { defaultLimits = false } = {}): Config {
  const defaults = readConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' })
  return { ...defaults, ...(defaultLimits ? {} : RAISED_LIMITS), ...overrides }
}

export interface TestApp {
  app: FastifyInstance
  databaseUrl: string
  clock: TestClock
}

/** The real app on a database of its own; close it in afterAll. */
export async function buildTestApp(options: Partial<AppOptions> & { databaseUrl?: string } = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase())
  const clock = (options.clock as TestClock | undefined) ?? new TestClock()
  const app = await buildApp({
    ...options,
    config: options.config ?? testConfig({ DATABASE_URL: databaseUrl }),
    clock,
  })
  await app.ready()
  return { app, databaseUrl, clock }
}

/**
 * The real app with its job worker, sending email to `smtpUrl` (a test SMTP
 * server), on a database of its own. Keep `clock` some weeks after the real
 * date when jobs are scheduled, so "later" is later for the database too.
 */
export async function buildMailingTestApp(
  smtpUrl: string,
  { clock, publicUrl = 'https://careers.example.nhs.uk', config = {}, defaultLimits = false }: MailingOptions,
): Promise<TestApp> {
  const databaseUrl = await createTestDatabase()
  return buildTestApp({
    databaseUrl,
    clock,
    runWorker: true,
    config: testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, PUBLIC_URL: publicUrl, ...config }, { defaultLimits }),
  })
}

export interface MailingOptions {
  clock: TestClock
  publicUrl?: string
  /** Settings of the test's own. */
  config?: Partial<Config>
  /** Keep the abuse limits at their defaults (testConfig raises them). */
  defaultLimits?: boolean
}

export interface MailingTestApp extends TestApp {
  smtp: TestSmtp
}

/**
 * For a describe block whose tests send email; call it first in the block.
 * Before the tests, a test SMTP server and the mailing app sending to it
 * (`buildMailingTestApp`); before each test, the job queue left idle and the
 * emails received so far forgotten (the block's own beforeEach hooks run
 * after that); after the tests, both closed. The fields are filled in before
 * the tests: read them inside hooks and tests.
 */
export function useMailingTestApp(options: MailingOptions): MailingTestApp {
  const t = {} as MailingTestApp
  beforeAll(async () => {
    t.smtp = await startTestSmtp()
    Object.assign(t, await buildMailingTestApp(t.smtp.url, options))
  })
  afterAll(async () => {
    await t.app?.close()
    await t.smtp?.close()
  })
  beforeEach(async () => {
    await waitForIdleQueue(t.app)
    t.smtp.received.length = 0
  })
  return t
}

export interface OutboxTestApp extends TestApp {
  /** The app's DATA_DIR, a new folder: its local outbox is `outbox`. */
  dataDir: string
  outbox: string
  /** Closes the app and removes its folder. */
  close(): Promise<void>
}

/**
 * The real app keeping its emails in a local outbox (no SMTP_URL) in a
 * folder of its own, on a database of its own; `runWorker` to send them.
 */
export async function buildOutboxTestApp(options: { clock?: TestClock; runWorker?: boolean } = {}): Promise<OutboxTestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cc-outbox-'))
  const databaseUrl = await createTestDatabase()
  const built = await buildTestApp({ ...options, databaseUrl, config: testConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }) })
  return {
    ...built,
    dataDir,
    outbox: path.join(dataDir, 'mail'),
    async close() {
      await built.app.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
