import type pg from 'pg'
import type { Clock } from '../clock.js'
import { AuditActions, staffActor, type AuditLog } from '../audit/events.js'
import { findStaffByEmail, findStaffById, type StaffAccount, type StaffRole } from '../../repositories/staff.js'
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
import {
  deleteExpiredPendingSignIns,
  deletePendingSignIn,
  findPendingSignIn,
  insertPendingSignIn,
  type PendingSignIn,
} from '../../repositories/staff-pending-sign-ins.js'
import { findTwoFactor, isTwoFactorRequired } from '../../repositories/staff-two-factor.js'
import {
  InvalidCredentialsError,
  PendingSignInMissingError,
  TooManySignInAttemptsError,
  TwoFactorCodeRequiredError,
  TwoFactorSetUpRequiredError,
} from './errors.js'
import { verifyAgainstDummy, verifyPassword } from './passwords.js'
import { idleCutoff, isWellFormedToken, newSessionTimes, newSessionToken, seenAgainCutoff, sessionIdFor } from './sessions.js'
import {
  MAX_FAILURES_PER_ACCOUNT,
  accountKey,
  isThrottled,
  normaliseEmail,
  windowStart,
} from './sign-in-throttle.js'
import { DAY_MS } from '../slots/zone-time.js'
import { decryptTotpSecret, encryptTotpSecret } from './two-factor.js'
import {
  enableTwoFactor,
  newTotpSecret,
  setUpView,
  verifyCodeWithLimits,
  type SecondFactorMethod,
  type TwoFactorSetUpView,
} from './two-factor-service.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'

/**
 * Signing staff in and out: password check, rate limits, the second factor,
 * server-side sessions, and the audit entries for each. No HTTP here: the
 * routes pass in the address and the cookies' tokens, and set the cookies
 * this gives back.
 *
 * With two-factor (every admin; a coach who set it up, or whose programme
 * requires it) a right password does not start a session:
 * - pages: `beginSignIn` opens a pending sign-in (15 minutes, a cookie of
 *   its own) and the next page asks for the code (`completeSignInWithCode`)
 *   or, for someone who must have two-factor and has not set it up yet,
 *   shows how (`completeTwoFactorSetUp`). Only then is there a session.
 * - API: `signIn` takes the code in the same request; without it, 401
 *   `code_required` (the password was right: the usual practice, and what
 *   the pages show anyway); set-up is only on the website (403).
 * The account's failure count is cleared only when the whole sign-in
 * succeeds, so a known password does not buy more guesses at the code.
 */

export interface SignInServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
  /** Keys the HMAC that names an account in the rate-limit table, and the TOTP secrets' encryption (SESSION_SECRET). */
  secret: string
}

/** Where a request came from, for the session row and the audit log. */
interface RequestOrigin {
  ip: string
  userAgent?: string | null
  requestId?: string | null
}

interface SignInAttempt extends RequestOrigin {
  email: string
  password: string
  /** The token of the session this browser already had, if any: it ends (rotation). */
  previousToken?: string | null
  /** API only: the code from the authenticator app, or a recovery code. */
  code?: string | null
}

interface SignedIn {
  /** For the cookie, and nowhere else. */
  token: string
  sessionId: string
  expiresAt: Date
  staff: { id: string; name: string; role: StaffRole; coachId: string | null }
}

/** How long the second step may take after a right password. */
const PENDING_SIGN_IN_MS = 15 * 60 * 1000
/** The cookie of a pending sign-in: sent only to the sign-in pages. */
export const PENDING_SIGN_IN_COOKIE = 'cc_sign_in'
export const PENDING_SIGN_IN_PATH = '/sign-in'

/**
 * The password step: rate limits, then the password. Gives the account, or
 * throws InvalidCredentialsError (one message, whether or not the account
 * exists, and as slow either way) or TooManySignInAttemptsError.
 */
async function checkPassword(services: SignInServices, attempt: SignInAttempt): Promise<StaffAccount> {
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
  return account
}

/** What a right password leads to: nothing more, the code, or setting up an app first. */
async function secondStepFor(db: Queryable, account: StaffAccount): Promise<'code' | 'set_up' | null> {
  if (await findTwoFactor(db, account.id)) return 'code'
  // Admins always; a coach on a programme that requires it. Checked at each sign-in.
  return (await isTwoFactorRequired(db, account.id)) ? 'set_up' : null
}

