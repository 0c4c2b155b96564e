/** Searching the audit log (admins): filters, newest first, a page at a time. */
import { AUDIT_SEARCH_SQL, auditSearchValues, type AuditSearch } from './audit-events.js'
import type { AuditRecord } from './data-protection.js'
import type { Queryable } from './db.js'

export type { AuditSearch }

interface AuditSearchEntry extends AuditRecord {
  /** The staff member's name, for a staff actor whose account still exists. */
  actorName: string | null
}

export async function searchAuditLog(
  db: Queryable,
  search: AuditSearch,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditSearchEntry[]; total: number }> {
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events a WHERE ${AUDIT_SEARCH_SQL}`, auditSearchValues(search))
  const { rows } = await db.query<AuditSearchEntry>(
    `SELECT a.id::text AS id, a.occurred_at AS "occurredAt", a.actor, su.name AS "actorName", a.action,
            a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.result, a.ip, a.request_id AS "requestId", a.details
       FROM audit_events a
       LEFT JOIN staff_users su ON a.actor LIKE 'staff:%' AND su.id::text = substr(a.actor, 7)
      WHERE ${AUDIT_SEARCH_SQL}
      ORDER BY a.occurred_at DESC, a.id DESC
      LIMIT $7 OFFSET $8`,
    [...auditSearchValues(search), page.limit, page.offset],
  )
  return { entries: rows, total: count.rows[0]?.n ?? 0 }
}
