import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../src/app.js'
import { readConfig, type Config } from '../src/config.js'
import { createTestDatabase } from './support/database.js'

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

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' }), ...overrides }
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
