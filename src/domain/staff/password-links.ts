import type pg from 'pg'
import { staffActor, type AuditLog } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { generateToken, hashToken, looksLikeToken } from '../booking/tokens.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import { findStaffByEmail } from '../../repositories/staff.js'
import {
  closePasswordLinksOfUser,
  countPasswordResetRequests,
  findUnusedPasswordLink,
  findUsablePasswordLink,
  insertPasswordLink,
  insertPasswordResetRequest,
  issuePasswordLinkToken,
  type PasswordLinkPurpose,
  type UsablePasswordLink,
} from '../../repositories/staff-password-links.js'
import { deletePendingSignInsOfUser } from '../../repositories/staff-pending-sign-ins.js'
import { setPassword } from './accounts.js'
import { StaffAuditActions } from './audit-actions.js'
import { accountKey, normaliseEmail } from './sign-in-throttle.js'

/**
 * Single-use links to set a password: a reset the person asks for on the
 * sign-in page, and the first password of an account an admin made.
 *
 * - The link's token is made when its email is sent (`issuePasswordLink`,
 *   from the send-email job), so the job queue never holds a secret; only
 *   the token's sha256 is stored. Sending again (a retry) makes a new token
 *   and the old one stops working.
 * - A reset link works for 1 hour after it is sent; a new account's for 24
 *   hours (people do not always read their email within the hour of an
 *   admin setting them up; the account has no usable password until then,
 *   and an expired link is replaced through "Forgotten your password?").
 * - Asking for a reset answers the same whether or not there is an account,
 *   and is limited to 3 per account and 10 per address in an hour (over
 *   that, the same answer and no email). A new link closes the person's
 *   earlier ones; using one closes them all.
 * - Setting the password ends every session of the person. Two-factor is
 *   left as it is: a reset link never signs anyone in.
 */

export const RESET_LINK_MS = 60 * 60 * 1000
export const NEW_ACCOUNT_LINK_MS = 60 * 60 * 1000
const RESET_REQUEST_WINDOW_MS = 60 * 60 * 1000
const MAX_RESET_REQUESTS_PER_ACCOUNT = 3
const MAX_RESET_REQUESTS_PER_ADDRESS = 10

function linkLifetime(purpose: PasswordLinkPurpose): number {
  return purpose === 'reset' ? RESET_LINK_MS : NEW_ACCOUNT_LINK_MS
}

interface JobAdder {
  add(task: string, payload: object, options?: { client?: pg.ClientBase }): Promise<void>
}

export interface PasswordLinkServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
  jobs: JobAdder
  /** SESSION_SECRET: keys the HMAC that names an account in the request counts. */
  secret: string
}

export type PasswordLinkEmailKind = 'password-reset' | 'new-account'

function emailKindFor(purpose: PasswordLinkPurpose): PasswordLinkEmailKind {
  return purpose === 'reset' ? 'password-reset' : 'new-account'
}

/**
 * Creates a link for this person and enqueues its email, inside the
 * caller's transaction. Earlier links of theirs stop working.
 */
export async function createPasswordLink(
  services: Pick<PasswordLinkServices, 'clock' | 'jobs'>,
  client: pg.ClientBase,
  staffUserId: string,
  purpose: PasswordLinkPurpose,
): Promise<string> {
  const now = services.clock.now()
  await closePasswordLinksOfUser(client, staffUserId, now)
  const passwordLinkId = await insertPasswordLink(client, { staffUserId, purpose, now })
  await services.jobs.add('send-email', { email: emailKindFor(purpose), passwordLinkId }, { client })
  return passwordLinkId
}

interface ResetRequest {
  email: string
  ip: string
  requestId?: string | null
}

/**
 * "Forgotten your password?": emails a reset link when there is an active
 * account with this address and the limits allow. Gives nothing back: the
 * page says the same whatever happened.
 */
