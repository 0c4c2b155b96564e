import { randomUUID } from 'node:crypto'
import pg from 'pg'

/**
 * One connection that LISTENs on some channels and keeps listening: when the
 * connection drops (a database restart, a network blip) it says so, then
 * connects again with a growing pause (up to 5 s) until it is closed. One
 * connection for every channel of a process, not one each: a connection is
 * a PostgreSQL backend held for the process's life, and one catch-up (below)
 * then covers every channel at once.
 *
 * A channel's `onLive` runs each time LISTEN is in place, its `onOffline`
 * each time the connection is lost: whatever was learnt from notices in
 * between may have missed some, so the channel's user starts again from what
 * the database says.
 *
 * `catchUp` is for someone who changes something and then looks: it resolves
 * once this listener has heard a notice of its own sent after the call, and
 * PostgreSQL delivers a connection's notices in commit order, whatever their
 * channel, so by then every change committed before the call has been heard
 * too.
 */
export interface ChangeSubscriber {
  onNotice(payload: string | undefined): void
  onLive(): void
  onOffline(error?: Error): void
}

interface ChangeListenerOptions {
  connectionString: string
  /** The channels to LISTEN on, each with who hears its notices. */
  channels: Readonly<Record<string, ChangeSubscriber>>
}

/** Where the listener sends its own notices from: the pool. */
type NoticeSender = { query(text: string, values: unknown[]): Promise<unknown> }

interface ChangeListener {
  /**
   * Resolves once every change committed before the call has been heard,
   * at once while the listener is down, and after CATCH_UP_MS whatever
   * happens (a database that does not answer must not hold an answer up).
   */
  catchUp(pool: NoticeSender): Promise<void>
  close(): Promise<void>
}

const FIRST_PAUSE_MS = 100
const CATCH_UP_MS = 2_000
const SYNC_PREFIX = 'sync:'
/**
 * Where the listener's own notices go: a channel of their own, so no one
 * listening for changes hears them. Every instance's listener hears every
 * instance's, and ignores those it did not send.
 */
export const CATCH_UP_CHANNEL = 'listener_catch_up'
const LONGEST_PAUSE_MS = 5_000

export function listenForChanges(options: ChangeListenerOptions): ChangeListener {
  let closed = false
  let client: pg.Client | undefined
  let pause = FIRST_PAUSE_MS
  let timer: NodeJS.Timeout | undefined
  let live = false
  const waiting = new Map<string, () => void>()
  const subscribers = new Map(Object.entries(options.channels))
  const each = (event: (subscriber: ChangeSubscriber) => void) => {
    for (const subscriber of subscribers.values()) event(subscriber)
  }

  const lost = (error?: Error) => {
    const dropped = client
    client = undefined
    dropped?.removeAllListeners('end')
    dropped?.end().catch(() => undefined)
    live = false
    for (const done of waiting.values()) done()
    each((subscriber) => subscriber.onOffline(error))
    if (closed) return
    timer = setTimeout(connect, pause)
    timer.unref()
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS)
  }

  const connect = () => {
    if (closed) return
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'career-conversations-listener',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    })
    client = next
    next.on('error', (error) => {
      if (client === next) lost(error)
    })
    next.on('end', () => {
      if (client === next) lost()
    })
    next.on('notification', (message) => {
      if (message.channel === CATCH_UP_CHANNEL) {
        if (message.payload !== undefined) waiting.get(message.payload)?.()
        return
      }
      subscribers.get(message.channel)?.onNotice(message.payload)
    })
    const listens = [CATCH_UP_CHANNEL, ...subscribers.keys()].map((channel) => `LISTEN ${pg.escapeIdentifier(channel)}`)
    next
      .connect()
      .then(() => next.query(listens.join('; ')))
      .then(() => {
        if (client !== next || closed) return
        pause = FIRST_PAUSE_MS
        live = true
        each((subscriber) => subscriber.onLive())
      })
      .catch((error: Error) => {
        if (client === next) lost(error)
      })
  }

  /** Sends one notice of our own and resolves when it is heard (or at once offline, or after CATCH_UP_MS). */
  const roundTrip = async (pool: NoticeSender): Promise<void> => {
    if (!live || closed) return
    const token = `${SYNC_PREFIX}${randomUUID()}`
    let pauseTimer: NodeJS.Timeout | undefined
    const heard = new Promise<void>((resolve) => {
      waiting.set(token, resolve)
      pauseTimer = setTimeout(resolve, CATCH_UP_MS)
      pool.query('SELECT pg_notify($1, $2)', [CATCH_UP_CHANNEL, token]).catch(() => resolve())
    })
    try {
      await heard
    } finally {
      clearTimeout(pauseTimer)
      waiting.delete(token)
    }
  }

  // Requests that catch up at the same moment share round trips, so a burst of
  // bookings sends a notice or two instead of one each (each is a commit, and
  // PostgreSQL commits notices one at a time). A notice already sent may have
  // gone before a caller's change committed, so a caller arriving then waits
  // for the next one, which every caller arriving meanwhile shares.
  let sent: Promise<void> | undefined
  let next: Promise<void> | undefined
  const send = (pool: NoticeSender): Promise<void> => {
    const trip: Promise<void> = roundTrip(pool).finally(() => {
      if (sent === trip) sent = undefined
    })
    sent = trip
    return trip
  }

  connect()
  return {
    catchUp(pool) {
      if (!live || closed) return Promise.resolve()
      if (next) return next
      if (!sent) return send(pool)
      const after: Promise<void> = sent.then(() => {
        if (next === after) next = undefined
        return send(pool)
      })
      next = after
      return after
    },
    async close() {
      closed = true
      live = false
      for (const done of waiting.values()) done()
      if (timer) clearTimeout(timer)
      const last = client
      client = undefined
      last?.removeAllListeners('end')
      await last?.end().catch(() => undefined)
    },
  }
}
