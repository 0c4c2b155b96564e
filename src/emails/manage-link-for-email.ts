import { generateManageToken, manageLinkExpiry, manageUrl } from '../domain/booking/manage-link.js'
import type { ManageTokenRecord } from '../repositories/manage-tokens.js'
import type { BookingForEmail } from './booking-emails.js'

/**
 * Each email carries a manage link of its own; only its hash is stored. The
 * link is made here and its hash written by the delivery's claim, in the same
 * statement, before the email goes (deliverEmail): one round trip fewer for
 * every email that carries one.
 */
export function manageLinkFor(booking: Pick<BookingForEmail, 'id' | 'end'>, publicUrl: string, now: Date): { url: string; token: ManageTokenRecord } {
  const { token, hash } = generateManageToken()
  return { url: manageUrl(publicUrl, token), token: { bookingId: booking.id, tokenHash: hash, expiresAt: manageLinkExpiry(booking.end), now } }
}
