/**
 * Booking: references, secret links, coach choice, rules (pure), and the
 * service that books, moves and cancels (./service, through src/repositories).
 */
export { BookingCancelledError, BookingPastError } from './errors.js'
export {
  checkBookingRequest,
  isPhoneNumber,
  requireChangeable,
  firstNameOf,
  type BookingRequestInput,
} from './rules.js'
export { requestFingerprint } from './idempotency.js'
