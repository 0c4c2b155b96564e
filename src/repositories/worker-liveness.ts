/**
 * Which job workers are alive, as PostgreSQL knows it: each worker id this
 * process runs is held as a session advisory lock (WORKER_LOCK_CLASS,
 * hashtext(id)) on a connection of its own (src/jobs/worker-liveness.ts), and
 * a job locked by an id whose lock nobody holds belongs to a dead worker.
 */
import type pg from 'pg'
import { inTransaction } from './db.js'

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

export interface Recovery {
  /** Worker ids found dead whose jobs were freed. */
  workers: string[]
  /** Deliveries they left "sending", now waiting to be sent. */
  deliveries: number
}

/**
 * Frees the jobs of dead workers (and `knownDead`, this process's own stopped ones) and makes their deliveries
 * sendable again. Nothing but the database is touched, so inTransaction may run it again after a deadlock.
 */
export async function recoverAbandonedJobs(pool: pg.Pool, knownDead: readonly string[] = []): Promise<Recovery> {
  return inTransaction(pool, async (client) => {
    // Two instances starting together recover one after the other.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [RECOVERY_LOCK_CLASS])
    const { rows } = await client.query<{ dead: string[]; deliveries: number }>(RECOVERY_SQL, [knownDead])
    const workers = rows[0]!.dead
    if (workers.length > 0) await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [workers])
    return { workers, deliveries: rows[0]!.deliveries }
  })
}

/**
 * Says this worker id is alive for as long as `client`'s session lasts: a session-level lock, so `client` must be a
 * connection of its own, kept for that long (not a pool's statement that returns its connection at once).
 */
export async function holdWorkerLock(client: pg.ClientBase, workerId: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKER_LOCK_CLASS, workerId])
}

/** The worker stopped: its jobs may be taken back. On the connection that holds its lock. */
export async function releaseWorkerLock(client: pg.ClientBase, workerId: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [WORKER_LOCK_CLASS, workerId])
}
