import type pg from 'pg'
import type { FastifyBaseLogger } from 'fastify'
import { holdWorkerLock, releaseWorkerLock } from '../repositories/worker-liveness.js'

/**
 * Which job workers are alive, told by PostgreSQL itself, so that jobs (and
 * the emails they were sending) held by a worker that died are taken back at
 * once instead of after graphile-worker's 4-hour lock expiry.
 *
 * Every worker id this process runs (graphile-worker locks jobs in the name
 * of its workers, or of their pool) is held as a session advisory lock on a
 * connection of its own. PostgreSQL releases those locks the moment the
 * process or its connection dies, so a job locked by an id whose advisory
 * lock nobody holds belongs to a dead worker, on this instance or another.
 *
 * `recoverAbandonedJobs` runs when a worker starts and every minute after:
 * it marks the dead workers' deliveries that were "sending" as waiting again
 * and frees their jobs, which then run at once. A delivery SMTP accepted just
 * before the crash (and that was never marked sent) goes again, with the
 * same Message-ID, so mail clients show one message; every other email goes
 * once.
 */


/** Holds an advisory lock per worker id of this process, on a connection of its own, taken again if that connection is lost. */
export class WorkerLiveness {
  private client: pg.PoolClient | undefined
  private connecting: Promise<pg.PoolClient> | undefined
  private readonly held = new Set<string>()
  private retry: NodeJS.Timeout | undefined
  private closed = false

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** One statement at a time on the connection (pg warns about overlapping queries on a client). */
  private queue: Promise<unknown> = Promise.resolve()
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(work, work)
    this.queue = turn.catch(() => undefined)
    return turn
  }

  /** Says this id is alive for as long as this process (and its connection) is. */
  async hold(id: string): Promise<void> {
    this.held.add(id)
    await this.inTurn(async () => {
      await holdWorkerLock(await this.connection(), id)
    })
  }

  /** The worker stopped: its jobs may be taken back. */
  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.held.delete(id)
    await this.inTurn(async () => {
      const client = this.client
      if (!client) return
      for (const id of ids) await releaseWorkerLock(client, id).catch(() => undefined)
    })
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retry) clearTimeout(this.retry)
    const client = this.client
    this.client = undefined
    client?.release(true) // closing the connection releases every lock
  }

  private async connection(): Promise<pg.PoolClient> {
    if (this.client) return this.client
    this.connecting ??= this.pool.connect().then(
      (client) => {
        this.connecting = undefined
        if (this.closed) {
          client.release(true)
          throw new Error('closed')
        }
        client.on('error', (error) => this.lost(client, error))
        this.client = client
        return client
      },
      (error: unknown) => {
        this.connecting = undefined
        throw error
      },
    )
    return this.connecting
  }

  /** The connection died, and with it the locks: take them again once the database answers. */
  private lost(client: pg.PoolClient, error: Error): void {
    if (this.client !== client) return
    this.client = undefined
    client.release(true)
    if (this.closed) return
    this.log.warn({ err: error }, 'the job worker lost its liveness connection; taking its locks again')
    const again = (pause: number) => {
      this.retry = setTimeout(() => {
        if (this.closed) return
        Promise.all([...this.held].map((id) => this.hold(id))).catch(() => again(Math.min(pause * 2, 15_000)))
      }, pause)
    }
    again(500)
  }
}
