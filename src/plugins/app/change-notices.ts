import fp from 'fastify-plugin'
import type { AppOptions } from '../../app.js'
import { listenForChanges, type ChangeSubscriber } from '../../database/change-listener.js'

/** Who hears a channel's notices, and whether a change must wait for them to be heard before its answer goes. */
export interface ChangeNoticeSubscriber extends ChangeSubscriber {
  /** True while what this subscriber keeps would show a change late (an index in use, a cache holding answers). */
  keepsAnswers(): boolean
}

export interface ChangeNotices {
  /** Hears `channel`'s notices from when the app is ready; every channel is subscribed while plugins register. */
  subscribe(channel: string, subscriber: ChangeNoticeSubscriber): void
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The database's change notices, on the process's one listening connection. */
    changeNotices: ChangeNotices
  }
}

/**
 * `app.changeNotices`: one connection that LISTENs for every channel the
 * app's kept answers follow (the availability index's, the report cache's),
 * started once the app is ready, when every channel has been subscribed.
 *
 * Someone who changes something and then looks (a candidate who held a time,
 * an admin who then opens the report) must see their change at once, not a
 * moment later when its notice arrives. So every request that may have
 * changed something (any method but GET and HEAD) waits, before its answer
 * goes, until this process has heard a notice of its own sent after the
 * change committed: PostgreSQL delivers a connection's notices in commit
 * order, so by then every earlier change has been heard on every channel.
 * One connection, so one such notice a change, whichever answers are kept.
 */
export default fp<AppOptions>(
  async (app, options) => {
    const channels: Record<string, ChangeNoticeSubscriber> = {}
    let listener: ReturnType<typeof listenForChanges> | undefined

    app.decorate('changeNotices', {
      subscribe(channel, subscriber) {
        if (listener) throw new Error(`"${channel}" subscribed after the app started listening`)
        if (Object.hasOwn(channels, channel)) throw new Error(`"${channel}" already has a subscriber`)
        channels[channel] = subscriber
      },
    } satisfies ChangeNotices)

    app.addHook('onReady', async () => {
      if (Object.keys(channels).length === 0) return
      listener = listenForChanges({ connectionString: options.config.DATABASE_URL!, channels })
    })
    app.addHook('onSend', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD' || !listener) return
      if (Object.values(channels).some((subscriber) => subscriber.keepsAnswers())) await listener.catchUp(app.pg.pool)
    })
    app.addHook('onClose', async () => {
      await listener?.close()
    })
  },
  { name: 'change-notices', dependencies: ['postgres'] },
)
