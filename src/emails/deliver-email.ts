import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Mailer, OutgoingEmail } from '../plugins/app/mailer.js'
import {
  claimEmailDelivery,
  findEmailDeliveryState,
  markEmailDeliverySent,
  recordFailedEmailAttempt,
  withEmailDeliveryLock,
} from '../repositories/email-deliveries.js'
import type { ManageTokenRecord } from '../repositories/manage-tokens.js'
import type { WaitlistTokenRecord } from '../repositories/waitlist.js'

/**
 * Sends one composed email at most once per dedupe key, however often the job
 * runs: a delivery row records SMTP's acceptance, and a retry that finds it
 * does nothing. Only a crash between SMTP accepting and the row being marked
 * can send a second copy, and that copy carries the same Message-ID, so mail
 * clients treat it as the same message.
 */

export interface ComposedEmail extends Omit<OutgoingEmail, 'messageId'> {
  kind: string
  dedupeKey: string
  bookingId?: string
  invitationId?: string
  /** The manage link in the email (manage-link-for-email.ts), stored by the claim, before the email goes. */
  manageToken?: ManageTokenRecord
  /** The same for a waitlist email's link (waitlist-emails.ts). */
  waitlistToken?: WaitlistTokenRecord
}

export interface DeliveryAttempt {
  /** The job's payload, kept so an admin can send a failed message again. */
  jobPayload: object
  /** True on the job's last attempt: a failure then marks the delivery failed for admins. */
  isLastAttempt: boolean
}

export type DeliveryResult = 'sent' | 'already-sent'

export interface DeliveryDeps {
  pool: pg.Pool
  mailer: Pick<Mailer, 'send'>
  publicUrl: string
}

/** Another attempt is sending this email right now (or crashed doing so minutes ago): the job tries again later. */
class EmailBusyError extends Error {
  constructor() {
    super('This email is being sent by another attempt')
    this.name = 'EmailBusyError'
  }
}

export function messageIdFor(dedupeKey: string, publicUrl: string): string {
  const digest = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)
  return `<${digest}@${new URL(publicUrl).hostname}>`
}

export async function deliverEmail(deps: DeliveryDeps, email: ComposedEmail, attempt: DeliveryAttempt): Promise<DeliveryResult> {
  const { manageToken, waitlistToken, ...outgoing } = email
  const messageId = messageIdFor(email.dedupeKey, deps.publicUrl)
  // The email's manage link is written in the same statement: a link that is never sent (the email went already, or
  // another attempt is sending it) is a hash nobody holds, and opens nothing.
  const id = await claimEmailDelivery(deps.pool, {
    dedupeKey: email.dedupeKey,
    kind: email.kind,
    bookingId: email.bookingId ?? null,
    invitationId: email.invitationId ?? null,
    recipient: email.to,
    subject: email.subject,
    messageId,
    jobPayload: attempt.jobPayload,
    manageToken,
    waitlistToken,
  })
  if (!id) {
    if ((await findEmailDeliveryState(deps.pool, email.dedupeKey))?.status === 'sent') return 'already-sent'
    throw new EmailBusyError()
  }

  try {
    await deps.mailer.send({ ...outgoing, messageId })
  } catch (error) {
    await recordFailedEmailAttempt(deps.pool, id, describeSmtpError(error), attempt.isLastAttempt)
    throw error
  }
  await markEmailDeliverySent(deps.pool, id)
  return 'sent'
}

/**
 * For an email that carries a link made as it is sent (the invitation, staff
 * password links: see the top of invitation-email.ts): `compose` makes the
 * link and the email under an advisory lock per dedupe key, and is not called
 * at all when the email was sent already (a new link would break the one the
 * person has) or another attempt is sending it. `compose` returns undefined
 * when the email is no longer wanted.
 */
export async function deliverWithFreshLink(
  deps: DeliveryDeps,
  dedupeKey: string,
  attempt: DeliveryAttempt,
  compose: (client: pg.PoolClient) => Promise<ComposedEmail | undefined>,
): Promise<DeliveryResult | 'not-needed'> {
  const outcome = await withEmailDeliveryLock(deps.pool, dedupeKey, async (client): Promise<DeliveryResult | 'not-needed'> => {
    // Mirrors deliverEmail's claim: only make a link when this attempt will be allowed to send it.
    const previous = await findEmailDeliveryState(client, dedupeKey)
    if (previous?.status === 'sent') return 'already-sent'
    if (previous?.status === 'sending' && previous.touchedRecently) throw new EmailBusyError()

    const email = await compose(client)
    if (!email) return 'not-needed'
    return await deliverEmail(deps, email, attempt)
  })
  if (!outcome.locked) throw new EmailBusyError()
  return outcome.value
}

/** What an admin needs to see of a failure, without the addresses SMTP errors often quote. */
function describeSmtpError(error: unknown): string {
  const err = error as { code?: string; responseCode?: number; message?: string }
  const parts = [err.code, err.responseCode].filter(Boolean).join(' ')
  const message = (err.message ?? String(error)).replace(/\S+@\S+/g, '[address]').slice(0, 300)
  return parts ? `${parts}: ${message}` : message
}
