import pg from 'pg'
import { readConfig } from '../config.js'
import { migrateDatabase } from '../database/migrate-database.js'
import { withDatabase } from './with-database.js'

// `npm run db:migrate`: applies new migrations to DATABASE_URL (or the embedded database).
try {
  await withDatabase(readConfig(), async (databaseUrl) => {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
    try {
      const { applied } = await migrateDatabase(pool)
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.')
    } finally {
      await pool.end()
    }
  })
} catch (error) {
  console.error(`Could not migrate: ${(error as Error).message}`)
  process.exit(1)
}
