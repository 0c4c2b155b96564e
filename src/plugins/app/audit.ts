import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type pg from 'pg'
import {
  checkAuditEvent,
  staffActor,
  type AuditActor,
  type AuditEventInput,
  type AuditLog,
} from '../../domain/audit/events.js'
import { insertAuditEvent } from '../../repositories/audit-events.js'

type RequestAuditEvent = Omit<AuditEventInput, 'actor' | 'ip' | 'requestId'> & { actor?: AuditActor }

interface AppAudit extends AuditLog {
  /**
   * Records an event about this request: the actor is the signed-in staff
   * member (or 'anonymous'; pass `actor: candidateActor(bookingId)` for a
   * candidate), with the request's address and id.
   */
  recordRequest(request: FastifyRequest, event: RequestAuditEvent, options?: { client?: pg.ClientBase }): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: AppAudit
  }
}

/**
 * `app.audit`: the append-only audit log (table audit_events; a trigger
 * refuses UPDATE, DELETE and TRUNCATE). Pass `{ client }` to record inside
 * your transaction, so the entry commits (or not) with the change it
 * describes. Entries carry ids, never names or email addresses: `details`
 * is checked for them.
 */
export default fp(
  async (app) => {
    const audit: AppAudit = {
      async record(event, { client } = {}) {
        checkAuditEvent(event)
        await insertAuditEvent(client ?? app.pg.pool, event, app.clock.now())
      },
      async recordRequest(request, { actor, ...event }, options) {
        const who = actor ?? (request.staff ? staffActor(request.staff.userId) : 'anonymous')
        await audit.record({ ...event, actor: who, ip: request.ip, requestId: request.id }, options)
      },
    }
    app.decorate('audit', audit)
  },
  { name: 'audit', dependencies: ['postgres'] },
)
