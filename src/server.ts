import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { collectWhenQuiet } from './collect-when-quiet.js'
import { ConfigError, readConfig, type Config } from './config.js'
import { openDatabase, type OpenDatabase } from './database/open-database.js'
import { migrateDatabase } from './database/migrate-database.js'
import { MigrationError } from './database/migrations.js'
import { seedDemoData } from './demo/seed-demo-data.js'
import { hasNoProgrammes } from './repositories/first-start.js'
import { startMessage } from './start-message.js'

/**
 * Starts everything in one process: the database (embedded unless DATABASE_URL
 * is set), migrations, the HTTP server and the job worker.
 */

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await hasNoProgrammes(client)
  } finally {
    await client.end()
  }
}

async function migrateOnce(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  try {
    await migrateDatabase(pool)
  } finally {
    await pool.end()
  }
}

function oneLine(error: unknown, config?: Config): string {
  const err = error as NodeJS.ErrnoException
  if (error instanceof ConfigError || error instanceof MigrationError) return error.message
  if (err.code === 'EADDRINUSE') return `Port ${config?.PORT} is already in use: stop the other program or set PORT.`
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === '28P01' || err.code === '3D000') {
    return `Cannot reach the database (${err.code}): check DATABASE_URL, or unset it to use the embedded database.`
  }
  return err.message ?? String(error)
}

async function main(): Promise<void> {
  let config: Config | undefined
  let database: OpenDatabase | undefined
  let app: FastifyInstance | undefined
  let quiet: { stop(): void } | null = null

  // Listening from the first moment, not once started: a signal during the start (the embedded database's first
  // initdb and the demo data take seconds) waits for the start to end and then closes as usual, so the database this
  // process started is stopped rather than left running without it. A second signal leaves at once; the embedded
  // server is then stopped by its exit hook.
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) {
      if (!app) process.exit(130)
      return
    }
    closing = true
    if (app) app.log.info(`${signal} received: closing`)
    else console.log(`${signal} received: closing once started (again to stop at once)`)
    await startingUp
    quiet?.stop()
    try {
      await app?.close()
      await database?.close()
      process.exit(0)
    } catch (error) {
      console.error(`Could not close cleanly: ${oneLine(error)}`)
      process.exit(1)
    }
  }
  const startingUp = (async () => {
    try {
      config = readConfig()
      database = await openDatabase(config)
      await migrateOnce(database.url)
      if (database.embedded && (await isEmpty(database.url))) {
        await seedDemoData({ databaseUrl: database.url, password: config.DEMO_PASSWORD, print: console.log })
      }
      // The app's modules are loaded only now: a start that fails on its settings, its database or a migration
      // says so without loading them first.
      const { buildApp } = await import('./app.js')
      app = await buildApp({ config: { ...config, DATABASE_URL: database.url }, runWorker: true })
      if (closing) return
      await app.listen({ port: config.PORT, host: config.HOST })
      // Printed, not logged: where to go, for the person who ran `npm start`.
      console.log(startMessage(config.PUBLIC_URL, app.mailer))
    } catch (error) {
      console.error(`Could not start: ${oneLine(error, config)}`)
      await app?.close().catch(() => undefined)
      await database?.close().catch(() => undefined)
      process.exit(1)
    }
    // Memory back after a burst (src/collect-when-quiet.ts); npm start gives Node --expose-gc for it.
    quiet = collectWhenQuiet({ collected: (ms) => app?.log.debug({ ms: Math.round(ms) }, 'collected garbage once quiet') })
  })()
  // In the same tick as the start began (it runs until its first await): no signal can come between.
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  await startingUp
}

await main()
