import type { AuditActor, AuditDetails, AuditEvent, AuditEventInput, AuditResult } from '../domain/audit/events.js'
import type { Queryable } from './staff.js'

interface AuditRow {
  id: string
  occurred_at: Date
  actor: AuditActor
  action: string
  subject_type: string | null
  subject_id: string | null
  result: AuditResult
  ip: string | null
  request_id: string | null
  details: AuditDetails
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    result: row.result,
    ip: row.ip,
    requestId: row.request_id,
    details: row.details,
  }
}

export async function insertAuditEvent(db: Queryable, event: AuditEventInput, occurredAt: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO audit_events (occurred_at, actor, action, subject_type, subject_id, result, ip, request_id, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text`,
    [
      occurredAt,
      event.actor,
      event.action,
      event.subjectType ?? null,
      event.subjectId ?? null,
      event.result,
      event.ip ?? null,
      event.requestId ?? null,
      JSON.stringify(event.details ?? {}),
    ],
  )
  return rows[0]!.id
}

export interface AuditQuery {
  actor?: AuditActor
  action?: string
  subjectType?: string
  subjectId?: string
  from?: Date
  to?: Date
  limit?: number
}

/** Newest first. */
export async function findAuditEvents(db: Queryable, query: AuditQuery = {}): Promise<AuditEvent[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id::text, occurred_at, actor, action, subject_type, subject_id, result, ip, request_id, details
       FROM audit_events
      WHERE ($1::text IS NULL OR actor = $1)
        AND ($2::text IS NULL OR action = $2)
        AND ($3::text IS NULL OR subject_type = $3)
        AND ($4::text IS NULL OR subject_id = $4)
        AND ($5::timestamptz IS NULL OR occurred_at >= $5)
        AND ($6::timestamptz IS NULL OR occurred_at < $6)
      ORDER BY audit_events.occurred_at DESC, audit_events.id DESC
      LIMIT $7`,
    [
      query.actor ?? null,
      query.action ?? null,
      query.subjectType ?? null,
      query.subjectId ?? null,
      query.from ?? null,
      query.to ?? null,
      query.limit ?? 100,
    ],
  )
  return rows.map(toEvent)
}
