/**
 * What every repository shares: something to run SQL on (the pool, or a
 * client inside a transaction), transactions, and the
 * PostgreSQL error codes the booking service acts on.
 *
 * Repository functions take the `db` to use as their first argument: pass
 * `app.pg.pool` on its own, or the transaction's client to take part in it.
 */
import type pg from 'pg'
import { commitWithThisTurn, sendingTogether } from './sent-together.js'

/**
 * The pool, or a client (inside a transaction). A query is SQL text, or a
 * config with a `name` for the statements the booking path runs most: a named
 * statement is parsed and planned once per connection (prepared()).
 */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** A named statement: parsed and planned once per connection, then only bound and run. */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values }
}

/** Each named statement's plan made once per connection and kept, until the end of the transaction. */
const KEPT_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan'

/** How many times a transaction is tried when PostgreSQL ends it for a deadlock or a serialisation failure. */
const TRANSACTION_ATTEMPTS = 4

/**
 * Runs `work` in one transaction on one client: COMMIT when it resolves,
 * ROLLBACK when it throws. A transaction that PostgreSQL ends for a deadlock
 * (40P01) or a serialisation failure (40001) is nobody's fault and changed
 * nothing, so it is run again from the start, after a short random pause, up
 * to TRANSACTION_ATTEMPTS times in all; `work` must therefore do nothing
 * outside the database that cannot be done twice. The last failure is thrown.
 *
 * `work`'s client sends the statements it issues together in one message
 * (sent-together.ts), BEGIN with the first of them: a round trip costs this
 * service more than most statements, so issue together (`Promise.all`) what
 * does not wait on another's answer.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionOnce(pool, work, options)
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableConflict(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8 * attempt))
    }
  }
}

interface TransactionOptions {
  /**
   * Plan the named statements once per connection and keep the plan
   * (plan_cache_mode = force_generic_plan, for this transaction only). For
   * transactions of short lookups by key, such as placing a booking: left to
   * choose, PostgreSQL plans some of them afresh at every run (the coach's
   * schedule took 0.8 ms a run so, 0.3 ms with its kept plan).
   */
  keptPlans?: boolean
}

/** Transactions' clients whose work committed with its last statements (commitWith). */
const committedEarly = new WeakSet<object>()

/**
 * For the last step of inTransaction's `work`: the statements `last` issues
 * (in this turn, under one Promise.all) go in one message with COMMIT at its
 * end, so the transaction ends without a round trip of its own (placing a
 * booking: docs/performance.md, session 21). `work` issues nothing after it
 * (such a statement is refused) and returns once it resolves. When one of
 * those statements fails, nothing after it runs, COMMIT included, and the
 * transaction is rolled back (and tried again for a conflict) as usual.
 */
export async function commitWith<T>(db: Queryable, last: Promise<T>): Promise<T> {
  const committed = commitWithThisTurn(db)
  committedEarly.add(db)
  const [value] = await Promise.all([last, committed])
  return value
}

async function transactionOnce<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, options: TransactionOptions): Promise<T> {
  const client = await pool.connect()
  const db = sendingTogether(client)
  try {
    // BEGIN waits to go with the first statements `work` issues (if it failed, so did they, in the same message); it is
    // awaited before COMMIT in any case.
    const begun = Promise.all([db.query('BEGIN'), options.keptPlans ? db.query(KEPT_PLANS) : null])
    begun.catch(() => undefined)
    const result = await work(db)
    await begun
    if (!committedEarly.has(db)) await db.query('COMMIT')
    return result
  } catch (error) {
    // After any statement still waiting to go, which therefore cannot run outside the transaction.
    await db.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/**
 * Runs the reads of `work` on one connection with each named statement's plan
 * made once and kept, as `inTransaction(..., { keptPlans: true })` does, but
 * without a transaction: each message sent (sent-together.ts) starts with
 * `SET LOCAL plan_cache_mode = force_generic_plan` and is a transaction of its
 * own, which that setting lasts until. So a read of one statement is one round
 * trip, where BEGIN, the statement and COMMIT were two or three (the follow-up
 * review's page: docs/performance.md, session 20). For reads only: each
 * statement sees the database as of its own start, exactly as under READ
 * COMMITTED in a transaction. A named statement the connection has not yet
 * prepared goes the ordinary way, planned for its values that once (as
 * PostgreSQL's default does for a statement's first five runs anyway).
 */
export async function readWithKeptPlans<T>(pool: pg.Pool, work: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    return await work(sendingTogether(client, { eachMessageFirst: KEPT_PLANS }))
  } finally {
    client.release()
  }
}

/**
 * A savepoint inside a transaction, for work that may be undone without
 * ending the transaction (trying one coach after another when placing a
 * booking). Both statements go with whatever else is issued in the same turn
 * (sent-together.ts).
 */
export function savepoint(db: Queryable, name: string): Promise<unknown> {
  return db.query(`SAVEPOINT ${name}`)
}

/** Undoes everything since the savepoint, its locks included, and keeps the transaction going. */
export function rollBackToSavepoint(db: Queryable, name: string): Promise<unknown> {
  return db.query(`ROLLBACK TO SAVEPOINT ${name}`)
}

/** A deadlock or serialisation failure: the transaction lost a race and can be tried again. */
export function isRetryableConflict(error: unknown): boolean {
  return isPgError(error, PG_DEADLOCK_DETECTED) || isPgError(error, PG_SERIALIZATION_FAILURE)
}

export const PG_UNIQUE_VIOLATION = '23505'
export const PG_EXCLUSION_VIOLATION = '23P01'
const PG_DEADLOCK_DETECTED = '40P01'
const PG_SERIALIZATION_FAILURE = '40001'

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