/** Starts the session (in the caller's transaction): rotation, tidying, the failure count cleared, the audit entry. */
async function openSession(
  services: SignInServices,
  client: pg.ClientBase,
  account: Pick<StaffAccount, 'id' | 'name' | 'role' | 'coachId' | 'email'>,
  attempt: RequestOrigin & { previousToken?: string | null },
  secondFactor: SecondFactorMethod | 'none',
): Promise<SignedIn> {
  const now = services.clock.now()
  const token = newSessionToken()
  const sessionId = sessionIdFor(token)
  const times = newSessionTimes(now)
  if (isWellFormedToken(attempt.previousToken)) await deleteSession(client, sessionIdFor(attempt.previousToken))
  await deleteDeadSessions(client, now, idleCutoff(now), account.id)
  await insertSession(client, {
    id: sessionId,
    staffUserId: account.id,
    ...times,
    ip: attempt.ip,
    userAgent: attempt.userAgent ?? null,
  })
  await clearAccountFailures(client, accountKey(account.email, services.secret))
  await services.audit.record(
    {
      actor: staffActor(account.id),
      action: AuditActions.signIn,
      result: 'success',
      subjectType: 'staff_user',
      subjectId: account.id,
      ip: attempt.ip,
      requestId: attempt.requestId ?? null,
      ...(secondFactor === 'none' ? {} : { details: { secondFactor } }),
    },
    { client },
  )
  return {
    token,
    sessionId,
    expiresAt: times.expiresAt,
    staff: { id: account.id, name: account.name, role: account.role, coachId: account.coachId },
  }
}

/**
 * Signs in in one request (the API): email address, password and, when the
 * account has two-factor, its code. Throws InvalidCredentialsError,
 * TooManySignInAttemptsError, TwoFactorCodeRequiredError (password right, no
 * code), InvalidTwoFactorCodeError or TwoFactorSetUpRequiredError.
 */
export async function signIn(services: SignInServices, attempt: SignInAttempt): Promise<SignedIn> {
  const account = await checkPassword(services, attempt)
  const step = await secondStepFor(services.pool, account)
  if (step === 'set_up') {
    await services.audit.record({
      actor: 'anonymous',
      action: AuditActions.signIn,
      result: 'denied',
      subjectType: 'staff_user',
      subjectId: account.id,
      ip: attempt.ip,
      requestId: attempt.requestId ?? null,
      details: { reason: 'two_factor_not_set_up' },
    })
    throw new TwoFactorSetUpRequiredError()
  }
  let method: SecondFactorMethod | 'none' = 'none'
  if (step === 'code') {
    const code = attempt.code?.trim()
    if (!code) throw new TwoFactorCodeRequiredError()
    method = (await verifyCodeWithLimits(services, account, code, { ...attempt, context: 'sign_in' })).method
  }
  return inTransaction(services.pool, (client) => openSession(services, client, account, attempt, method))
}

type BeganSignIn =
  | { next: 'signed-in'; signedIn: SignedIn }
  /** Ask for the code (`code`) or show how to set up an app (`set-up`); `pendingToken` is for the cookie. */
  | { next: 'code' | 'set-up'; pendingToken: string; expiresAt: Date }

/**
 * The sign-in page's first step: the password. Without two-factor that is
 * the whole sign-in; with it, a pending sign-in is opened for the next page.
 * A pending sign-in this browser already had ends.
 */
export async function beginSignIn(
  services: SignInServices,
  attempt: SignInAttempt & { previousPendingToken?: string | null; nextPath?: string | null },
): Promise<BeganSignIn> {
  const account = await checkPassword(services, attempt)
  const step = await secondStepFor(services.pool, account)
  if (step === null) {
    const signedIn = await inTransaction(services.pool, (client) => openSession(services, client, account, attempt, 'none'))
    return { next: 'signed-in', signedIn }
  }
  const now = services.clock.now()
  const pendingToken = newSessionToken()
  const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MS)
  await inTransaction(services.pool, async (client) => {
    if (isWellFormedToken(attempt.previousPendingToken)) {
      await deletePendingSignIn(client, sessionIdFor(attempt.previousPendingToken))
    }
    await deleteExpiredPendingSignIns(client, now)
    await insertPendingSignIn(client, {
      id: sessionIdFor(pendingToken),
      staffUserId: account.id,
      stage: step,
      totpSecret: step === 'set_up' ? encryptTotpSecret(newTotpSecret(), services.secret) : null,
      nextPath: attempt.nextPath ?? null,
      createdAt: now,
      expiresAt,
      ip: attempt.ip,
      userAgent: attempt.userAgent ?? null,
    })
  })
  return { next: step === 'code' ? 'code' : 'set-up', pendingToken, expiresAt }
}

