import type pg from 'pg'
import { staffActor, type AuditLog } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { findStaffById, type StaffAccount } from '../../repositories/staff.js'
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  deleteTwoFactor,
  findTwoFactor,
  isTwoFactorRequired,
  replaceRecoveryCodes,
  saveTwoFactor,
  useRecoveryCode,
} from '../../repositories/staff-two-factor.js'
import { countSignInFailures, insertSignInFailure } from '../../repositories/staff-sign-in-failures.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import { StaffAuditActions } from './audit-actions.js'
import { InvalidTwoFactorCodeError, TooManySignInAttemptsError } from './errors.js'
import { MAX_FAILURES_PER_ACCOUNT, accountKey, isThrottled, windowStart } from './sign-in-throttle.js'
import {
  decryptTotpSecret,
  encryptTotpSecret,
  formatTotpSecret,
  looksLikeTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  seal,
  totpQrCodeDataUrl,
  totpUri,
  unseal,
  verifyTotp,
} from './two-factor.js'

/**
 * Two-factor sign-in with storage: checking a person's code (from their app,
 * or one of their recovery codes) with the sign-in rate limits, setting up
 * an app, new recovery codes, turning it off. The sign-in steps that use
 * these are in sign-in.ts.
 */

interface TwoFactorServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
  /** SESSION_SECRET: keys the secrets' encryption and the rate-limit account key. */
  secret: string
}

interface CodeOrigin {
  ip: string
  requestId?: string | null
}

export type SecondFactorMethod = 'totp' | 'recovery_code'

type SecondFactorCheck =
  | { ok: true; method: SecondFactorMethod; recoveryCodesLeft: number | null }
  | { ok: false }

/**
 * Checks a code for this person: six digits against their app (each code
 * once: a code of an earlier or the same 30-second step is refused), anything
 * else as a recovery code (used up by this). Records nothing.
 */
async function checkSecondFactor(
  services: Pick<TwoFactorServices, 'secret'>,
  db: Queryable,
  staffUserId: string,
  code: string,
  now: Date,
): Promise<SecondFactorCheck> {
  const stored = await findTwoFactor(db, staffUserId)
  if (!stored) return { ok: false }
  if (looksLikeTotpCode(code)) {
    let secret: string
    try {
      secret = decryptTotpSecret(stored.totpSecret, services.secret)
    } catch {
      // SESSION_SECRET changed since it was set up: the app's codes cannot be checked (see two-factor.ts).
      return { ok: false }
    }
    const check = verifyTotp(secret, code, now, stored.lastUsedStep)
    if (!check.ok || !(await claimTotpStep(db, staffUserId, check.step))) return { ok: false }
    return { ok: true, method: 'totp', recoveryCodesLeft: null }
  }
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (normalised.length !== 12) return { ok: false }
  if (!(await useRecoveryCode(db, staffUserId, recoveryCodeHash(normalised), now))) return { ok: false }
  return { ok: true, method: 'recovery_code', recoveryCodesLeft: await countUnusedRecoveryCodes(db, staffUserId) }
}

/**
 * A code given by a person, held to the sign-in limits (a wrong code counts
 * as a failed sign-in of the account and the address; over the limit the
 * code is not even checked). Throws TooManySignInAttemptsError or
 * InvalidTwoFactorCodeError; records the failure, and the use of a recovery code.
 */
export async function verifyCodeWithLimits(
  services: TwoFactorServices,
  account: Pick<StaffAccount, 'id' | 'email'>,
  code: string,
  origin: CodeOrigin & { context: 'sign_in' | 'settings' },
): Promise<Extract<SecondFactorCheck, { ok: true }>> {
  const now = services.clock.now()
  const key = accountKey(account.email, services.secret)
  const common = {
    subjectType: 'staff_user',
    subjectId: account.id,
    ip: origin.ip,
    requestId: origin.requestId ?? null,
  }
  const actor = origin.context === 'settings' ? staffActor(account.id) : 'anonymous'
  const counts = await countSignInFailures(services.pool, { accountKey: key, ip: origin.ip, since: windowStart(now) })
  if (isThrottled(counts)) {
    await services.audit.record({
      actor,
      action: StaffAuditActions.twoFactorFailed,
      result: 'denied',
      ...common,
      details: {
        reason: 'rate_limited',
        context: origin.context,
        limit: counts.account >= MAX_FAILURES_PER_ACCOUNT ? 'account' : 'address',
      },
    })
    throw new TooManySignInAttemptsError()
  }
  const check = await checkSecondFactor(services, services.pool, account.id, code, now)
  if (!check.ok) {
    await insertSignInFailure(services.pool, { accountKey: key, ip: origin.ip, at: now })
    await services.audit.record({
      actor,
      action: StaffAuditActions.twoFactorFailed,
      result: 'failure',
      ...common,
      details: { reason: looksLikeTotpCode(code) ? 'wrong_code' : 'wrong_recovery_code', context: origin.context },
    })
    throw new InvalidTwoFactorCodeError()
  }
  if (check.method === 'recovery_code') {
    await services.audit.record({
      actor: staffActor(account.id),
      action: StaffAuditActions.recoveryCodeUsed,
      result: 'success',
      ...common,
      details: { recoveryCodesLeft: check.recoveryCodesLeft ?? 0, context: origin.context },
    })
  }
  return check
}

/** What the set-up page shows: a QR code for the app, and the key to type in instead. */
export interface TwoFactorSetUpView {
  qrCodeDataUrl: string
  /** The key in groups of four. */
  secretText: string
}

export async function setUpView(secret: string, accountEmail: string): Promise<TwoFactorSetUpView> {
  return { qrCodeDataUrl: await totpQrCodeDataUrl(totpUri(secret, accountEmail)), secretText: formatTotpSecret(secret) }
}

