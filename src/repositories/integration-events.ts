/**
 * Events for other systems (domain/integrations/events.ts): written in the
 * change's transaction, given a feed position in commit order afterwards.
 */
import type { Queryable } from './db.js'
import type { IntegrationEvent } from './rows.js'

export type StoredEvent = Pick<IntegrationEvent, 'id' | 'type' | 'occurredAt'> & {
  /** JSON in the schema: an object. */
  data: Record<string, unknown>
  /** A bigint in the schema, which pg gives as text. */
  position: string
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The job that takes an event to the webhooks listening for it, on its queue (one at a time, in order). */
export interface DispatchJob {
  task: string
  queueName: string
  maxAttempts: number
}

/**
 * A booking event, its data read from the booking as it is now (ids, times,
 * status: no names, no notes, no answers); `wanted` when a webhook endpoint
 * listens for the type, and then its dispatch job is added by the same
 * statement (graphile-worker's add_job, as the JobQueue port's add does for a
 * job without a key). One statement, whose answer nothing waits on: a change
 * can send it with its last statements and COMMIT (commitWith).
 */
export async function insertBookingEvent(
  db: Queryable,
  event: { type: string; bookingId: string; occurredAt: Date },
  dispatch: DispatchJob,
): Promise<{ id: string; wanted: boolean }> {
  const { rows } = await db.query<{ id: string; wanted: boolean }>({
    name: 'insert-booking-integration-event',
    text: `WITH event AS (
       INSERT INTO integration_events (type, occurred_at, data)
       SELECT $1, $2, json_build_object('bookingId', b.id, 'reference', b.reference, 'programme', p.slug,
                                        'start', ${ISO('b.starts_at')}, 'end', ${ISO('b.ends_at')},
                                        'status', b.status, 'coachId', b.coach_id)
         FROM bookings b JOIN programmes p ON p.id = b.programme_id WHERE b.id = $3
       RETURNING id, EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.active AND $1 = ANY (w.events)) AS wanted
     ), dispatched AS (
       SELECT graphile_worker.add_job($4::text, json_build_object('eventId', event.id), queue_name => $5::text, max_attempts => $6::int)
         FROM event WHERE event.wanted
     )
     -- dispatched is read in the answer, so that it runs: a CTE of SELECTs that nothing reads is skipped, and so is
     -- a join whose columns nothing reads.
     SELECT event.id, event.wanted, (SELECT count(*) FROM dispatched)::int AS dispatched FROM event`,
    values: [event.type, event.occurredAt, event.bookingId, dispatch.task, dispatch.queueName, dispatch.maxAttempts],
  })
  return rows[0] ?? { id: '', wanted: false }
}

/**
 * Gives every committed event without a position the next ones, oldest
 * first, one reader at a time. An event that commits later gets a later
 * position, so a reader that has seen position n never misses one below it.
 */
export async function positionNewEvents(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('integration-events-positions'))`)
  await db.query(
    `WITH top AS (SELECT COALESCE(max(position), 0) AS position FROM integration_events),
          pending AS (SELECT id, row_number() OVER (ORDER BY written) AS n FROM integration_events WHERE position IS NULL)
     UPDATE integration_events e SET position = top.position + pending.n FROM pending, top WHERE e.id = pending.id`,
  )
}

export async function listEventsAfter(db: Queryable, after: bigint, limit: number): Promise<StoredEvent[]> {
  const { rows } = await db.query<StoredEvent>(
    // e.position, not position: ORDER BY a bare name sorts by the output column, the text, so 10 came before 9.
    `SELECT e.id, e.type, e.occurred_at AS "occurredAt", e.data, e.position::text AS position
       FROM integration_events e WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
    [after.toString(), limit],
  )
  return rows
}

export async function findEvent(db: Queryable, id: string): Promise<Omit<StoredEvent, 'position'> | null> {
  const { rows } = await db.query<Omit<StoredEvent, 'position'>>(
    `SELECT id, type, occurred_at AS "occurredAt", data FROM integration_events WHERE id = $1`,
    [id],
  )
  return rows[0] ?? null
}

/** Housekeeping: the feed keeps 30 days. */
export async function purgeEventsBefore(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM integration_events WHERE occurred_at < $1', [before])
  return rowCount ?? 0
}