interface OpenPendingSignIn extends PendingSignIn {
  account: StaffAccount
}

/** The live pending sign-in a cookie's token names, with its account; null when there is none. */
export async function findOpenPendingSignIn(
  services: Pick<SignInServices, 'pool' | 'clock'>,
  token: unknown,
): Promise<OpenPendingSignIn | null> {
  if (!isWellFormedToken(token)) return null
  const pending = await findPendingSignIn(services.pool, sessionIdFor(token), services.clock.now())
  if (!pending) return null
  const account = await findStaffById(services.pool, pending.staffUserId)
  return account ? { ...pending, account } : null
}

interface SecondStep extends RequestOrigin {
  pendingToken: unknown
  code: string
  previousToken?: string | null
}

/**
 * The second step: the code from the app, or a recovery code. Ends the
 * pending sign-in and starts the session. Throws PendingSignInMissingError,
 * TooManySignInAttemptsError or InvalidTwoFactorCodeError.
 */
export async function completeSignInWithCode(
  services: SignInServices,
  step: SecondStep,
): Promise<SignedIn & { nextPath: string | null; secondFactor: SecondFactorMethod; recoveryCodesLeft: number | null }> {
  const pending = await findOpenPendingSignIn(services, step.pendingToken)
  if (!pending || pending.stage !== 'code') throw new PendingSignInMissingError()
  const check = await verifyCodeWithLimits(services, pending.account, step.code, { ...step, context: 'sign_in' })
  const signedIn = await inTransaction(services.pool, async (client) => {
    if (!(await deletePendingSignIn(client, pending.id))) throw new PendingSignInMissingError()
    return openSession(services, client, pending.account, step, check.method)
  })
  return { ...signedIn, nextPath: pending.nextPath, secondFactor: check.method, recoveryCodesLeft: check.recoveryCodesLeft }
}

/** What the set-up step shows for a pending sign-in: the QR code and key of the secret kept with it. */
export async function pendingSetUpView(services: Pick<SignInServices, 'secret'>, pending: OpenPendingSignIn): Promise<TwoFactorSetUpView> {
  return setUpView(decryptTotpSecret(pending.totpSecret!, services.secret), pending.account.email)
}

/**
 * The set-up step: a code from the newly set-up app proves it works; the
 * app is saved, 10 recovery codes made (for the page to show, once) and
 * the session started, together. Throws PendingSignInMissingError or
 * InvalidTwoFactorCodeError.
 */
export async function completeTwoFactorSetUp(
  services: SignInServices,
  step: SecondStep,
): Promise<SignedIn & { nextPath: string | null; recoveryCodes: string[] }> {
  const pending = await findOpenPendingSignIn(services, step.pendingToken)
  if (!pending || pending.stage !== 'set_up' || !pending.totpSecret) throw new PendingSignInMissingError()
  const secret = decryptTotpSecret(pending.totpSecret, services.secret)
  return inTransaction(services.pool, async (client) => {
    const recoveryCodes = await enableTwoFactor(services, client, {
      staffUserId: pending.account.id,
      secret,
      code: step.code,
      ip: step.ip,
      requestId: step.requestId,
    })
    if (!(await deletePendingSignIn(client, pending.id))) throw new PendingSignInMissingError()
    const signedIn = await openSession(services, client, pending.account, step, 'totp')
    return { ...signedIn, nextPath: pending.nextPath, recoveryCodes }
  })
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
  const owner = await touchSession(services.pool, id, { now, idleCutoff: idleCutoff(now), seenAgainCutoff: seenAgainCutoff(now) })
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
