import type { AuditEvent, AuditEventInput } from '../domain/audit/events.js'
import type { Queryable } from './db.js'

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

/** Which entries to find: each filter given narrows them. */
export interface AuditSearch {
  actor?: string
  action?: string
  subjectType?: string
  subjectId?: string
  /** Inclusive. */
  from?: Date
  /** Exclusive. */
  to?: Date
}

/** An AuditSearch as conditions on `audit_events a`, with its values as $1 to $6 (auditSearchValues). */
export const AUDIT_SEARCH_SQL = `($1::text IS NULL OR a.actor = $1)
           AND ($2::text IS NULL OR a.action = $2)
           AND ($3::text IS NULL OR a.subject_type = $3)
           AND ($4::text IS NULL OR a.subject_id = $4)
           AND ($5::timestamptz IS NULL OR a.occurred_at >= $5)
           AND ($6::timestamptz IS NULL OR a.occurred_at < $6)`

export function auditSearchValues(search: AuditSearch): unknown[] {
  return [
    search.actor ?? null,
    search.action ?? null,
    search.subjectType ?? null,
    search.subjectId ?? null,
    search.from ?? null,
    search.to ?? null,
  ]
}

/** Newest first. */
export async function findAuditEvents(db: Queryable, query: AuditSearch & { limit?: number } = {}): Promise<AuditEvent[]> {
  const { rows } = await db.query<AuditEvent>(
    `SELECT a.id::text AS id, a.occurred_at AS "occurredAt", a.actor, a.action, a.subject_type AS "subjectType",
            a.subject_id AS "subjectId", a.result, a.ip, a.request_id AS "requestId", a.details
       FROM audit_events a
      WHERE ${AUDIT_SEARCH_SQL}
      ORDER BY a.occurred_at DESC, a.id DESC
      LIMIT $7`,
    [...auditSearchValues(query), query.limit ?? 100],
  )
  return rows
}
