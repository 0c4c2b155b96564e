/**
 * "Get a new link" on the "This link does not work" page (issue 7): the
 * candidate enters their email address and, if, and only if, a live or
 * recent booking exists for it, a new manage link is emailed (a `send-email`
 * job `new-manage-link`, enqueued in the same transaction). The answer is the
 * same either way, and so is the work done before it, as far as it can be.
 *
 * Rate limits, like sign-in's: a few requests per address per hour (an HMAC
 * of the address is stored, never the address) and more per IP; over either,
 * nothing is sent and the answer is still the same.
 */
import { createHmac, randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Clock } from '../clock.js'
import { FOLLOW_UP_LINK_DAYS } from '../notes/follow-up-links.js'
import { normaliseEmail } from '../staff/sign-in-throttle.js'
import { inTransaction } from '../../repositories/db.js'
import type { JobQueue } from '../../plugins/app/jobs.js'

export const NEW_LINK_WINDOW_MS = 60 * 60 * 1000
export const MAX_NEW_LINKS_PER_EMAIL = 3
export const MAX_NEW_LINKS_PER_IP = 20
/** A booking that ended longer ago than this is not "recent": no new link for it. */
export const RECENT_BOOKING_DAYS = FOLLOW_UP_LINK_DAYS
export const MAX_EMAIL_LENGTH = 320

const DAY_MS = 24 * 60 * 60 * 1000
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface NewLinkDeps {
  pool: pg.Pool
  clock: Clock
  jobs: Pick<JobQueue, 'add'>
  /** Keys the HMAC of email addresses (the session secret). */
  secret: string
}

export type NewLinkOutcome = 'sent' | 'no-booking' | 'throttled'

/** The problem with a typed email address, or null. */
export function emailProblem(email: string): string | null {
  const trimmed = email.trim()
  if (trimmed === '') return 'Enter your email address'
  if (trimmed.length > MAX_EMAIL_LENGTH || !EMAIL.test(trimmed)) {
    return 'Enter an email address in the correct format, like name@example.com'
  }
  return null
}

export function emailKey(email: string, secret: string): string {
  return createHmac('sha256', secret).update(`new-manage-link:${normaliseEmail(email)}`).digest('hex')
}

/**
 * Records the request and, within the limits, enqueues a new link for the
 * booking this address has: its next live one, otherwise its most recent one
 * (not cancelled, ended within RECENT_BOOKING_DAYS). Says what happened, for
 * tests and logs only: the page answers the same whatever it is.
 */
export async function requestNewManageLink(deps: NewLinkDeps, input: { email: string; ip: string }): Promise<NewLinkOutcome> {
  const now = deps.clock.now()
  const key = emailKey(input.email, deps.secret)
  const since = new Date(now.getTime() - NEW_LINK_WINDOW_MS)
  return inTransaction(deps.pool, async (client) => {
    // One at a time per address, so two requests at once cannot both pass the limit.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`new-manage-link:${key}`])
    const { rows: counts } = await client.query<{ byEmail: number; byIp: number }>(
      `SELECT count(*) FILTER (WHERE email_key = $1)::int AS "byEmail", count(*) FILTER (WHERE ip = $2)::int AS "byIp"
         FROM manage_link_requests WHERE requested_at > $3 AND (email_key = $1 OR ip = $2)`,
      [key, input.ip, since],
    )
    const requestId = randomUUID()
    await client.query(`DELETE FROM manage_link_requests WHERE requested_at <= $1`, [new Date(now.getTime() - DAY_MS)])
    await client.query(`INSERT INTO manage_link_requests (id, email_key, ip, requested_at) VALUES ($1, $2, $3, $4)`, [requestId, key, input.ip, now])
    const count = counts[0] ?? { byEmail: 0, byIp: 0 }
    if (count.byEmail >= MAX_NEW_LINKS_PER_EMAIL || count.byIp >= MAX_NEW_LINKS_PER_IP) return 'throttled'

    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM bookings
        WHERE lower(candidate_email) = $1 AND status <> 'cancelled' AND ends_at > $3
        ORDER BY (ends_at > $2) DESC,
                 CASE WHEN ends_at > $2 THEN starts_at END ASC,
                 starts_at DESC
        LIMIT 1`,
      [normaliseEmail(input.email), now, new Date(now.getTime() - RECENT_BOOKING_DAYS * DAY_MS)],
    )
    const booking = rows[0]
    if (!booking) return 'no-booking'
    await deps.jobs.add('send-email', { email: 'new-manage-link', bookingId: booking.id, requestId }, { client })
    return 'sent'
  })
}
