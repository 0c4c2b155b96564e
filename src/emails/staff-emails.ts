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
 * 2. two attempts at once do not both make one: an advisory lock per link
 *    (1 and 2: deliverWithFreshLink in deliver-email.ts);
 * 3. a link no longer wanted (used, replaced by a newer one, account
 *    switched off, asked for longer ago than it would last) sends nothing.
 */
import { findStaffOfPasswordLink } from '../repositories/staff.js'
import { isTwoFactorRequired } from '../repositories/staff-two-factor.js'
import { issuePasswordLink, type IssuedPasswordLink, type PasswordLinkEmailKind } from '../domain/staff/password-links.js'
import { DEFAULT_TIME_ZONE, formatDate, formatTime } from '../domain/time/index.js'
import { deliverWithFreshLink, type ComposedEmail, type DeliveryAttempt, type DeliveryDeps, type DeliveryResult } from './deliver-email.js'
import { newAccount } from './messages/new-account.js'
import { passwordReset } from './messages/password-reset.js'
import { renderEmail } from './render-email.js'

const passwordLinkDedupeKey = (kind: PasswordLinkEmailKind, passwordLinkId: string) => `${kind}:${passwordLinkId}`

/** "6:30pm on Monday 2 March 2026 (UK time)" */
function linkExpiryText(expiresAt: Date, zone = DEFAULT_TIME_ZONE): string {
  return `${formatTime(expiresAt, zone)} on ${formatDate(expiresAt, zone)} (UK time)`
}

function passwordResetEmail(passwordLinkId: string, link: IssuedPasswordLink, publicUrl: string): ComposedEmail {
  const rendered = renderEmail(passwordReset, {
    staffName: link.recipient.name,
    resetUrl: link.url,
    expiresText: linkExpiryText(link.expiresAt),
    signInUrl: `${publicUrl}/sign-in`,
  })
  return { kind: 'password-reset', dedupeKey: passwordLinkDedupeKey('password-reset', passwordLinkId), to: link.recipient.email, ...rendered }
}

function newAccountEmail(
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

interface StaffEmailDeps extends DeliveryDeps {
  now: Date
}

type StaffEmailResult = DeliveryResult | 'not-needed'

/** Sends a password-reset or new-account email once, with a fresh link (see the top of this file). Throws to be retried. */
export function sendPasswordLinkEmail(
  deps: StaffEmailDeps,
  kind: PasswordLinkEmailKind,
  passwordLinkId: string,
  attempt: DeliveryAttempt,
): Promise<StaffEmailResult> {
  return deliverWithFreshLink(deps, passwordLinkDedupeKey(kind, passwordLinkId), attempt, async (client) => {
    const purpose = kind === 'password-reset' ? 'reset' : 'new_account'
    const link = await issuePasswordLink(client, passwordLinkId, deps.publicUrl, deps.now, purpose)
    if (!link) return undefined
    if (kind === 'password-reset') return passwordResetEmail(passwordLinkId, link, deps.publicUrl)
    const person = await findStaffOfPasswordLink(client, passwordLinkId)
    if (!person) return undefined
    return newAccountEmail(passwordLinkId, link, deps.publicUrl, {
      role: person.role,
      twoFactorRequired: await isTwoFactorRequired(client, person.id),
    })
  })
}
