/**
 * The emails of proving an address and of a second booking attempt:
 *
 * - `email-code`: the 6-digit code (src/domain/email-proof). The code is
 *   worked out from its id as the email is composed; none goes once the code
 *   has expired.
 * - `already-booked`: the booking the address has, with a manage link of its
 *   own (earlier links keep working: only "get a new link" ends them).
 */
import type pg from 'pg'
import { EMAIL_CODE_MINUTES, codeFor } from '../domain/email-proof/index.js'
import { formatDateTimeRange } from '../domain/time/index.js'
import { findUnexpiredEmailCodeProgrammeSlug } from '../repositories/email-code-records.js'
import type { BookingForEmail } from './booking-emails.js'
import type { ComposedEmail } from './deliver-email.js'
import { alreadyBooked } from './messages/already-booked.js'
import { emailCode } from './messages/email-code.js'
import { renderEmail } from './render-email.js'

export async function emailCodeEmail(
  pool: pg.Pool,
  payload: { codeId: string; to: string; programmeName: string },
  secret: string,
  now: Date,
  publicUrl: string,
): Promise<ComposedEmail | undefined> {
  const slug = await findUnexpiredEmailCodeProgrammeSlug(pool, payload.codeId, now)
  if (slug === null) return undefined
  return {
    kind: 'email-code',
    dedupeKey: `email-code:${payload.codeId}`,
    to: payload.to,
    ...renderEmail(emailCode, {
      code: codeFor(payload.codeId, secret),
      programmeName: payload.programmeName,
      minutes: EMAIL_CODE_MINUTES,
      bookingUrl: `${publicUrl}/book/${encodeURIComponent(slug)}/email-code`,
    }),
  }
}

export function alreadyBookedEmail(booking: BookingForEmail, manageUrl: string, requestId: string): ComposedEmail {
  return {
    kind: 'already-booked',
    dedupeKey: `booking:${booking.id}:already-booked:${requestId}`,
    bookingId: booking.id,
    to: booking.candidate.email,
    ...renderEmail(alreadyBooked, {
      candidateName: booking.candidate.name,
      programmeName: booking.programme.name,
      when: formatDateTimeRange(booking.start, booking.end, booking.candidate.timeZone),
      reference: booking.reference,
      manageUrl,
    }),
  }
}
