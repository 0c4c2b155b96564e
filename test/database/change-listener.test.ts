import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { listenForChanges, type ChangeSubscriber } from '../../src/database/change-listener.js'
import { createEmptyTestDatabase } from '../support/database.js'

const CHANNEL = 'listener_test'
const OTHER_CHANNEL = 'listener_test_other'

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
  const heardOnOther: string[] = []
  /** What each channel's subscriber was told of the connection, in order. */
  const told: Record<string, string[]> = { [CHANNEL]: [], [OTHER_CHANNEL]: [] }
  let listener: ReturnType<typeof listenForChanges>

  const subscriber = (channel: string, notices: string[]): ChangeSubscriber => ({
    onNotice: (payload) => notices.push(payload ?? ''),
    onLive: () => told[channel]!.push('live'),
    onOffline: () => told[channel]!.push('offline'),
  })

  beforeAll(async () => {
    url = await createEmptyTestDatabase()
    pool = new pg.Pool({ connectionString: url, max: 30 })
    let nowLive!: () => void
    const live = new Promise<void>((resolve) => (nowLive = resolve))
    const channels = { [CHANNEL]: subscriber(CHANNEL, heard), [OTHER_CHANNEL]: subscriber(OTHER_CHANNEL, heardOnOther) }
    const first = channels[CHANNEL]
    channels[CHANNEL] = { ...first, onLive: () => (first.onLive(), nowLive()) }
    listener = listenForChanges({ connectionString: url, channels })
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

  it('listens on every channel through one connection, and one catch-up covers them all', async () => {
    const listening = await pool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'career-conversations-listener'`,
    )
    expect(listening.rows[0].n).toBe(1)
    await pool.query('SELECT pg_notify($1, $2), pg_notify($3, $4)', [CHANNEL, 'both-1', OTHER_CHANNEL, 'both-2'])
    await pool.query('SELECT pg_notify($1, $2)', [OTHER_CHANNEL, 'other-only'])
    const counting = countingPool(pool)
    await listener.catchUp(counting)
    expect(counting.sent).toBe(1)
    expect(heard).toContain('both-1')
    expect(heard).not.toContain('other-only')
    expect(heardOnOther).toEqual(['both-2', 'other-only'])
    // Its own notices go on a channel of their own: no subscriber hears them.
    expect([...heard, ...heardOnOther].filter((payload) => payload.startsWith('sync:'))).toEqual([])
  })

  it('tells every channel when the connection is lost and when it listens again', async () => {
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'career-conversations-listener'`)
    await expect.poll(() => told[CHANNEL]).toEqual(['live', 'offline', 'live'])
    expect(told[OTHER_CHANNEL]).toEqual(['live', 'offline', 'live'])
    await pool.query('SELECT pg_notify($1, $2)', [OTHER_CHANNEL, 'after-reconnecting'])
    await listener.catchUp(pool)
    expect(heardOnOther).toContain('after-reconnecting')
  })

  it('answers at once while it is closed', async () => {
    const other = listenForChanges({ connectionString: url, channels: { [CHANNEL]: { onNotice: () => undefined, onLive: () => undefined, onOffline: () => undefined } } })
    await other.close()
    const counting = countingPool(pool)
    await other.catchUp(counting)
    expect(counting.sent).toBe(0)
  })
})
