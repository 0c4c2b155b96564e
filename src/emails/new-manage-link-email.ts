/**
 * The new manage link a candidate asked for (send-email `new-manage-link`,
 * enqueued by src/domain/candidate-space/new-link.ts). The link is made as
 * the email is composed (only its hash is stored) and lasts like a follow-up
 * link, so it also opens a booking whose conversation was some weeks ago.
 * One email per request: the request id is in the dedupe key. Every earlier
 * link of the booking stops working when the new one is made.
 */
import type pg from 'pg'
import { formatDateTimeRange } from '../domain/time/index.js'
import type { BookingForEmail } from './booking-emails.js'
import { deliverWithFreshLink, type DeliveryAttempt, type DeliveryDeps, type DeliveryResult } from './deliver-email.js'
import { emailWithFollowUpLink, followUpLinkFor } from './follow-up-emails.js'
import { endManageTokens } from '../repositories/manage-tokens.js'
import { newManageLink } from './messages/new-manage-link.js'
import { renderEmail } from './render-email.js'

export const newManageLinkDedupeKey = (bookingId: string, requestId: string) => `booking:${bookingId}:new-manage-link:${requestId}`

/**
 * Sends the new link once. Earlier links are ended only by the attempt that
 * sends it (deliverWithFreshLink: under a lock on the email, and not at all
 * once it has gone), so a retry after the email went (a worker that stopped
 * before recording the job done) cannot end the link the candidate was sent.
 */
export function sendNewManageLinkEmail(
  deps: DeliveryDeps & { now: Date },
  booking: BookingForEmail,
  requestId: string,
  attempt: DeliveryAttempt,
): Promise<DeliveryResult | 'not-needed'> {
  return deliverWithFreshLink(deps, newManageLinkDedupeKey(booking.id, requestId), attempt, async (client: pg.PoolClient) => {
    if (booking.status === 'cancelled') return undefined
    // A new link ends every earlier one (a forwarded or lost email is cut off); the new one is stored by the
    // delivery's claim, before the email goes.
    await endManageTokens(client, booking.id)
    const link = followUpLinkFor(booking, deps.publicUrl, deps.now)
    const rendered = renderEmail(newManageLink, {
      candidateName: booking.candidate.name,
      when: formatDateTimeRange(booking.start, booking.end, booking.candidate.timeZone),
      reference: booking.reference,
      manageUrl: link.url,
    })
    return emailWithFollowUpLink(booking, 'new-manage-link', newManageLinkDedupeKey(booking.id, requestId), link, rendered)
  })
}
