import { buildApp } from './app.js'
import { readConfig } from './config.js'
import { embeddedDatabaseUrl } from './database/open-database.js'

/**
 * `npm run worker`: a process that only runs jobs (more throughput beside the
 * server's own worker). It uses DATABASE_URL, or the embedded database of an
 * `npm start` already running.
 */
const config = readConfig()
const databaseUrl = config.DATABASE_URL ?? embeddedDatabaseUrl(config)

try {
  const app = await buildApp({ config: { ...config, DATABASE_URL: databaseUrl }, runWorker: true })
  await app.ready()
  app.log.info('Worker running')
  const close = async (signal: string) => {
    app.log.info(`${signal} received: finishing running jobs`)
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void close('SIGINT'))
  process.once('SIGTERM', () => void close('SIGTERM'))
} catch (error) {
  console.error(`Could not start the worker: ${(error as Error).message}`)
  process.exit(1)
}