export async function requestPasswordReset(services: PasswordLinkServices, request: ResetRequest): Promise<void> {
  const now = services.clock.now()
  const key = accountKey(request.email, services.secret)
  const origin = { ip: request.ip, requestId: request.requestId ?? null }
  const counts = await countPasswordResetRequests(services.pool, {
    accountKey: key,
    ip: request.ip,
    since: new Date(now.getTime() - RESET_REQUEST_WINDOW_MS),
  })
  if (counts.account >= MAX_RESET_REQUESTS_PER_ACCOUNT || counts.address >= MAX_RESET_REQUESTS_PER_ADDRESS) {
    await services.audit.record({
      actor: 'anonymous',
      action: StaffAuditActions.passwordResetRequested,
      result: 'denied',
      ...origin,
      details: { reason: 'rate_limited', limit: counts.account >= MAX_RESET_REQUESTS_PER_ACCOUNT ? 'account' : 'address' },
    })
    return
  }
  await insertPasswordResetRequest(services.pool, { accountKey: key, ip: request.ip, at: now })
  const account = await findStaffByEmail(services.pool, normaliseEmail(request.email))
  if (!account || !account.active) {
    await services.audit.record({
      actor: 'anonymous',
      action: StaffAuditActions.passwordResetRequested,
      result: 'failure',
      subjectType: account ? 'staff_user' : null,
      subjectId: account?.id ?? null,
      ...origin,
      details: { reason: account ? 'account_inactive' : 'unknown_account' },
    })
    return
  }
  await inTransaction(services.pool, async (client) => {
    const linkId = await createPasswordLink(services, client, account.id, 'reset')
    await services.audit.record(
      {
        actor: 'anonymous',
        action: StaffAuditActions.passwordResetRequested,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: account.id,
        ...origin,
        details: { passwordLinkId: linkId },
      },
      { client },
    )
  })
}

export interface IssuedPasswordLink {
  url: string
  expiresAt: Date
  purpose: PasswordLinkPurpose
  recipient: { name: string; email: string }
}

/** The page a link opens: `/password/reset/<token>` (the logger masks the token). */
function passwordLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/password/reset/${token}`
}

/**
 * Makes the link's token as its email is sent: null when the email is not
 * wanted any more (used, replaced by a newer link, account switched off or
 * gone, or asked for longer ago than the link would last: they will ask
 * again). Any token issued before stops working.
 */
export async function issuePasswordLink(
  db: Queryable,
  passwordLinkId: string,
  publicUrl: string,
  now: Date,
  purpose?: PasswordLinkPurpose,
): Promise<IssuedPasswordLink | null> {
  const link = await findUnusedPasswordLink(db, passwordLinkId)
  if (!link || (purpose !== undefined && link.purpose !== purpose)) return null
  const lifetime = linkLifetime(link.purpose)
  if (now.getTime() - link.createdAt.getTime() > lifetime) return null
  const { token, hash } = generateToken()
  const expiresAt = new Date(now.getTime() + lifetime)
  if (!(await issuePasswordLinkToken(db, { id: link.id, tokenHash: hash, issuedAt: now, expiresAt }))) return null
  return { url: passwordLinkUrl(publicUrl, token), expiresAt, purpose: link.purpose, recipient: { name: link.name, email: link.email } }
}

/** The link a token opens now, or null (unknown, used, replaced, expired, account switched off). */
export async function findPasswordLink(
  services: Pick<PasswordLinkServices, 'pool' | 'clock'>,
  token: string,
): Promise<UsablePasswordLink | null> {
  if (!looksLikeToken(token)) return null
  return findUsablePasswordLink(services.pool, hashToken(token), services.clock.now())
}

export class PasswordLinkUnusableError extends Error {
  constructor() {
    super('This link has expired or has already been used')
    this.name = 'PasswordLinkUnusableError'
  }
}

/**
 * Sets the password a link was for: checked against the password rules
 * (ValidationError on field `password`), every session of the person ends,
 * every link of theirs closes. PasswordLinkUnusableError when the link no
 * longer works (used a moment ago in another tab, say).
 */
export async function setPasswordWithLink(
  services: Pick<PasswordLinkServices, 'pool' | 'clock' | 'audit'>,
  change: { token: string; password: string; ip: string; requestId?: string | null },
): Promise<{ purpose: PasswordLinkPurpose; staffUserId: string }> {
  if (!looksLikeToken(change.token)) throw new PasswordLinkUnusableError()
  const now = services.clock.now()
  return inTransaction(services.pool, async (client) => {
    const link = await findUsablePasswordLink(client, hashToken(change.token), now, { forUpdate: true })
    if (!link) throw new PasswordLinkUnusableError()
    await setPassword(
      { pool: services.pool, clock: services.clock, audit: services.audit },
      {
        staffUserId: link.staffUserId,
        password: change.password,
        actor: staffActor(link.staffUserId),
        ip: change.ip,
        requestId: change.requestId ?? null,
        client,
        field: 'password',
      },
    )
    await closePasswordLinksOfUser(client, link.staffUserId, now)
    await deletePendingSignInsOfUser(client, link.staffUserId)
    await services.audit.record(
      {
        actor: staffActor(link.staffUserId),
        action: StaffAuditActions.passwordLinkUsed,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: link.staffUserId,
        ip: change.ip,
        requestId: change.requestId ?? null,
        details: { purpose: link.purpose, passwordLinkId: link.id },
      },
      { client },
    )
    return { purpose: link.purpose, staffUserId: link.staffUserId }
  })
}