export { newTotpSecret }

/**
 * Saves a person's new app, once they have typed a code it shows (so we
 * know it is set up right), and gives them 10 new recovery codes to keep:
 * the only time these are shown. Inside the caller's transaction. Throws
 * InvalidTwoFactorCodeError when the code does not match the secret. Such a
 * wrong code is a typo, not an attack (the person is looking at the secret),
 * so it does not count towards the sign-in limits.
 */
export async function enableTwoFactor(
  services: TwoFactorServices,
  client: pg.ClientBase,
  change: { staffUserId: string; secret: string; code: string; ip: string; requestId?: string | null },
): Promise<string[]> {
  const now = services.clock.now()
  const check = verifyTotp(change.secret, change.code, now)
  if (!check.ok) throw new InvalidTwoFactorCodeError('The code is not right. Enter the 6-digit code your authenticator app shows now')
  const replacing = (await findTwoFactor(client, change.staffUserId)) !== null
  await saveTwoFactor(client, {
    staffUserId: change.staffUserId,
    totpSecret: encryptTotpSecret(change.secret, services.secret),
    lastUsedStep: check.step,
    enabledAt: now,
  })
  const codes = newRecoveryCodes()
  await replaceRecoveryCodes(client, change.staffUserId, codes.map(recoveryCodeHash), now)
  await services.audit.record(
    {
      actor: staffActor(change.staffUserId),
      action: StaffAuditActions.twoFactorSetUp,
      result: 'success',
      subjectType: 'staff_user',
      subjectId: change.staffUserId,
      ip: change.ip,
      requestId: change.requestId ?? null,
      details: { replacing, recoveryCodes: codes.length },
    },
    { client },
  )
  return codes
}

interface TwoFactorStatus {
  enabled: boolean
  enabledAt: Date | null
  recoveryCodesLeft: number
  /** Admins, and coaches on a programme that requires it, cannot turn it off. */
  required: boolean
}

export async function twoFactorStatus(db: Queryable, staffUserId: string): Promise<TwoFactorStatus> {
  const stored = await findTwoFactor(db, staffUserId)
  return {
    enabled: stored !== null,
    enabledAt: stored?.enabledAt ?? null,
    recoveryCodesLeft: stored ? await countUnusedRecoveryCodes(db, staffUserId) : 0,
    required: await isTwoFactorRequired(db, staffUserId),
  }
}

async function accountOf(services: TwoFactorServices, staffUserId: string): Promise<StaffAccount> {
  const account = await findStaffById(services.pool, staffUserId)
  if (!account) throw new NotFoundError('There is no staff account with that id')
  return account
}

/** New recovery codes for a signed-in person, after a code from their app (or a recovery code). */
export async function replaceRecoveryCodesWithCode(
  services: TwoFactorServices,
  change: { staffUserId: string; code: string; ip: string; requestId?: string | null },
): Promise<string[]> {
  const account = await accountOf(services, change.staffUserId)
  await verifyCodeWithLimits(services, account, change.code, { ip: change.ip, requestId: change.requestId, context: 'settings' })
  const codes = newRecoveryCodes()
  await inTransaction(services.pool, async (client) => {
    await replaceRecoveryCodes(client, account.id, codes.map(recoveryCodeHash), services.clock.now())
    await services.audit.record(
      {
        actor: staffActor(account.id),
        action: StaffAuditActions.recoveryCodesReplaced,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: account.id,
        ip: change.ip,
        requestId: change.requestId ?? null,
        details: { recoveryCodes: codes.length },
      },
      { client },
    )
  })
  return codes
}

/** Turns two-factor off for a person who may go without it, after a code. ForbiddenError when it is required. */
export async function turnOffTwoFactor(
  services: TwoFactorServices,
  change: { staffUserId: string; code: string; ip: string; requestId?: string | null },
): Promise<void> {
  const account = await accountOf(services, change.staffUserId)
  if (await isTwoFactorRequired(services.pool, account.id)) {
    throw new ForbiddenError('You cannot turn off two-factor sign-in: your role needs it')
  }
  await verifyCodeWithLimits(services, account, change.code, { ip: change.ip, requestId: change.requestId, context: 'settings' })
  await inTransaction(services.pool, async (client) => {
    await deleteTwoFactor(client, account.id)
    await services.audit.record(
      {
        actor: staffActor(account.id),
        action: StaffAuditActions.twoFactorTurnedOff,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: account.id,
        ip: change.ip,
        requestId: change.requestId ?? null,
      },
      { client },
    )
  })
}

/**
 * The account page's set-up form carries its new secret back sealed (the
 * page shows the secret anyway), bound to the person and to an end time, so
 * the server keeps nothing between showing the QR code and the code typed.
 */
const SET_UP_PURPOSE = 'totp-set-up'
const SET_UP_FORM_MS = 30 * 60 * 1000

export function sealSetUpSecret(secret: string, staffUserId: string, now: Date, sessionSecret: string): string {
  return seal(JSON.stringify({ s: secret, u: staffUserId, e: now.getTime() + SET_UP_FORM_MS }), sessionSecret, SET_UP_PURPOSE)
}

/** The secret a set-up form carried, when it is this person's and not too old; null otherwise. */
export function openSetUpSecret(sealed: string, staffUserId: string, now: Date, sessionSecret: string): string | null {
  try {
    const { s, u, e } = JSON.parse(unseal(sealed, sessionSecret, SET_UP_PURPOSE)) as { s: unknown; u: unknown; e: unknown }
    if (typeof s !== 'string' || u !== staffUserId || typeof e !== 'number' || e <= now.getTime()) return null
    return s
  } catch {
    return null
  }
}
