import path from 'node:path'
import type { Config } from '../config.js'
import { createDatabaseIfMissing, startEmbeddedPostgres } from './embedded-postgres.js'

export const EMBEDDED_DATABASE = 'career_conversations'

export interface OpenDatabase {
  url: string
  /** True when this process started the embedded server (so demo data may be added). */
  embedded: boolean
  /** Stops the embedded server, if this process started one. */
  close(): Promise<void>
}

/** Where the embedded database of a running `npm start` can be reached. */
export function embeddedDatabaseUrl(config: Pick<Config, 'EMBEDDED_POSTGRES_PORT'>): string {
  return `postgres://postgres:postgres@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/${EMBEDDED_DATABASE}`
}

/** DATABASE_URL when set; otherwise a real PostgreSQL from `embedded-postgres`, data under DATA_DIR. */
export async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, close: async () => undefined }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    persistent: true,
  })
  try {
    await createDatabaseIfMissing(server.adminUrl, EMBEDDED_DATABASE)
  } catch (error) {
    await server.stop()
    throw error
  }
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, close: () => server.stop() }
}
