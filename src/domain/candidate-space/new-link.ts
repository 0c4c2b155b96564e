/**
 * "Get a new link" on the "This link does not work" page: the
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
import { isEmailAddress } from '../booking/rules.js'
import type { Clock } from '../clock.js'
import { FOLLOW_UP_LINK_DAYS } from '../notes/follow-up-links.js'
import { DAY_MS } from '../slots/zone-time.js'
import { normaliseEmail } from '../staff/sign-in-throttle.js'
import { inTransaction } from '../../repositories/db.js'
import {
  countManageLinkRequests,
  findBookingForNewLink,
  insertManageLinkRequest,
  lockManageLinkRequests,
} from '../../repositories/manage-link-requests.js'
import type { JobQueue } from '../ports/job-queue.js'

const NEW_LINK_WINDOW_MS = 60 * 60 * 1000
/** The defaults of LIMIT_NEW_LINKS_PER_EMAIL_PER_HOUR and LIMIT_NEW_LINKS_PER_ADDRESS_PER_HOUR. */
export const MAX_NEW_LINKS_PER_EMAIL = 3
const MAX_NEW_LINKS_PER_IP = 20
/** A booking that ended longer ago than this is not "recent": no new link for it. */
const RECENT_BOOKING_DAYS = FOLLOW_UP_LINK_DAYS
const MAX_EMAIL_LENGTH = 320

interface NewLinkDeps {
  pool: pg.Pool
  clock: Clock
  jobs: Pick<JobQueue, 'add'>
  /** Keys the HMAC of email addresses (the session secret). */
  secret: string
  /** Requests an hour per email address and per client address (settings). */
  maxPerEmail?: number
  maxPerAddress?: number
}

/** `throttled-first`: this request is the first over a limit (logged and audited by the caller). */
type NewLinkOutcome = 'sent' | 'no-booking' | 'throttled' | 'throttled-first'

/** The problem with a typed email address, or null. */
export function emailProblem(email: string): string | null {
  const trimmed = email.trim()
  if (trimmed === '') return 'Enter your email address'
  if (trimmed.length > MAX_EMAIL_LENGTH || !isEmailAddress(trimmed)) {
    return 'Enter an email address in the correct format, like name@example.com'
  }
  return null
}

function emailKey(email: string, secret: string): string {
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
    await lockManageLinkRequests(client, key)
    const count = await countManageLinkRequests(client, { emailKey: key, ip: input.ip, since })
    const requestId = randomUUID()
    await insertManageLinkRequest(client, { id: requestId, emailKey: key, ip: input.ip, at: now })
    const perEmail = deps.maxPerEmail ?? MAX_NEW_LINKS_PER_EMAIL
    const perAddress = deps.maxPerAddress ?? MAX_NEW_LINKS_PER_IP
    if (count.byEmail >= perEmail || count.byIp >= perAddress) {
      return count.byEmail === perEmail || count.byIp === perAddress ? 'throttled-first' : 'throttled'
    }

    const endedAfter = new Date(now.getTime() - RECENT_BOOKING_DAYS * DAY_MS)
    const bookingId = await findBookingForNewLink(client, normaliseEmail(input.email), now, endedAfter)
    if (!bookingId) return 'no-booking'
    await deps.jobs.add('send-email', { email: 'new-manage-link', bookingId, requestId }, { client })
    return 'sent'
  })
}
