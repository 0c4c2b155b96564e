import type { Config } from '../config.js'
import { openDatabase } from '../database/open-database.js'

/** Runs a command-line task against the service's database, starting the embedded one if needed. */
export async function withDatabase<T>(config: Config, task: (databaseUrl: string) => Promise<T>): Promise<T> {
  const database = await openDatabase(config)
  try {
    return await task(database.url)
  } finally {
    await database.close()
  }
}
