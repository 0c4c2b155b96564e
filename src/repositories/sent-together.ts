/**
 * Statements sent together: a transaction's client whose statements, issued
 * in the same turn of the event loop (under `Promise.all`, say), go to
 * PostgreSQL in one message and come back in one answer, instead of a round
 * trip each.
 *
 * Why: on this service's busiest path (placing a booking) most of the
 * process's time was the round trips themselves, each statement's own write
 * to PostgreSQL and the wake-up for its answer (docs/performance.md,
 * "Bookings"). Statements that do not wait on each other's answers can share
 * one: the booking's history row, its manage link, its event and its emails'
 * lookups, for example.
 *
 * How: two or more statements waiting at the end of the turn are joined into
 * one simple-protocol message, `EXECUTE name(literal, ...)` for a named
 * statement this connection has already prepared (so its kept plan is used),
 * the text itself for a statement without values. PostgreSQL runs them in
 * order, each with a snapshot of its own taken when it starts (READ
 * COMMITTED), exactly as if they had been sent one after the other; a
 * statement that must see a lock taken by the one before it still does. A
 * statement sent alone, one with values that is not named, or a named one
 * not yet prepared on this connection (pg prepares it, and it is sent
 * together next time) goes the ordinary way.
 *
 * When one statement of a message fails, PostgreSQL runs none after it, and
 * every statement of the message is rejected with that error: use it inside
 * a transaction (or savepoint), which the error aborts anyway, and await the
 * statements together. COMMIT and ROLLBACK always go on their own, after
 * everything issued before them.
 */
import pg from 'pg'
import pgUtils from 'pg/lib/utils.js'

interface Waiting {
  sql: string
  resolve: (result: pg.QueryResult) => void
  reject: (error: unknown) => void
}

interface SendingOptions {
  /**
   * A statement that goes first in every message sent together, its result
   * not handed to anyone: `SET LOCAL ...` for settings that last until the
   * end of the message's own transaction (see readWithKeptPlans in ./db.ts).
   * Statements that go the ordinary way do not get it.
   */
  eachMessageFirst?: string
}

/** The named statements each connection has prepared, as far as statements sent through here know. */
const preparedOn = new WeakMap<pg.ClientBase, Set<string>>()

/**
 * Whether `name` is prepared on the connection: sent through here before, or
 * parsed by pg itself (its own record, not part of its typed API: without it
 * a statement is only learnt here a little later).
 */
function isPrepared(client: pg.ClientBase, known: ReadonlySet<string>, config: pg.QueryConfig): boolean {
  if (known.has(config.name!)) return true
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements
  return parsed?.[config.name!] === config.text
}

/**
 * `client`, with `query` sending statements issued in the same turn together
 * (see above); everything else is the client's own. It sends one message at
 * a time, in the order the statements were issued (pg's own queue of
 * statements issued while one runs is deprecated).
 */
