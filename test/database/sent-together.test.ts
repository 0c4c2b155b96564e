import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitWith, inTransaction, isPgError, prepared, readWithKeptPlans } from '../../src/repositories/db.js'
import { sendingTogether } from '../../src/repositories/sent-together.js'
import { createBooking } from '../../src/domain/booking/service/index.js'
import { buildTestAppWithCoach, bookingBody, type ProgrammeFixture } from '../support/booking-fixtures.js'
import { createTestDatabase } from '../support/database.js'
import type { TestApp } from '../helper.js'

/** Every text or config a client's `query` is given, as pg sends it: one entry a message to PostgreSQL. */
function watchMessages(client: pg.ClientBase): string[] {
  const sent: string[] = []
  const original = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | pg.QueryConfig
    sent.push(typeof first === 'string' ? first : first.text)
    return original(...args)
  }
  return sent
}

const EVERY_KIND = prepared(
  'sent-together-every-kind',
  `SELECT $1::timestamptz AS "at", $2::text AS "text", $3::int[] AS "numbers", $4::jsonb AS "json", $5::bytea AS "bytes",
          $6::boolean AS "flag", $7::numeric AS "amount", $8::text AS "nothing", $9::uuid[] AS "ids"`,
  [
    new Date('2026-03-02T08:15:30.123Z'),
    `O'Brien said "\\n" – and left; DROP TABLE x; --`,
    [3, 1, 2],
    { a: [1, 'two'], "b'": null },
    Buffer.from([0, 1, 254, 255]),
    true,
    12.5,
    null,
    ['6f1c1f1e-9d7e-4c55-8d3a-1c2b3a4d5e6f'],
  ],
)

