import path from 'node:path'
import type { Config } from '../config.js'
import { runningServerPid } from '../database/embedded-postgres.js'
import { embeddedDatabaseUrl, openDatabase } from '../database/open-database.js'

/**
 * Runs a command-line task against the service's database: DATABASE_URL, or
 * the embedded one — the one `npm start` is running if it is (never stopping
 * it from under the service), otherwise started for the task and stopped after.
 */
export async function withDatabase<T>(config: Config, task: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (!config.DATABASE_URL && (await runningServerPid(path.join(config.DATA_DIR, 'postgres')))) {
    return task(embeddedDatabaseUrl(config))
  }
  const database = await openDatabase(config)
  try {
    return await task(database.url)
  } finally {
    await database.close()
  }
}
