import type pg from 'pg'

type Query = (...args: unknown[]) => unknown

/**
 * Calls `after` with the text of each statement `pool`'s clients run, once
 * PostgreSQL has answered it and before the code that sent it goes on: the
 * statements of `pool.query` and of a transaction on a client it lends alike
 * (the follow-up review reads in a transaction of its own). Statements sent
 * together (src/repositories/sent-together.ts) are seen as the one message
 * they go in. Returns the function that stops watching.
 */
export function afterEachStatement(pool: pg.Pool, after: (sql: string) => Promise<void> | void): () => void {
  const watched = new Map<object, Query>()
  const onAcquire = (client: pg.PoolClient) => {
    if (watched.has(client)) return
    const original = client.query as unknown as Query
    watched.set(client, original)
    ;(client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const first = args[0]
      const sql = typeof first === 'object' && first !== null ? (first as { text: string }).text : String(first)
      const callback = args.at(-1)
      if (typeof callback === 'function') {
        // pool.query's own form: (text, values, callback).
        const answered = (error: unknown, result: unknown) => {
          Promise.resolve(after(sql)).then(() => (callback as (e: unknown, r: unknown) => void)(error, result), (failure: unknown) => (callback as (e: unknown) => void)(failure))
        }
        return original.apply(client, [...args.slice(0, -1), answered])
      }
      return (original.apply(client, args) as Promise<unknown>).then(async (result) => {
        await after(sql)
        return result
      })
    }
  }
  const onRelease = (_error: unknown, client: pg.PoolClient) => {
    const original = watched.get(client)
    if (original) (client as unknown as { query: Query }).query = original
    watched.delete(client)
  }
  pool.on('acquire', onAcquire)
  pool.on('release', onRelease)
  return () => {
    pool.off('acquire', onAcquire)
    pool.off('release', onRelease)
    for (const [client, original] of watched) (client as unknown as { query: Query }).query = original
    watched.clear()
  }
}
