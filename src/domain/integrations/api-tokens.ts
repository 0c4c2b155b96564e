/**
 * API tokens for other systems: a staffing system pushing
 * invitations, a reporting tool reading bookings. An admin creates one with
 * a name, scopes and an expiry (a year by default) and sees it once; only its
 * sha256 is kept. Sent as `Authorization: Bearer ccat_…`, a token reaches only
 * the API routes of its scopes (a route names its scope in
 * `config.scope`): never a page, never notes. Every use is audited.
 */
import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { DomainError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import { inTransaction } from '../../repositories/db.js'
import { insertApiToken, listApiTokens, revokeApiTokenRow, type ApiTokenRecord } from '../../repositories/api-tokens.js'

export const API_SCOPES = ['invitations:write', 'bookings:read', 'actions:read', 'reports:read', 'webhooks:manage'] as const
type ApiScope = (typeof API_SCOPES)[number]

const TOKEN_PREFIX = 'ccat_'
const TOKEN_PATTERN = /^ccat_[A-Za-z0-9_-]{43}$/
const DEFAULT_TOKEN_DAYS = 365
const MAX_TOKEN_DAYS = 2 * 365

/** 403 insufficient_scope: the token is good, but not for this route. */
export class InsufficientScopeError extends DomainError {
  constructor(needed: readonly string[]) {
    super(
      'insufficient_scope',
      needed.length > 0
        ? `This API token does not have the scope this needs (${needed.join(' or ')})`
        : 'API tokens cannot use this: it needs a person signed in, or a candidate’s own link',
      403,
    )
  }
}

export function looksLikeApiToken(text: string): boolean {
  return TOKEN_PATTERN.test(text)
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

interface ApiTokenDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

interface NewApiToken {
  name?: string
  scopes?: string[]
  /** ISO 8601; a year from now when left out. */
  expiresAt?: string | null
}

/** Checks a new token's settings: the problems (each with its field), or what to store. */
function checkNewApiToken(input: NewApiToken, now: Date): { ok: true; value: { name: string; scopes: ApiScope[]; expiresAt: Date } } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = []
  const name = (input.name ?? '').trim()
  if (name === '') errors.push({ field: 'name', message: 'Enter a name for the token, like "Staffing system"' })
  else if (name.length > 100) errors.push({ field: 'name', message: 'The name must be 100 characters or fewer' })
  const scopes = [...new Set(input.scopes ?? [])]
  if (scopes.length === 0) errors.push({ field: 'scopes', message: 'Select at least one thing the token may do' })
  else if (scopes.some((scope) => !API_SCOPES.includes(scope as ApiScope))) errors.push({ field: 'scopes', message: `Scopes are ${API_SCOPES.join(', ')}` })
  let expiresAt = new Date(now.getTime() + DEFAULT_TOKEN_DAYS * 86_400_000)
  if (input.expiresAt) {
    expiresAt = new Date(input.expiresAt)
    if (Number.isNaN(expiresAt.getTime()) || expiresAt <= now) errors.push({ field: 'expiresAt', message: 'The expiry must be a date in the future' })
    else if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000) errors.push({ field: 'expiresAt', message: 'A token can last 2 years at most' })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { name, scopes: scopes as ApiScope[], expiresAt } }
}

/** Creates a token: the record and the token itself, which is shown now and never again. */
export async function createApiToken(deps: ApiTokenDeps, input: NewApiToken, by: StaffRequest): Promise<{ record: ApiTokenRecord; token: string }> {
  const now = deps.clock.now()
  const checked = checkNewApiToken(input, now)
  if (!checked.ok) throw new ValidationError(checked.errors)
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
  return inTransaction(deps.pool, async (client) => {
    const record = await insertApiToken(client, { ...checked.value, tokenHash: hashApiToken(token), createdBy: by.staff.userId, now })
    await recordStaffChange(deps.audit, client, by, {
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: record.id,
      details: { scopes: record.scopes },
    })
    return { record, token }
  })
}

export async function revokeApiToken(deps: ApiTokenDeps, id: string, by: StaffRequest): Promise<ApiTokenRecord> {
  return inTransaction(deps.pool, async (client) => {
    const record = await revokeApiTokenRow(client, id, deps.clock.now())
    if (!record) throw new NotFoundError('There is no such API token')
    await recordStaffChange(deps.audit, client, by, { action: 'api_token.revoked', subjectType: 'api_token', subjectId: id })
    return record
  })
}

export { listApiTokens }
