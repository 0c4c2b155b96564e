import type pg from 'pg'

/**
 * A connection that drops (database restart, network blip) emits 'error';
 * unhandled, that would crash the process. The pool replaces the connection,
 * so reporting it is enough.
 */
export function guardPool(pool: pg.Pool, report: (error: Error) => void = () => undefined): pg.Pool {
  pool.on('error', report)
  pool.on('connect', (client) => client.on('error', report))
  return pool
}
