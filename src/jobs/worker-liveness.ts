import type pg from 'pg'
import type { FastifyBaseLogger } from 'fastify'

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

/** The advisory lock namespace (first key) of worker ids; the second key is hashtext(id). */
export const WORKER_LOCK_CLASS = 7319
/** The advisory lock that lets one instance recover at a time. */
const RECOVERY_LOCK_CLASS = 7320
/** A job locked this recently may belong to a worker whose advisory lock is still being taken. */
const GRACE = '5 seconds'

const RECOVERY_SQL = `
  WITH holders AS (
    SELECT locked_by AS id, min(locked_at) AS since FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL GROUP BY locked_by
    UNION ALL
    SELECT locked_by, min(locked_at) FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL GROUP BY locked_by
  ),
  dead AS (
    SELECT DISTINCT id FROM holders
     WHERE id = ANY($1::text[])
        OR (since < now() - interval '${GRACE}'
            AND NOT EXISTS (
              SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                 AND l.classid = ${WORKER_LOCK_CLASS}::oid
                 AND l.objid::bigint = (hashtext(holders.id)::bigint & 4294967295)))
  ),
  deliveries AS (
    UPDATE email_deliveries d SET status = 'waiting', updated_at = now()
     WHERE d.status = 'sending'
       AND d.job_payload IN (SELECT j.payload::jsonb FROM graphile_worker._private_jobs j WHERE j.locked_by IN (SELECT id FROM dead))
    RETURNING d.id
  )
  SELECT coalesce((SELECT array_agg(id) FROM dead), '{}') AS dead, (SELECT count(*)::int FROM deliveries) AS deliveries`

interface Recovery {
  /** Worker ids found dead whose jobs were freed. */
  workers: string[]
  /** Deliveries they left "sending", now waiting to be sent. */
  deliveries: number
}

/** Frees the jobs of dead workers (and `knownDead`, this process's own stopped ones) and makes their deliveries sendable again. */
export async function recoverAbandonedJobs(pool: pg.Pool, knownDead: readonly string[] = []): Promise<Recovery> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // Two instances starting together recover one after the other.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [RECOVERY_LOCK_CLASS])
    const { rows } = await client.query<{ dead: string[]; deliveries: number }>(RECOVERY_SQL, [knownDead])
    const workers = rows[0]!.dead
    if (workers.length > 0) await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [workers])
    await client.query('COMMIT')
    return { workers, deliveries: rows[0]!.deliveries }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

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
      const client = await this.connection()
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKER_LOCK_CLASS, id])
    })
  }

  /** The worker stopped: its jobs may be taken back. */
  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.held.delete(id)
    await this.inTurn(async () => {
      const client = this.client
      if (!client) return
      for (const id of ids) await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [WORKER_LOCK_CLASS, id]).catch(() => undefined)
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