describe('statements sent together', () => {
  let pool: pg.Pool
  beforeAll(async () => {
    // One connection, so what one test prepares the next finds prepared.
    pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 1 })
    await pool.query('CREATE TABLE sent_together_rows (n int PRIMARY KEY)')
  })
  afterAll(async () => {
    await pool.end()
  })

  it('sends the statements of one turn in one message, with the same answers as one at a time', async () => {
    const client = await pool.connect()
    try {
      const alone = await client.query(EVERY_KIND) // prepares it on this connection
      const sent = watchMessages(client)
      const together = sendingTogether(client)
      const [first, second, count] = await Promise.all([together.query(EVERY_KIND), together.query(EVERY_KIND), together.query('SELECT 41 + 1 AS n')])
      expect(sent).toHaveLength(1)
      expect(sent[0]).toContain('EXECUTE "sent-together-every-kind"(')
      expect(first.rows).toEqual(alone.rows)
      expect(second.rows).toEqual(alone.rows)
      expect(first.rows[0]).toMatchObject({ text: `O'Brien said "\\n" – and left; DROP TABLE x; --`, bytes: Buffer.from([0, 1, 254, 255]) })
      expect(count.rows).toEqual([{ n: 42 }])

      // A named statement this connection has not prepared goes the ordinary way (and is prepared by it).
      const fresh = prepared('sent-together-fresh', 'SELECT $1::int * 2 AS doubled', [21])
      await Promise.all([together.query(fresh), together.query(fresh)])
      expect(sent.slice(1)).toEqual(['SELECT $1::int * 2 AS doubled', 'SELECT $1::int * 2 AS doubled'])
      const again = await Promise.all([together.query(fresh), together.query(fresh)])
      expect(sent.slice(3)).toEqual(['EXECUTE "sent-together-fresh"(\'21\');\nEXECUTE "sent-together-fresh"(\'21\')'])
      expect(again.map((r) => r.rows)).toEqual([[{ doubled: 42 }], [{ doubled: 42 }]])
    } finally {
      client.release()
    }
  })

  it('sends a named statement without parameters as well (EXECUTE takes no parentheses then)', async () => {
    const NO_VALUES = prepared('sent-together-no-values', 'SELECT 7 AS "seven"', [])
    const client = await pool.connect()
    try {
      await client.query(NO_VALUES) // prepares it on this connection
      const sent = watchMessages(client)
      const together = sendingTogether(client)
      const [first, second] = await Promise.all([together.query(NO_VALUES), together.query(NO_VALUES)])
      expect(sent).toHaveLength(1)
      expect(sent[0]).toContain('EXECUTE "sent-together-no-values"')
      expect(first.rows).toEqual([{ seven: 7 }])
      expect(second.rows).toEqual([{ seven: 7 }])
    } finally {
      client.release()
    }
  })

  it('runs them in order, each seeing the ones before; after a failure none runs and every one is refused with it', async () => {
    const client = await pool.connect()
    const insert = (n: number) => prepared('sent-together-insert', 'INSERT INTO sent_together_rows (n) VALUES ($1) RETURNING n', [n])
    try {
      await client.query(insert(0))
      const together = sendingTogether(client)
      const [, seen] = await Promise.all([together.query(insert(1)), together.query('SELECT count(*)::int AS n FROM sent_together_rows')])
      expect(seen.rows).toEqual([{ n: 2 }])

      await together.query('BEGIN')
      const outcomes = await Promise.allSettled([together.query(insert(2)), together.query(insert(1)), together.query(insert(3))])
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
      for (const outcome of outcomes) expect(isPgError((outcome as PromiseRejectedResult).reason, '23505')).toBe(true)
      // ROLLBACK goes after what waits, even though that fails: the connection is usable again.
      await together.query('ROLLBACK')
      const { rows } = await together.query('SELECT array_agg(n ORDER BY n) AS ns FROM sent_together_rows')
      expect(rows).toEqual([{ ns: [0, 1] }])
    } finally {
      client.release()
    }
  })

  it('never lets a statement left waiting run after the transaction has ended', async () => {
    const insert = prepared('sent-together-insert', 'INSERT INTO sent_together_rows (n) VALUES ($1) RETURNING n', [7])
    await pool.query(insert) // prepared on the connection, so it waits to go together below
    await pool.query('DELETE FROM sent_together_rows WHERE n = 7')
    await expect(
      inTransaction(
        pool,
        async (c) => {
          await c.query('SELECT 1')
          void c.query(insert).catch(() => undefined) // issued, not yet sent, when the work fails
          throw new Error('the work failed')
        },
      ),
    ).rejects.toThrow('the work failed')
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM sent_together_rows WHERE n = 7')
    expect(rows).toEqual([{ n: 0 }])
  })

  it('commits with the statements of the last turn, in their message, and sends no COMMIT of its own', async () => {
    const insert = (n: number) => prepared('sent-together-insert', 'INSERT INTO sent_together_rows (n) VALUES ($1) RETURNING n', [n])
    await pool.query(insert(20)) // prepared on the connection, so it goes together below
    const client = await pool.connect()
    const sent = watchMessages(client)
    client.release()
    const inserted = await inTransaction(pool, async (c) => {
      await c.query(insert(21))
      // The second insert is issued a promise job later than the commit is asked for: it still goes before it.
      const later = Promise.resolve().then(() => c.query(insert(23)))
      return commitWith(c, Promise.all([c.query(insert(22)), later]))
    })
    expect(inserted.map((result) => result.rows[0].n)).toEqual([22, 23])
    expect(sent).toHaveLength(2)
    expect(sent[1]).toMatch(/^EXECUTE "sent-together-insert"\('22'\);\nEXECUTE "sent-together-insert"\('23'\);\nCOMMIT$/)
    const { rows } = await pool.query('SELECT array_agg(n ORDER BY n) AS ns FROM sent_together_rows WHERE n BETWEEN 20 AND 29')
    expect(rows).toEqual([{ ns: [20, 21, 22, 23] }])
  })

  it('commits nothing when a statement of the last message fails, and refuses a statement issued after the commit went', async () => {
    const insert = (n: number) => prepared('sent-together-insert', 'INSERT INTO sent_together_rows (n) VALUES ($1) RETURNING n', [n])
    await pool.query(insert(30))
    await expect(
      inTransaction(pool, async (c) => {
        await c.query(insert(31))
        return commitWith(c, Promise.all([c.query(insert(32)), c.query(insert(30))])) // 30 is there: a unique violation
      }),
    ).rejects.toMatchObject({ code: '23505' })
    let refused: unknown
    await inTransaction(pool, async (c) => {
      await commitWith(c, c.query(insert(33)))
      refused = await c.query(insert(34)).catch((error: unknown) => error)
    })
    expect(String(refused)).toContain('after its transaction was committed')
    const { rows } = await pool.query('SELECT array_agg(n ORDER BY n) AS ns FROM sent_together_rows WHERE n BETWEEN 30 AND 39')
    expect(rows).toEqual([{ ns: [30, 33] }])
  })

  it('reads with kept plans in one message a statement, without a transaction, the setting gone afterwards', async () => {
    const read = prepared('sent-together-kept-plan', 'SELECT n FROM sent_together_rows WHERE n >= $1 AND n < 200 ORDER BY n', [100])
    const plans = async () =>
      (await pool.query<{ generic: number; custom: number }>(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = 'sent-together-kept-plan'`,
      )).rows[0]
    await pool.query('INSERT INTO sent_together_rows (n) VALUES (101), (102)')
    let sent: string[] = []
    pool.once('acquire', (client: pg.PoolClient) => {
      sent = watchMessages(client)
    })
    const seen = await readWithKeptPlans(pool, async (db) => {
      const first = await db.query(read) // not yet prepared on the connection: the ordinary way, planned for its values
      const [again, setting] = await Promise.all([db.query(read), db.query(`SELECT current_setting('plan_cache_mode') AS mode`)])
      const [third] = await Promise.all([db.query(read)])
      return { first: first.rows, again: again.rows, third: third.rows, mode: (setting.rows[0] as { mode: string }).mode }
    })
    const rows = [{ n: 101 }, { n: 102 }]
    expect(seen).toEqual({ first: rows, again: rows, third: rows, mode: 'force_generic_plan' })
    // The first read on its own; then a message each read, the setting first in it, and the kept (generic) plan used by both.
    expect(sent).toHaveLength(3)
    expect(sent[0]).toBe(read.text)
    for (const message of sent.slice(1)) expect(message.startsWith('SET LOCAL plan_cache_mode = force_generic_plan;\n')).toBe(true)
    expect(await plans()).toEqual({ generic: 2, custom: 1 })
    // Each message was its own transaction: nothing is left open, and the setting is the server's again.
    const after = await pool.query(`SELECT current_setting('plan_cache_mode') AS mode, now() = statement_timestamp() AS "noTransaction"`)
    expect(after.rows).toEqual([{ mode: 'auto', noTransaction: true }])
    await pool.query('DELETE FROM sent_together_rows WHERE n >= 100 AND n < 200')
  })

  it('refuses every statement of a failed kept-plan read with its error, and leaves the connection clean', async () => {
    await expect(
      readWithKeptPlans(pool, (db) => Promise.all([db.query('SELECT 1 AS one'), db.query('SELECT 1 / 0 AS never')])),
    ).rejects.toThrow('division by zero')
    const after = await pool.query(`SELECT current_setting('plan_cache_mode') AS mode, 2 AS two`)
    expect(after.rows).toEqual([{ mode: 'auto', two: 2 }])
  })
})

describe('a booking sent together', () => {
  let t: TestApp
  let programme: ProgrammeFixture
  let pool: pg.Pool
  beforeAll(async () => {
    ;({ t, programme } = await buildTestAppWithCoach())
    // The booking's own pool of one connection, so the measured booking runs where the first prepared its statements.
    pool = new pg.Pool({ connectionString: t.databaseUrl, max: 1 })
  })
  afterAll(async () => {
    await pool.end()
    await t.app.close()
  })

  it('reaches PostgreSQL in under half as many messages as it has statements', async () => {
    const deps = { ...t.app.deps, pool }
    const book = (start: string, email: string) =>
      createBooking(deps, { ...bookingBody(programme, start, { candidate: { name: 'Ann Lee', email } }), contactMethod: 'video' as const }, { ip: '127.0.0.1' })
    await book('2026-03-04T10:30:00.000Z', 'first@example.com')

    const ours = new Set<pg.Client>()
    const messages: string[] = []
    pool.on('acquire', (client) => ours.add(client as pg.Client))
    const original = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | pg.QueryConfig | undefined
      if (ours.has(this) && first !== undefined) messages.push(typeof first === 'string' ? first : first.text)
      return (original as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof original
    try {
      const made = await book('2026-03-05T10:30:00.000Z', 'second@example.com')
      expect(made.booking.status).toBe('booked')
    } finally {
      pg.Client.prototype.query = original
    }
    const statements = messages.reduce((sum, text) => sum + text.split(';\n').length, 0)
    // 17 or 18 statements, each a message of its own before they were sent together: the coaches' loads are read
    // unless they are still kept from the booking before (src/domain/booking/kept-coach-loads.ts), which depends on
    // when that booking's notice arrives.
    expect(statements).toBeGreaterThanOrEqual(17)
    expect(messages.length).toBeLessThanOrEqual(statements / 2)
    // The transaction ends with its last writes: the emails' jobs and COMMIT in one message, no COMMIT alone.
    const commits = messages.filter((text) => /(^|;\n)COMMIT$/.test(text))
    expect(commits).toHaveLength(1)
    expect(commits[0]).toContain('EXECUTE "add-jobs"(')
    expect(commits[0]).toContain('"insert-booking-event"')
  })
})
