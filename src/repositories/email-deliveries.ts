/**
 * The deliveries rows that make each email go at most once (see src/emails/deliver-email.ts): claimed by its
 * dedupe key before SMTP is asked, then marked sent or failed; and the lock an email whose link is made as it
 * is sent is composed under.
 */
import type pg from 'pg'
import { prepared, type Queryable } from './db.js'
import type { ManageTokenRecord } from './manage-tokens.js'
import type { EmailDelivery } from './rows.js'
import type { WaitlistTokenRecord } from './waitlist.js'

/** Hand-typed: the migration's CHECK limits the column to these, which Prisma cannot declare. */
export type EmailDeliveryStatus = 'sending' | 'waiting' | 'sent' | 'failed'

export type EmailDeliveryClaim = Pick<EmailDelivery, 'dedupeKey' | 'kind' | 'bookingId' | 'invitationId' | 'recipient' | 'subject' | 'messageId'> & {
  /** The job's payload (a JSON column), kept so an admin can send a failed message again. */
  jobPayload: object
  /** A link in the email, stored by the same statement as the claim. */
  manageToken?: ManageTokenRecord
  waitlistToken?: WaitlistTokenRecord
}

/**
 * Claims the email for this attempt: a new row, or one whose last attempt failed, or one an attempt started over 5
 * minutes ago and never finished (it crashed). Returns the row's id, or undefined when it was sent already or
 * another attempt is sending it. The email's link is written in the same statement: a link that is never sent is
 * a hash nobody holds, and opens nothing.
 */
export async function claimEmailDelivery(db: Queryable, claim: EmailDeliveryClaim): Promise<EmailDelivery['id'] | undefined> {
  const { manageToken, waitlistToken } = claim
  const { rows } = await db.query<Pick<EmailDelivery, 'id'>>(
    prepared(
      'claim-email-delivery',
      `WITH manage_link AS (
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
      [
        claim.dedupeKey,
        claim.kind,
        claim.bookingId,
        claim.invitationId,
        claim.recipient,
        claim.subject,
        claim.messageId,
        JSON.stringify(claim.jobPayload),
        manageToken?.bookingId ?? null,
        manageToken?.tokenHash ?? null,
        manageToken?.expiresAt ?? null,
        manageToken?.now ?? null,
        waitlistToken?.entryId ?? null,
        waitlistToken?.tokenHash ?? null,
        waitlistToken?.expiresAt ?? null,
        waitlistToken?.now ?? null,
      ],
    ),
  )
  return rows[0]?.id
}

export interface EmailDeliveryState {
  status: EmailDeliveryStatus
  /** Changed in the last 5 minutes: an attempt `sending` since then may still be under way (claimEmailDelivery). */
  touchedRecently: boolean
}

/** Where the email with this dedupe key stands; undefined when no attempt has claimed it yet. */
export async function findEmailDeliveryState(db: Queryable, dedupeKey: string): Promise<EmailDeliveryState | undefined> {
  const { rows } = await db.query<EmailDeliveryState>(
    `SELECT status, updated_at > now() - interval '5 minutes' AS "touchedRecently" FROM email_deliveries WHERE dedupe_key = $1`,
    [dedupeKey],
  )
  return rows[0]
}

/** SMTP refused the claimed email: waiting for the job's next attempt, or failed when this was its last. */
export async function recordFailedEmailAttempt(db: Queryable, id: string, error: string, lastAttempt: boolean): Promise<void> {
  await db.query(
    `UPDATE email_deliveries
          SET last_error = $2, updated_at = now(),
              status = CASE WHEN $3 THEN 'failed' ELSE 'waiting' END,
              failed_at = CASE WHEN $3 THEN now() ELSE failed_at END
        WHERE id = $1`,
    [id, error, lastAttempt],
  )
}

/** SMTP accepted the claimed email: no attempt sends it again. */
export async function markEmailDeliverySent(db: Queryable, id: string): Promise<void> {
  await db.query(
    prepared('email-delivery-sent', `UPDATE email_deliveries SET status = 'sent', sent_at = now(), updated_at = now(), last_error = NULL WHERE id = $1`, [id]),
  )
}

/**
 * Runs `work` on a connection of its own that holds a session advisory lock on the email's dedupe key, so two
 * attempts at one email never both make its link; `{ locked: false }`, without calling `work`, when another
 * session holds the lock. A session's lock, outside any transaction: what `work` writes on the client commits as
 * it goes. A connection that may still hold the lock afterwards is closed rather than returned to the pool.
 */
export async function withEmailDeliveryLock<T>(
  pool: pg.Pool,
  dedupeKey: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const client = await pool.connect()
  let locked = false
  try {
    const lock = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [dedupeKey])
    locked = lock.rows[0]?.locked === true
    if (!locked) return { locked: false }
    return { locked: true, value: await work(client) }
  } finally {
    let broken = false
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [dedupeKey]).catch(() => (broken = true))
    }
    client.release(broken)
  }
}