export function sendingTogether<C extends pg.ClientBase>(client: C, { eachMessageFirst }: SendingOptions = {}): C {
  let waiting: Waiting[] = []
  let sending: Promise<unknown> = Promise.resolve()
  const known = preparedOn.get(client) ?? new Set<string>()
  preparedOn.set(client, known)

  /** Sends `sql` once the message before it has been answered. */
  function afterTheLast(run: () => Promise<unknown>): void {
    sending = sending.then(run, run)
  }

  /** A COMMIT asked for with the statements of this turn (commitWithThisTurn): it ends the next message. */
  let commit: Waiting | undefined
  /** The message with the COMMIT has gone: a statement now would run outside the transaction. */
  let committed = false

  /** Sends what waits; with `withCommit`, and a COMMIT asked for, the COMMIT last in the same message. */
  function send(withCommit = false): void {
    const batch = waiting
    waiting = []
    const closing = withCommit ? commit : undefined
    if (closing) {
      commit = undefined
      committed = true
      batch.push(closing)
    }
    if (batch.length === 0) return
    afterTheLast(async () => {
      try {
        const statements = batch.map((statement) => statement.sql)
        const results = await client.query((eachMessageFirst ? [eachMessageFirst, ...statements] : statements).join(';\n'))
        const all = statements.length === 1 && !eachMessageFirst ? [results] : (results as unknown as pg.QueryResult[])
        const each = eachMessageFirst ? all.slice(1) : all
        batch.forEach((statement, i) => statement.resolve(each[i]!))
      } catch (error) {
        for (const statement of batch) statement.reject(error)
      }
    })
  }

  /** Once the promise jobs of this turn have run (as DataLoader batches), so statements issued under one Promise.all go together. */
  function sendAtTheEndOfTheTurn(): void {
    void Promise.resolve().then(() => process.nextTick(() => send(true)))
  }

  function query(textOrConfig: string | pg.QueryConfig, values?: unknown[], ...rest: unknown[]): Promise<pg.QueryResult> {
    // pg's other forms (a callback, a cursor or stream that is handed back at once) cannot wait their turn here.
    if (rest.length > 0 || typeof values === 'function' || (typeof textOrConfig === 'object' && 'submit' in textOrConfig)) {
      throw new TypeError('Only promise queries can be sent together: use the pool for a callback, cursor or stream')
    }
    const config: pg.QueryConfig = typeof textOrConfig === 'string' ? { text: textOrConfig, values } : { ...textOrConfig, values: values ?? textOrConfig.values }
    if (committed && !/^\s*ROLLBACK\b/i.test(config.text)) {
      return Promise.reject(new Error('A statement issued after its transaction was committed (commitWithThisTurn): issue it with the last statements'))
    }
    const sql = asOneStatement(client, known, config)
    if (sql === null) {
      // The ordinary way, after whatever is waiting, so the connection still runs them in the order they were issued.
      send()
      return new Promise((resolve, reject) =>
        afterTheLast(async () => {
          try {
            resolve(await client.query(config))
            if (config.name) known.add(config.name)
          } catch (error) {
            reject(error)
          }
        }),
      )
    }
    if (waiting.length === 0) sendAtTheEndOfTheTurn()
    return new Promise((resolve, reject) => waiting.push({ sql, resolve, reject }))
  }

  function commitWithThisTurn(): Promise<pg.QueryResult> {
    if (commit || committed) return Promise.reject(new Error('COMMIT was already asked for'))
    sendAtTheEndOfTheTurn()
    return new Promise((resolve, reject) => {
      commit = { sql: 'COMMIT', resolve, reject }
    })
  }

  const together = new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
  commits.set(together, commitWithThisTurn)
  return together
}

/** Each client made by sendingTogether, with its way to commit at the end of a message. */
const commits = new WeakMap<object, () => Promise<pg.QueryResult>>()

/**
 * COMMIT at the end of the message that carries the statements `db` (a
 * client made by sendingTogether, inside BEGIN) has waiting and those issued
 * in this turn's promise jobs, instead of a round trip of its own after
 * their answers. If one of them fails, PostgreSQL runs nothing after it, the
 * COMMIT included, and the transaction is rolled back as usual. A statement
 * issued once that message has gone is refused (it would run outside the
 * transaction); ROLLBACK aside.
 */
export function commitWithThisTurn(db: object): Promise<pg.QueryResult> {
  const commit = commits.get(db)
  if (!commit) throw new TypeError('commitWithThisTurn needs a client made by sendingTogether')
  return commit()
}

/** The statement as text of its own that can share a message, or null when it must go the ordinary way. */
function asOneStatement(client: pg.ClientBase, known: ReadonlySet<string>, config: pg.QueryConfig): string | null {
  if (('rowMode' in config && config.rowMode !== undefined) || config.types !== undefined) return null
  const values = config.values ?? []
  if (config.name) {
    if (!isPrepared(client, known, config)) return null
    // A statement without parameters is executed without parentheses: `EXECUTE name()` is a syntax error.
    return values.length === 0 ? `EXECUTE ${pg.escapeIdentifier(config.name)}` : `EXECUTE ${pg.escapeIdentifier(config.name)}(${values.map(literal).join(', ')})`
  }
  // Text of several statements would answer with several results. COMMIT and ROLLBACK (to a savepoint too) go on
  // their own, after what waits: they must run even when a statement before them failed.
  return values.length === 0 && !config.text.includes(';') && !/^\s*(COMMIT|ROLLBACK)\b/i.test(config.text) ? config.text : null
}

/** A value as pg would send it as a parameter, written as an SQL literal (whose type the statement decides, as a parameter's). */
function literal(value: unknown): string {
  const prepared = pgUtils.prepareValue(value)
  if (prepared === null) return 'NULL'
  if (Buffer.isBuffer(prepared)) return pg.escapeLiteral(`\\x${prepared.toString('hex')}`)
  return pg.escapeLiteral(prepared)
}
