/**
 * What every repository shares: something to run SQL on (the pool, or a
 * client inside a transaction), transactions and savepoints, and the
 * PostgreSQL error codes the booking service acts on.
 *
 * Repository functions take the `db` to use as their first argument: pass
 * `app.pg.pool` on its own, or the transaction's client to take part in it.
 */
import type pg from 'pg'

/** The pool, or a client (inside a transaction). */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** Runs `work` in one transaction on one client: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/**
 * Runs `work` inside a savepoint. When it throws, or returns `undefined`, the
 * savepoint is rolled back (undoing its writes and releasing row locks it
 * took) and the transaction carries on; otherwise it is released.
 */
export async function inSavepoint<T>(client: Queryable, name: string, work: () => Promise<T | undefined>): Promise<T | undefined> {
  await client.query(`SAVEPOINT ${name}`)
  let result: T | undefined
  try {
    result = await work()
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
    throw error
  }
  if (result === undefined) await client.query(`ROLLBACK TO SAVEPOINT ${name}`)
  else await client.query(`RELEASE SAVEPOINT ${name}`)
  return result
}

export const PG_UNIQUE_VIOLATION = '23505'
export const PG_EXCLUSION_VIOLATION = '23P01'

interface PgError {
  code?: string
  constraint?: string
}

/** True for a PostgreSQL error with this SQLSTATE (and constraint, when given). */
export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as PgError
  return e.code === code && (constraint === undefined || e.constraint === constraint)
}
