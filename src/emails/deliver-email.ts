import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Mailer, OutgoingEmail } from '../plugins/app/mailer.js'

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
}

export interface DeliveryAttempt {
  /** The job's payload, kept so an admin can send a failed message again. */
  jobPayload: object
  /** True on the job's last attempt: a failure then marks the delivery failed for admins. */
  isLastAttempt: boolean
}

export type DeliveryResult = 'sent' | 'already-sent'

export function messageIdFor(dedupeKey: string, publicUrl: string): string {
  const digest = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)
  return `<${digest}@${new URL(publicUrl).hostname}>`
}

export async function deliverEmail(
  deps: { pool: pg.Pool; mailer: Pick<Mailer, 'send'>; publicUrl: string },
  email: ComposedEmail,
  attempt: DeliveryAttempt,
): Promise<DeliveryResult> {
  const messageId = messageIdFor(email.dedupeKey, deps.publicUrl)
  const claimed = await deps.pool.query(
    `INSERT INTO email_deliveries (dedupe_key, kind, booking_id, invitation_id, recipient, subject, message_id, job_payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (dedupe_key) DO UPDATE
        SET attempts = email_deliveries.attempts + 1, status = 'sending', updated_at = now(),
            recipient = EXCLUDED.recipient, subject = EXCLUDED.subject
      WHERE email_deliveries.status IN ('waiting', 'failed')
         OR (email_deliveries.status = 'sending' AND email_deliveries.updated_at < now() - interval '5 minutes')
     RETURNING id`,
    [
      email.dedupeKey,
      email.kind,
      email.bookingId ?? null,
      email.invitationId ?? null,
      email.to,
      email.subject,
      messageId,
      JSON.stringify(attempt.jobPayload),
    ],
  )
  const id = claimed.rows[0]?.id as string | undefined
  if (!id) {
    const { rows } = await deps.pool.query('SELECT status FROM email_deliveries WHERE dedupe_key = $1', [email.dedupeKey])
    if (rows[0]?.status === 'sent') return 'already-sent'
    // Another worker is sending it right now (or crashed doing so minutes ago): try again later.
    throw new Error('This email is being sent by another attempt')
  }

  try {
    await deps.mailer.send({ ...email, messageId })
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
  await deps.pool.query(
    `UPDATE email_deliveries SET status = 'sent', sent_at = now(), updated_at = now(), last_error = NULL WHERE id = $1`,
    [id],
  )
  return 'sent'
}

/** What an admin needs to see of a failure, without the addresses SMTP errors often quote. */
function describeSmtpError(error: unknown): string {
  const err = error as { code?: string; responseCode?: number; message?: string }
  const parts = [err.code, err.responseCode].filter(Boolean).join(' ')
  const message = (err.message ?? String(error)).replace(/\S+@\S+/g, '[address]').slice(0, 300)
  return parts ? `${parts}: ${message}` : message
}
