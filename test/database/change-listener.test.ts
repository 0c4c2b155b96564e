import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { listenForChanges } from '../../src/database/change-listener.js'
import { createEmptyTestDatabase } from '../support/database.js'

const CHANNEL = 'listener_test'

/** The pool, counting the notices the listener sends of its own. */
function countingPool(pool: pg.Pool) {
  const counted = {
    sent: 0,
    query: (text: string, values?: unknown[]) => {
      if (text.includes('pg_notify')) counted.sent++
      return pool.query(text, values)
    },
  }
  return counted
}

describe('listening for changes', () => {
  let url: string
  let pool: pg.Pool
  const heard: string[] = []
  let listener: ReturnType<typeof listenForChanges>
  let live: Promise<void>

  beforeAll(async () => {
    url = await createEmptyTestDatabase()
    pool = new pg.Pool({ connectionString: url, max: 30 })
    let nowLive!: () => void
    live = new Promise((resolve) => (nowLive = resolve))
    listener = listenForChanges({
      connectionString: url,
      channel: CHANNEL,
      onNotice: (payload) => heard.push(payload ?? ''),
      onLive: () => nowLive(),
      onOffline: () => undefined,
    })
    await live
  })
  afterAll(async () => {
    await listener.close()
    await pool.end()
  })

  it('has heard a change committed before catching up, when it resolves', async () => {
    await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, 'change-1'])
    await listener.catchUp(pool)
    expect(heard).toContain('change-1')
  })

  it('shares notices among requests catching up together', async () => {
    const counting = countingPool(pool)
    // The first sends a notice; the 20 arriving while it is out cannot use it (it may have gone
    // before their changes committed), so they share the next one.
    await Promise.all(Array.from({ length: 21 }, () => listener.catchUp(counting)))
    expect(counting.sent).toBe(2)
  })

  it('waits for a change committed while a notice was out', async () => {
    for (let round = 0; round < 20; round++) {
      const first = listener.catchUp(pool)
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, `change-${round}-b`])
      const seen = listener.catchUp(pool).then(() => heard.includes(`change-${round}-b`))
      await first
      expect(await seen).toBe(true)
    }
  })

  it('answers at once while it is closed', async () => {
    const other = listenForChanges({ connectionString: url, channel: CHANNEL, onNotice: () => undefined, onLive: () => undefined, onOffline: () => undefined })
    await other.close()
    const counting = countingPool(pool)
    await other.catchUp(counting)
    expect(counting.sent).toBe(0)
  })
})
