/**
 * Counting towards the limits (rules.ts) in PostgreSQL, so every instance
 * shares one count: fixed windows, one statement per count. Keys are HMACs
 * (of an address, an email address, a booking id), never the values.
 *
 * Over a limit the caller gets TooManyRequestsError (429 with Retry-After);
 * the first refusal of each window is logged and written to the audit log
 * (the admin's audit view shows it), later ones only count.
 */
import { createHmac } from 'node:crypto'
import type pg from 'pg'
import type { FastifyBaseLogger } from 'fastify'
import type { AuditLog } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { DomainError } from '../errors.js'
import type { Queryable } from '../../repositories/db.js'
import { countOne } from '../../repositories/limit-counters.js'
import type { LimitRule } from './rules.js'

export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', `${message} Try again ${inWords(retryAfterSeconds)}.`, 429)
  }
}

/** "in 5 minutes", "in 2 hours", "tomorrow": when to try again, for a person. */
function inWords(seconds: number): string {
  if (seconds <= 60) return 'in a minute'
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return `in ${minutes} minutes`
  const hours = Math.ceil(minutes / 60)
  if (hours < 24) return hours === 1 ? 'in an hour' : `in ${hours} hours`
  return 'tomorrow'
}

/** Who is asking: for the audit entry of a refusal. */
export interface LimitContext {
  ip?: string | null
  requestId?: string | null
}

export interface Limits {
  /**
   * Counts one request against `rule` for `key`, inside `db`'s transaction
   * when given one (so a count only stands if what it counts commits).
   * Throws TooManyRequestsError when over the limit.
   */
  take(rule: LimitRule, key: string, context: LimitContext, db?: Queryable): Promise<void>
  /**
   * Refuses over a limit the caller counts itself (live holds): 429 with
   * `retryAfterSeconds`. The first refusal for `key` in that time is audited.
   */
  refuse(rule: Pick<LimitRule, 'name' | 'message'>, key: string, retryAfterSeconds: number, context: LimitContext): Promise<never>
  /** The HMAC that names `value` in counters and tables (addresses are never stored). */
  keyOf(value: string): string
}

interface LimitsDeps {
  pool: pg.Pool
  clock: Clock
  /** Keys the HMAC of counted values (the session secret). */
  secret: string
  audit: Pick<AuditLog, 'record'>
  log: Pick<FastifyBaseLogger, 'warn'>
}

export function createLimits(deps: LimitsDeps): Limits {
  const keyOf = (value: string) => createHmac('sha256', deps.secret).update(`limit:${value}`).digest('hex')

  /**
   * Logs the first refusal of a window and writes it to the audit log. Inside
   * a transaction (which the refusal rolls back) the entry is written on its
   * own, after it: waiting for a second connection while holding one could
   * starve the pool.
   */
  async function reached(rule: Pick<LimitRule, 'name'>, context: LimitContext, inTransaction: boolean): Promise<void> {
    deps.log.warn({ limit: rule.name, ip: context.ip }, 'limit reached')
    const written = deps.audit
      .record({ actor: 'anonymous', action: 'limit.reached', result: 'denied', ip: context.ip ?? null, requestId: context.requestId ?? null, details: { limit: rule.name } })
      .catch(() => undefined)
    if (!inTransaction) await written
  }

  return {
    keyOf,
    async take(rule, key, context, db = deps.pool) {
      const now = deps.clock.now().getTime()
      const windowMs = rule.windowSeconds * 1000
      const windowEndsAt = Math.floor(now / windowMs) * windowMs + windowMs
      const count = await countOne(db, { name: rule.name, key: keyOf(`${rule.name}:${key}`), windowEndsAt: new Date(windowEndsAt) })
      if (count <= rule.max) return
      if (count === rule.max + 1) await reached(rule, context, db !== deps.pool)
      throw new TooManyRequestsError(rule.message, Math.max(1, Math.ceil((windowEndsAt - now) / 1000)))
    },
    async refuse(rule, key, retryAfterSeconds, context) {
      const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
      // Refusals are counted in windows as long as the wait, so only the first of each is audited.
      const windowMs = seconds * 1000
      const now = deps.clock.now().getTime()
      const windowEndsAt = new Date(Math.floor(now / windowMs) * windowMs + windowMs)
      const refusals = await countOne(deps.pool, { name: `${rule.name}:refused`, key: keyOf(`${rule.name}:${key}`), windowEndsAt }).catch(() => 1)
      if (refusals === 1) await reached(rule, context, true)
      throw new TooManyRequestsError(rule.message, seconds)
    },
  }
}
