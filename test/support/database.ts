import { inject } from 'vitest'
import pg from 'pg'
import { randomBytes } from 'node:crypto'

/** A fresh database for one test file, cloned from the migrated template in a moment. */
export function createTestDatabase(): Promise<string> {
  return createDatabase(inject('templateDatabase'))
}

/** An empty database with no tables, for testing migrations themselves. */
export function createEmptyTestDatabase(): Promise<string> {
  return createDatabase('template0')
}

async function createDatabase(template: string): Promise<string> {
  const adminUrl = inject('adminDatabaseUrl')
  const run = inject('templateDatabase').replace('cc_template_', '')
  const name = `cc_test_${run}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
        break
      } catch (error) {
        // Two files cloning at the same instant: PostgreSQL asks the second to wait its turn.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
      }
    }
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
