import type pg from 'pg'

/**
 * The audit log's vocabulary: who did what to which record, and how it ended.
 * Entries name people only by id; `details` must not carry personal data
 * (names, email addresses, phone numbers, free text), which is checked.
 */

export type AuditActor = `staff:${string}` | `candidate:${string}` | `token:${string}` | 'anonymous' | 'system'
export type AuditResult = 'success' | 'failure' | 'denied'
export type AuditDetails = Record<string, string | number | boolean | null | string[]>

export interface AuditEventInput {
  actor: AuditActor
  /** Dotted, lower case: 'staff.sign_in', 'notes.read', 'export.subject_access'. */
  action: string
  subjectType?: string | null
  subjectId?: string | null
  result: AuditResult
  ip?: string | null
  requestId?: string | null
  details?: AuditDetails
}

/** A member of staff making a change, and where from: what a domain change needs to audit itself. */
export interface StaffRequest {
  staff: { userId: string }
  ip?: string | null
  requestId?: string | null
}

/**
 * Records `entry` as done by `by`, inside `client`'s transaction, so the
 * change and its audit entry commit (or not) together.
 */
export async function recordStaffChange(
  audit: Pick<AuditLog, 'record'>,
  client: pg.ClientBase,
  by: StaffRequest,
  entry: { action: string; subjectType: string; subjectId: string; details?: AuditDetails },
): Promise<void> {
  await audit.record(
    { ...entry, actor: staffActor(by.staff.userId), result: 'success', ip: by.ip ?? null, requestId: by.requestId ?? null, details: entry.details ?? {} },
    { client },
  )
}

/** `app.audit`: record an entry, inside the caller's transaction when given one. */
export interface AuditLog {
  record(event: AuditEventInput, options?: { client?: pg.ClientBase }): Promise<void>
}

export interface AuditEvent extends Required<Omit<AuditEventInput, 'details'>> {
  id: string
  occurredAt: Date
  details: AuditDetails
}

/** The actions this part of the service records; others add theirs. */
export const AuditActions = {
  signIn: 'staff.sign_in',
  signOut: 'staff.sign_out',
  signOutEverywhere: 'staff.sign_out_everywhere',
  passwordChanged: 'staff.password_changed',
} as const

export function staffActor(staffUserId: string): AuditActor {
  return `staff:${staffUserId}`
}

export function candidateActor(bookingId: string): AuditActor {
  return `candidate:${bookingId}`
}

const ACTOR = /^((staff|candidate|token):[A-Za-z0-9_-]{1,64}|anonymous|system)$/
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/
/** Keys that would put personal data or secrets in the log. */
const FORBIDDEN_KEYS = /^(name|first_?name|last_?name|full_?name|email|e_?mail|phone|address|postcode|password|token|notes?|text|comment|message)$/i
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/

export class InvalidAuditEventError extends Error {
  override name = 'InvalidAuditEventError'
}

/** Refuses an entry that is malformed or would carry personal data. */
export function checkAuditEvent(event: AuditEventInput): void {
  if (!ACTOR.test(event.actor)) throw new InvalidAuditEventError(`Unknown audit actor: ${event.actor}`)
  if (!ACTION.test(event.action)) throw new InvalidAuditEventError(`Badly formed audit action: ${event.action}`)
  for (const [key, value] of Object.entries(event.details ?? {})) {
    if (FORBIDDEN_KEYS.test(key)) throw new InvalidAuditEventError(`Audit details may not hold "${key}"`)
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) {
      if (typeof item === 'string' && (item.length > 200 || EMAIL_LIKE.test(item))) {
        throw new InvalidAuditEventError(`Audit detail "${key}" looks like free text or an email address`)
      }
    }
  }
}
