import { createHmac } from 'node:crypto'
import { EMAIL_MAX_LENGTH, isEmailAddress as hasEmailShape } from '../booking/rules.js'

/**
 * Who a data request is about: a person known to us by an email address
 * (candidates have no account). Addresses are stored in lower case, so a
 * request matches them the same way.
 */

export function normaliseSubjectEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** An address as bookings take them: their shape, and no longer than EMAIL_MAX_LENGTH. */
export function isEmailAddress(email: string): boolean {
  return email.length <= EMAIL_MAX_LENGTH && hasEmailShape(email)
}

/**
 * What the audit log records instead of an address: an HMAC of it, keyed with
 * the service's secret. The same address always gives the same key, so the
 * requests about one person can be found in the log by someone who knows the
 * address (and the service computes it for them), while the log itself holds
 * no address and cannot be reversed without the secret.
 */
export function subjectKey(email: string, secret: string): string {
  return createHmac('sha256', secret).update(`data-subject:${normaliseSubjectEmail(email)}`).digest('hex')
}

/** The audit log's subject type for entries about a person found by email (the id is `subjectKey`). */
export const DATA_SUBJECT = 'data_subject'

/** The audit log's words for data protection. Details carry ids and counts only. */
export const DataProtectionAuditActions = {
  /** The daily retention run (actor: system). */
  retention: 'data.retention',
  /** A subject access export, as a page or as JSON. */
  subjectAccess: 'export.subject_access',
  /** An erasure request carried out (or refused: result denied). */
  erasure: 'data.erasure',
  /** A search of the audit log itself. */
  auditSearch: 'audit.search',
} as const
