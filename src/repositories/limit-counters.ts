/** The limits' counters (domain/limits): one row per limit, key and fixed window, shared by every instance. */
import type { Queryable } from './db.js'
import { prepared } from './db.js'

/** Counts one more for `key` in the window ending at `windowEndsAt`; the count so far, this one included. */
export async function countOne(db: Queryable, counter: { name: string; key: string; windowEndsAt: Date }): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    prepared(
      'limit-count-one',
      `INSERT INTO limit_counters (name, key, window_ends_at, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (name, key, window_ends_at) DO UPDATE SET count = limit_counters.count + 1
       RETURNING count`,
      [counter.name, counter.key, counter.windowEndsAt],
    ),
  )
  return rows[0]!.count
}

/** Housekeeping (hourly): counters whose window has ended count for nothing. */
export async function purgeEndedCounters(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM limit_counters WHERE window_ends_at <= $1', [now])
  return rowCount ?? 0
}
