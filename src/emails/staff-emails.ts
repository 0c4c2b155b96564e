/**
 * Staff emails with a link to set a password: a reset asked for on the
 * sign-in page, and a new account an admin made (send-email jobs
 * `{ email: 'password-reset' | 'new-account', passwordLinkId }`, enqueued by
 * src/domain/staff/password-links.ts in the request's own transaction).
 *
 * The link's token is made here, as the email is sent, and only its hash is
 * stored: the job queue holds nothing secret. As with the invitation email
 * (see invitation-email.ts, whose order this follows):
 * 1. a retry of a message SMTP already accepted makes no new token (that
 *    would break the link in the email the person has): the delivery is
 *    checked first;
 * 2. two attempts at once do not both make one: an advisory lock per link;
 * 3. a link no longer wanted (used, replaced by a newer one, account
 *    switched off, asked for longer ago than it would last) sends nothing.
 */
import type pg from 'pg'
import { isTwoFactorRequired } from '../repositories/staff-two-factor.js'
import { issuePasswordLink, type IssuedPasswordLink, type PasswordLinkEmailKind } from '../domain/staff/password-links.js'
import { DEFAULT_TIME_ZONE, formatDate, formatTime } from '../domain/time/index.js'
import type { Mailer } from '../plugins/app/mailer.js'
import { deliverEmail, type ComposedEmail, type DeliveryAttempt, type DeliveryResult } from './deliver-email.js'
import { newAccount } from './messages/new-account.js'
import { passwordReset } from './messages/password-reset.js'
import { renderEmail } from './render-email.js'

export const passwordLinkDedupeKey = (kind: PasswordLinkEmailKind, passwordLinkId: string) => `${kind}:${passwordLinkId}`

/** "6:30pm on Monday 2 March 2026 (UK time)" */
export function linkExpiryText(expiresAt: Date, zone = DEFAULT_TIME_ZONE): string {
  return `${formatTime(expiresAt, zone)} on ${formatDate(expiresAt, zone)} (UK time)`
}

export function passwordResetEmail(passwordLinkId: string, link: IssuedPasswordLink, publicUrl: string): ComposedEmail {
  const rendered = renderEmail(passwordReset, {
    staffName: link.recipient.name,
    resetUrl: link.url,
    expiresText: linkExpiryText(link.expiresAt),
    signInUrl: `${publicUrl}/sign-in`,
  })
  return { kind: 'password-reset', dedupeKey: passwordLinkDedupeKey('password-reset', passwordLinkId), to: link.recipient.email, ...rendered }
}

export function newAccountEmail(
  passwordLinkId: string,
  link: IssuedPasswordLink,
  publicUrl: string,
  details: { role: 'coach' | 'admin'; twoFactorRequired: boolean },
): ComposedEmail {
  const rendered = renderEmail(newAccount, {
    staffName: link.recipient.name,
    roleText: details.role === 'admin' ? 'an admin (programme team)' : 'a coach',
    setPasswordUrl: link.url,
    expiresText: linkExpiryText(link.expiresAt),
    signInUrl: `${publicUrl}/sign-in`,
    twoFactorRequired: details.twoFactorRequired,
  })
  return { kind: 'new-account', dedupeKey: passwordLinkDedupeKey('new-account', passwordLinkId), to: link.recipient.email, ...rendered }
}

export interface StaffEmailDeps {
  pool: pg.Pool
  mailer: Pick<Mailer, 'send'>
  publicUrl: string
  now: Date
}

export type StaffEmailResult = DeliveryResult | 'not-needed'

export class StaffEmailBusyError extends Error {
  constructor() {
    super('This email is being sent by another attempt')
    this.name = 'StaffEmailBusyError'
  }
}

/** Sends a password-reset or new-account email once, with a fresh link (see the top of this file). Throws to be retried. */
export async function sendPasswordLinkEmail(
  deps: StaffEmailDeps,
  kind: PasswordLinkEmailKind,
  passwordLinkId: string,
  attempt: DeliveryAttempt,
): Promise<StaffEmailResult> {
  const dedupeKey = passwordLinkDedupeKey(kind, passwordLinkId)
  const client = await deps.pool.connect()
  let locked = false
  try {
    const lock = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [dedupeKey])
    locked = lock.rows[0]?.locked === true
    if (!locked) throw new StaffEmailBusyError()

    const delivery = await client.query<{ status: string; recent: boolean }>(
      `SELECT status, updated_at > now() - interval '5 minutes' AS recent FROM email_deliveries WHERE dedupe_key = $1`,
      [dedupeKey],
    )
    const previous = delivery.rows[0]
    if (previous?.status === 'sent') return 'already-sent'
    if (previous?.status === 'sending' && previous.recent) throw new StaffEmailBusyError()

    const purpose = kind === 'password-reset' ? 'reset' : 'new_account'
    const link = await issuePasswordLink(client, passwordLinkId, deps.publicUrl, deps.now, purpose)
    if (!link) return 'not-needed'
    let email: ComposedEmail
    if (kind === 'password-reset') {
      email = passwordResetEmail(passwordLinkId, link, deps.publicUrl)
    } else {
      const { rows } = await client.query<{ id: string; role: 'coach' | 'admin' }>(
        `SELECT u.id, u.role FROM staff_password_links l JOIN staff_users u ON u.id = l.staff_user_id WHERE l.id = $1`,
        [passwordLinkId],
      )
      const person = rows[0]
      if (!person) return 'not-needed'
      email = newAccountEmail(passwordLinkId, link, deps.publicUrl, {
        role: person.role,
        twoFactorRequired: await isTwoFactorRequired(client, person.id),
      })
    }
    return await deliverEmail(deps, email, attempt)
  } finally {
    let broken = false
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [dedupeKey]).catch(() => (broken = true))
    }
    // A connection that may still hold the lock is closed rather than returned to the pool.
    client.release(broken)
  }
}
