/** Webhook endpoints and their deliveries (domain/integrations/webhooks.ts). */
import type { Queryable } from './db.js'
import type { IntegrationEvent, WebhookDelivery, WebhookEndpoint } from './rows.js'

export type WebhookEndpointRecord = Pick<
  WebhookEndpoint,
  'id' | 'url' | 'description' | 'events' | 'active' | 'disabledAt' | 'createdAt'
>

export type WebhookDeliveryRecord = Pick<
  WebhookDelivery,
  | 'id'
  | 'endpointId'
  | 'eventId'
  | 'attempts'
  | 'lastStatusCode'
  | 'lastError'
  | 'lastAttemptAt'
  | 'deliveredAt'
  | 'createdAt'
> & {
  eventType: IntegrationEvent['type']
  /** Text in the schema; the migration's CHECK allows only these. */
  status: 'waiting' | 'delivered' | 'failed'
}

const ENDPOINT_COLUMNS = `id, url, description, events, active, disabled_at AS "disabledAt", created_at AS "createdAt"`
const DELIVERY_COLUMNS = `d.id, d.endpoint_id AS "endpointId", d.event_id AS "eventId", e.type AS "eventType", d.status, d.attempts,
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.last_attempt_at AS "lastAttemptAt",
  d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"`

export async function insertEndpoint(
  db: Queryable,
  endpoint: { url: string; description: string | null; events: string[]; secretSealed: string; createdBy: string; now: Date },
): Promise<WebhookEndpointRecord> {
  const { rows } = await db.query<WebhookEndpointRecord>(
    `INSERT INTO webhook_endpoints (url, description, events, secret_sealed, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT_COLUMNS}`,
    [endpoint.url, endpoint.description, endpoint.events, endpoint.secretSealed, endpoint.createdBy, endpoint.now],
  )
  return rows[0]!
}

export async function listEndpoints(db: Queryable): Promise<WebhookEndpointRecord[]> {
  const { rows } = await db.query<WebhookEndpointRecord>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`)
  return rows
}

export async function findEndpoint(db: Queryable, id: string): Promise<(WebhookEndpointRecord & { secretSealed: string }) | null> {
  const { rows } = await db.query<WebhookEndpointRecord & { secretSealed: string }>(
    `SELECT ${ENDPOINT_COLUMNS}, secret_sealed AS "secretSealed" FROM webhook_endpoints WHERE id = $1`,
    [id],
  )
  return rows[0] ?? null
}

export async function deleteEndpoint(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM webhook_endpoints WHERE id = $1', [id])
  return (rowCount ?? 0) > 0
}

export async function setEndpointSecret(db: Queryable, id: string, secretSealed: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE webhook_endpoints SET secret_sealed = $2 WHERE id = $1', [id, secretSealed])
  return (rowCount ?? 0) > 0
}

/** Switches the endpoint off: true when this call did (it was on). */
export async function disableEndpoint(db: Queryable, id: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE webhook_endpoints SET active = false, disabled_at = $2 WHERE id = $1 AND active', [id, now])
  return (rowCount ?? 0) > 0
}

/** A delivery of the event to every active endpoint listening for its type: the new deliveries' ids. */
export async function insertDeliveries(db: Queryable, event: { id: string; type: string }, now: Date): Promise<{ id: string; endpointId: string }[]> {
  const { rows } = await db.query<{ id: string; endpointId: string }>(
    `INSERT INTO webhook_deliveries (endpoint_id, event_id, created_at)
     SELECT w.id, $1, $3 FROM webhook_endpoints w WHERE w.active AND $2 = ANY (w.events)
     ON CONFLICT (endpoint_id, event_id) DO NOTHING
     RETURNING id, endpoint_id AS "endpointId"`,
    [event.id, event.type, now],
  )
  return rows
}

export async function findDelivery(db: Queryable, id: string): Promise<WebhookDeliveryRecord | null> {
  const { rows } = await db.query<WebhookDeliveryRecord>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN integration_events e ON e.id = d.event_id WHERE d.id = $1`,
    [id],
  )
  return rows[0] ?? null
}

export async function listDeliveries(db: Queryable, endpointId: string, limit = 100): Promise<WebhookDeliveryRecord[]> {
  const { rows } = await db.query<WebhookDeliveryRecord>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN integration_events e ON e.id = d.event_id
      WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
    [endpointId, limit],
  )
  return rows
}

/** Records an attempt's answer; `failed` only after the last attempt. */
export async function recordAttempt(
  db: Queryable,
  id: string,
  attempt: { delivered: boolean; statusCode: number | null; error: string | null; lastAttempt: boolean; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries
        SET attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = $5,
            status = CASE WHEN $4 THEN 'delivered' WHEN $6 THEN 'failed' ELSE 'waiting' END,
            delivered_at = CASE WHEN $4 THEN $5 ELSE delivered_at END
      WHERE id = $1 AND status <> 'delivered'`,
    [id, attempt.statusCode, attempt.error, attempt.delivered, attempt.now, attempt.lastAttempt],
  )
}

/** Sending again: the delivery waits once more (one already delivered stays delivered). */
export async function markWaiting(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE webhook_deliveries SET status = 'waiting' WHERE id = $1 AND status = 'failed'`, [id])
  return (rowCount ?? 0) > 0
}

/** The oldest delivery of the endpoint still not delivered: when it was made (a failing endpoint is switched off after a day). */
export async function oldestUndelivered(db: Queryable, endpointId: string): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT min(created_at) AS at FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> 'delivered' AND attempts > 0`,
    [endpointId],
  )
  return rows[0]?.at ?? null
}
