import pg from 'pg'

/**
 * One connection that LISTENs on a channel and keeps listening: when the
 * connection drops (a database restart, a network blip) it says so, then
 * connects again with a growing pause (up to 5 s) until it is closed.
 *
 * `onLive` runs each time LISTEN is in place, `onOffline` each time the
 * connection is lost: whatever was learnt from notices in between may have
 * missed some, so the listener's user starts again from what the database says.
 */
interface ChangeListenerOptions {
  connectionString: string
  channel: string
  onNotice(payload: string | undefined): void
  onLive(): void
  onOffline(error?: Error): void
}

interface ChangeListener {
  close(): Promise<void>
}

const FIRST_PAUSE_MS = 100
const LONGEST_PAUSE_MS = 5_000

export function listenForChanges(options: ChangeListenerOptions): ChangeListener {
  let closed = false
  let client: pg.Client | undefined
  let pause = FIRST_PAUSE_MS
  let timer: NodeJS.Timeout | undefined

  const lost = (error?: Error) => {
    const dropped = client
    client = undefined
    dropped?.removeAllListeners('end')
    dropped?.end().catch(() => undefined)
    options.onOffline(error)
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
      if (message.channel === options.channel) options.onNotice(message.payload)
    })
    next
      .connect()
      .then(() => next.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`))
      .then(() => {
        if (client !== next || closed) return
        pause = FIRST_PAUSE_MS
        options.onLive()
      })
      .catch((error: Error) => {
        if (client === next) lost(error)
      })
  }

  connect()
  return {
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      const last = client
      client = undefined
      last?.removeAllListeners('end')
      await last?.end().catch(() => undefined)
    },
  }
}
