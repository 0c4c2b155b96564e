/**
 * The invitation email (send-email job `{ email: 'invitation', invitationId }`,
 * enqueued by inviteCandidate in the invitation's own transaction).
 *
 * The personal booking link is made when the email is sent: issueInvitationLink
 * stores the hash of a new token in place of the old one, so the link in the
 * email that goes out is the only one that works. That makes the order matter:
 *
 * 1. A retry of a message SMTP already accepted (delivery `invitation:<id>`
 *    marked sent) must not make a new link, or it would break the link in
 *    the email the candidate has. So the delivery is checked first, and
 *    nothing is issued when it was sent.
 * 2. Two attempts at once (a job run twice) must not each make a link: the
 *    check, the link and the send happen under an advisory lock per
 *    invitation; another attempt finding it taken is retried later.
 * (deliverWithFreshLink in deliver-email.ts does 1 and 2.)
 * 3. Withdrawn, booked or expired: issueInvitationLink issues nothing and no
 *    email goes.
 *
 * A second copy after a crash: only when the process dies after SMTP
 * accepted the message and before the delivery row says so (deliverEmail).
 * The retry then sends the email again with the same Message-ID and a new
 * link; the link in the first copy stops working. Mail clients that fold
 * messages with the same Message-ID may show either copy; if the candidate
 * has the dead one, the link page tells them it does not work and the
 * programme team can invite them again after withdrawing this invitation.
 */
import { DateTime } from 'luxon'
import { issueInvitationLink } from '../domain/booking/service/index.js'
import { DEFAULT_TIME_ZONE, formatDate, formatDuration } from '../domain/time/index.js'
import { deliverWithFreshLink, type ComposedEmail, type DeliveryAttempt, type DeliveryDeps, type DeliveryResult } from './deliver-email.js'
import { invitation as invitationMessage } from './messages/invitation.js'
import { renderEmail } from './render-email.js'
import { findInvitationForEmail, type InvitationForEmail } from '../repositories/invitation-email-records.js'

const invitationDedupeKey = (invitationId: string) => `invitation:${invitationId}`

/**
 * "Thursday 30 April 2026": the last whole day (UK time) the link works. The
 * link runs out at the time of day it was made, 60 days on; naming the day
 * before means "until" holds all day.
 */
function lastDayLinkWorks(expiresAt: Date, zone = DEFAULT_TIME_ZONE): string {
  return formatDate(DateTime.fromJSDate(expiresAt).setZone(zone).minus({ days: 1 }).toJSDate(), zone)
}

export function invitationEmail(invitation: InvitationForEmail, bookingUrl: string): ComposedEmail {
  const rendered = renderEmail(invitationMessage, {
    candidateName: invitation.name,
    programmeName: invitation.programme.name,
    durationText: formatDuration(invitation.programme.durationMinutes),
    bookingUrl,
    expiresOn: lastDayLinkWorks(invitation.expiresAt),
  })
  return {
    kind: 'invitation',
    dedupeKey: invitationDedupeKey(invitation.id),
    invitationId: invitation.id,
    to: invitation.email,
    ...rendered,
  }
}

interface InvitationEmailDeps extends DeliveryDeps {
  now: Date
}

/** The outcome: sent now, sent before (nothing done), or not wanted any more (withdrawn, booked, expired, erased). */
type InvitationEmailResult = DeliveryResult | 'not-needed'

/** Sends the invitation email once, with a fresh personal link (see the top of this file). Throws to be retried. */
export function sendInvitationEmail(deps: InvitationEmailDeps, invitationId: string, attempt: DeliveryAttempt): Promise<InvitationEmailResult> {
  return deliverWithFreshLink(deps, invitationDedupeKey(invitationId), attempt, async (client) => {
    const invitation = await findInvitationForEmail(client, invitationId)
    if (!invitation) return undefined
    const bookingUrl = await issueInvitationLink(client, invitationId, deps.publicUrl, deps.now)
    return bookingUrl ? invitationEmail(invitation, bookingUrl) : undefined
  })
}
