/** Searching the audit log (admins): filters, newest first, a page at a time. */
import type { Queryable } from './db.js'

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

export interface AuditSearchEntry {
  id: string
  occurredAt: Date
  actor: string
  /** The staff member's name, for a staff actor whose account still exists. */
  actorName: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  result: string
  ip: string | null
  requestId: string | null
  details: Record<string, unknown>
}

const WHERE = `($1::text IS NULL OR a.actor = $1)
           AND ($2::text IS NULL OR a.action = $2)
           AND ($3::text IS NULL OR a.subject_type = $3)
           AND ($4::text IS NULL OR a.subject_id = $4)
           AND ($5::timestamptz IS NULL OR a.occurred_at >= $5)
           AND ($6::timestamptz IS NULL OR a.occurred_at < $6)`

const params = (search: AuditSearch) => [
  search.actor ?? null,
  search.action ?? null,
  search.subjectType ?? null,
  search.subjectId ?? null,
  search.from ?? null,
  search.to ?? null,
]

export async function searchAuditLog(
  db: Queryable,
  search: AuditSearch,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditSearchEntry[]; total: number }> {
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events a WHERE ${WHERE}`, params(search))
  const { rows } = await db.query<AuditSearchEntry>(
    `SELECT a.id::text AS id, a.occurred_at AS "occurredAt", a.actor, su.name AS "actorName", a.action,
            a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.result, a.ip, a.request_id AS "requestId", a.details
       FROM audit_events a
       LEFT JOIN staff_users su ON a.actor LIKE 'staff:%' AND su.id::text = substr(a.actor, 7)
      WHERE ${WHERE}
      ORDER BY a.occurred_at DESC, a.id DESC
      LIMIT $7 OFFSET $8`,
    [...params(search), page.limit, page.offset],
  )
  return { entries: rows, total: count.rows[0]?.n ?? 0 }
}
