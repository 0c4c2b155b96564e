import type pg from 'pg'
import type { Clock } from '../clock.js'
import { AuditActions, staffActor, type AuditLog } from '../audit/events.js'
import { findStaffByEmail, type StaffRole } from '../../repositories/staff.js'
import {
  deleteDeadSessions,
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  touchSession,
  type SessionOwner,
} from '../../repositories/sessions.js'
import {
  clearAccountFailures,
  countSignInFailures,
  deleteSignInFailuresBefore,
  insertSignInFailure,
} from '../../repositories/staff-sign-in-failures.js'
import { InvalidCredentialsError, TooManySignInAttemptsError } from './errors.js'
import { verifyAgainstDummy, verifyPassword } from './passwords.js'
import { idleCutoff, isWellFormedToken, newSessionTimes, newSessionToken, sessionIdFor } from './sessions.js'
import {
  MAX_FAILURES_PER_ACCOUNT,
  accountKey,
  isThrottled,
  normaliseEmail,
  windowStart,
} from './sign-in-throttle.js'

/**
 * Signing staff in and out: password check, rate limits, server-side
 * sessions, and the audit entries for each. No HTTP here: the routes pass in
 * the address and the cookie's token, and set the cookie this gives back.
 */

export interface SignInServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
  /** Keys the HMAC that names an account in the rate-limit table (SESSION_SECRET). */
  secret: string
}

/** Where a request came from, for the session row and the audit log. */
export interface RequestOrigin {
  ip: string
  userAgent?: string | null
  requestId?: string | null
}

export interface SignInAttempt extends RequestOrigin {
  email: string
  password: string
  /** The token of the session this browser already had, if any: it ends (rotation). */
  previousToken?: string | null
}

export interface SignedIn {
  /** For the cookie, and nowhere else. */
  token: string
  sessionId: string
  expiresAt: Date
  staff: { id: string; name: string; role: StaffRole; coachId: string | null }
}

const DAY_MS = 24 * 60 * 60 * 1000

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/**
 * Checks an email address and password and starts a session. Throws
 * InvalidCredentialsError (one message, whether or not the account exists,
 * and as slow either way) or TooManySignInAttemptsError.
 */
export async function signIn(services: SignInServices, attempt: SignInAttempt): Promise<SignedIn> {
  const { pool, clock, audit } = services
  const now = clock.now()
  const key = accountKey(attempt.email, services.secret)
  const origin = { ip: attempt.ip, requestId: attempt.requestId ?? null }

  const counts = await countSignInFailures(pool, { accountKey: key, ip: attempt.ip, since: windowStart(now) })
  if (isThrottled(counts)) {
    await audit.record({
      actor: 'anonymous',
      action: AuditActions.signIn,
      result: 'denied',
      ...origin,
      details: { reason: 'rate_limited', limit: counts.account >= MAX_FAILURES_PER_ACCOUNT ? 'account' : 'address' },
    })
    throw new TooManySignInAttemptsError()
  }

  const account = await findStaffByEmail(pool, normaliseEmail(attempt.email))
  const passwordRight = account
    ? await verifyPassword(account.passwordHash, attempt.password)
    : await verifyAgainstDummy(attempt.password)

  if (!account || !passwordRight || !account.active) {
    await insertSignInFailure(pool, { accountKey: key, ip: attempt.ip, at: now })
    await deleteSignInFailuresBefore(pool, new Date(now.getTime() - DAY_MS))
    await audit.record({
      actor: 'anonymous',
      action: AuditActions.signIn,
      result: 'failure',
      subjectType: account ? 'staff_user' : null,
      subjectId: account?.id ?? null,
      ...origin,
      details: { reason: !account ? 'unknown_account' : !passwordRight ? 'wrong_password' : 'account_inactive' },
    })
    throw new InvalidCredentialsError()
  }

  const token = newSessionToken()
  const sessionId = sessionIdFor(token)
  const times = newSessionTimes(now)
  await inTransaction(pool, async (client) => {
    if (isWellFormedToken(attempt.previousToken)) await deleteSession(client, sessionIdFor(attempt.previousToken))
    await deleteDeadSessions(client, now, idleCutoff(now), account.id)
    await insertSession(client, {
      id: sessionId,
      staffUserId: account.id,
      ...times,
      ip: attempt.ip,
      userAgent: attempt.userAgent ?? null,
    })
    await clearAccountFailures(client, key)
    await audit.record(
      {
        actor: staffActor(account.id),
        action: AuditActions.signIn,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: account.id,
        ...origin,
      },
      { client },
    )
  })
  return {
    token,
    sessionId,
    expiresAt: times.expiresAt,
    staff: { id: account.id, name: account.name, role: account.role, coachId: account.coachId },
  }
}

/**
 * The live session a cookie's token names, marked used now; null when there
 * is none. A session found dead (idle, past its end, account switched off) is removed.
 */
export async function resolveSession(
  services: Pick<SignInServices, 'pool' | 'clock'>,
  token: unknown,
): Promise<SessionOwner | null> {
  if (!isWellFormedToken(token)) return null
  const now = services.clock.now()
  const id = sessionIdFor(token)
  const owner = await touchSession(services.pool, id, now, idleCutoff(now))
  if (!owner) await deleteSession(services.pool, id)
  return owner
}

/** Ends this browser's session. True when there was one. */
export async function signOut(services: SignInServices, token: unknown, origin: RequestOrigin): Promise<boolean> {
  if (!isWellFormedToken(token)) return false
  const staffUserId = await deleteSession(services.pool, sessionIdFor(token))
  if (!staffUserId) return false
  await services.audit.record({
    actor: staffActor(staffUserId),
    action: AuditActions.signOut,
    result: 'success',
    subjectType: 'staff_user',
    subjectId: staffUserId,
    ip: origin.ip,
    requestId: origin.requestId ?? null,
  })
  return true
}

/** Ends every session of a person, on every device. Gives how many ended. */
export async function signOutEverywhere(
  services: SignInServices,
  staffUserId: string,
  origin: RequestOrigin,
): Promise<number> {
  return inTransaction(services.pool, async (client) => {
    const ended = await deleteSessionsOfUser(client, staffUserId)
    await services.audit.record(
      {
        actor: staffActor(staffUserId),
        action: AuditActions.signOutEverywhere,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: staffUserId,
        ip: origin.ip,
        requestId: origin.requestId ?? null,
        details: { sessionsEnded: ended },
      },
      { client },
    )
    return ended
  })
}
