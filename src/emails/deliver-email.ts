import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Mailer, OutgoingEmail } from '../plugins/app/mailer.js'
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
  const claimed = await deps.pool.query({
    name: 'claim-email-delivery',
    text: `WITH manage_link AS (
       INSERT INTO booking_manage_tokens (booking_id, token_hash, expires_at, created_at)
       SELECT $9::uuid, $10::text, $11::timestamptz, $12::timestamptz WHERE $9::uuid IS NOT NULL
     ), waitlist_link AS (
       INSERT INTO waitlist_manage_tokens (entry_id, token_hash, expires_at, created_at)
       SELECT $13::uuid, $14::text, $15::timestamptz, $16::timestamptz WHERE $13::uuid IS NOT NULL
     )
     INSERT INTO email_deliveries (dedupe_key, kind, booking_id, invitation_id, recipient, subject, message_id, job_payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (dedupe_key) DO UPDATE
        SET attempts = email_deliveries.attempts + 1, status = 'sending', updated_at = now(),
            recipient = EXCLUDED.recipient, subject = EXCLUDED.subject
      WHERE email_deliveries.status IN ('waiting', 'failed')
         OR (email_deliveries.status = 'sending' AND email_deliveries.updated_at < now() - interval '5 minutes')
     RETURNING id`,
    values: [
      email.dedupeKey,
      email.kind,
      email.bookingId ?? null,
      email.invitationId ?? null,
      email.to,
      email.subject,
      messageId,
      JSON.stringify(attempt.jobPayload),
      manageToken?.bookingId ?? null,
      manageToken?.tokenHash ?? null,
      manageToken?.expiresAt ?? null,
      manageToken?.now ?? null,
      waitlistToken?.entryId ?? null,
      waitlistToken?.tokenHash ?? null,
      waitlistToken?.expiresAt ?? null,
      waitlistToken?.now ?? null,
    ],
  })
  const id = claimed.rows[0]?.id as string | undefined
  if (!id) {
    const { rows } = await deps.pool.query('SELECT status FROM email_deliveries WHERE dedupe_key = $1', [email.dedupeKey])
    if (rows[0]?.status === 'sent') return 'already-sent'
    throw new EmailBusyError()
  }

  try {
    await deps.mailer.send({ ...outgoing, messageId })
  } catch (error) {
    await deps.pool.query(
      `UPDATE email_deliveries
          SET last_error = $2, updated_at = now(),
              status = CASE WHEN $3 THEN 'failed' ELSE 'waiting' END,
              failed_at = CASE WHEN $3 THEN now() ELSE failed_at END
        WHERE id = $1`,
      [id, describeSmtpError(error), attempt.isLastAttempt],
    )
    throw error
  }
  await deps.pool.query({
    name: 'email-delivery-sent',
    text: `UPDATE email_deliveries SET status = 'sent', sent_at = now(), updated_at = now(), last_error = NULL WHERE id = $1`,
    values: [id],
  })
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
  const client = await deps.pool.connect()
  let locked = false
  try {
    const lock = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [dedupeKey])
    locked = lock.rows[0]?.locked === true
    if (!locked) throw new EmailBusyError()

    // Mirrors deliverEmail's claim: only make a link when this attempt will be allowed to send it.
    const delivery = await client.query<{ status: string; recent: boolean }>(
      `SELECT status, updated_at > now() - interval '5 minutes' AS recent FROM email_deliveries WHERE dedupe_key = $1`,
      [dedupeKey],
    )
    const previous = delivery.rows[0]
    if (previous?.status === 'sent') return 'already-sent'
    if (previous?.status === 'sending' && previous.recent) throw new EmailBusyError()

    const email = await compose(client)
    if (!email) return 'not-needed'
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

/** What an admin needs to see of a failure, without the addresses SMTP errors often quote. */
function describeSmtpError(error: unknown): string {
  const err = error as { code?: string; responseCode?: number; message?: string }
  const parts = [err.code, err.responseCode].filter(Boolean).join(' ')
  const message = (err.message ?? String(error)).replace(/\S+@\S+/g, '[address]').slice(0, 300)
  return parts ? `${parts}: ${message}` : message
}
