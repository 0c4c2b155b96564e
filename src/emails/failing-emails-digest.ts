import { firstNameOf } from '../domain/booking/rules.js'
import type { FailedDelivery } from '../repositories/failing-email-deliveries.js'
import type { ComposedEmail } from './deliver-email.js'
import { formatCalendarDate } from './follow-up-emails.js'
import { failingEmailsDigest } from './messages/failing-emails-digest.js'
import { renderEmail } from './render-email.js'

/** How many failing emails the digest lists; the page has them all. */
export const DIGEST_LIST_LENGTH = 10

/**
 * The daily message to one admin while emails are failing (src/jobs/failing-emails-digest.ts).
 * `failing` is the most recent first, `total` how many there are in all.
 */
export function failingEmailsDigestEmail(
  recipient: { staffUserId: string; name: string; email: string },
  failing: readonly FailedDelivery[],
  total: number,
  today: string,
  publicUrl: string,
): ComposedEmail | undefined {
  if (total === 0) return undefined
  const shown = failing.slice(0, DIGEST_LIST_LENGTH)
  const rendered = renderEmail(failingEmailsDigest, {
    adminFirstName: firstNameOf(recipient.name),
    dateText: formatCalendarDate(today),
    countText: total === 1 ? '1 email' : `${total} emails`,
    deliveries: shown.map((delivery) => ({
      subject: delivery.subject,
      problem: delivery.lastError ?? 'No answer from the mail server',
      attemptsText: `${delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}${delivery.gaveUp ? ', stopped trying' : ''}`,
    })),
    moreText: total > shown.length ? `And ${total - shown.length} more on the emails page.` : null,
    emailsUrl: `${publicUrl.replace(/\/$/, '')}/admin/emails`,
  })
  return { kind: 'failing-emails-digest', dedupeKey: `staff:${recipient.staffUserId}:failing-emails:${today}`, to: recipient.email, ...rendered }
}
