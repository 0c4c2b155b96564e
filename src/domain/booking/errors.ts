/** The ways booking says no; the error handler turns each into its status. */
import { ConflictError, DomainError, NotFoundError } from '../errors.js'

/** 409 slot_unavailable: nobody can take the conversation at that time any more. */
export class SlotUnavailableError extends ConflictError {
  constructor(message = 'Sorry, that time is no longer available. Choose another time.') {
    super('slot_unavailable', message)
  }
}

/** 409 booking_cancelled: the booking was cancelled; it cannot be changed or cancelled again. */
export class BookingCancelledError extends ConflictError {
  constructor() {
    super('booking_cancelled', 'This booking has been cancelled, so it cannot be changed')
  }
}

/**
 * 409 change_cutoff_passed: the programme's cut-off for candidates changing or cancelling has passed;
 * its coach and the programme team can still change it.
 */
export class ChangeCutoffPassedError extends ConflictError {
  constructor(readonly hours: number) {
    super(
      'change_cutoff_passed',
      `It is less than ${hours} ${hours === 1 ? 'hour' : 'hours'} before the conversation, so it can no longer be changed or cancelled online. Contact the programme team.`,
    )
  }
}

/** 409 booking_past: the conversation has started or is over; it cannot be changed or cancelled. */
export class BookingPastError extends ConflictError {
  constructor() {
    super('booking_past', 'This conversation has already started or taken place, so it cannot be changed')
  }
}

/**
 * 404, the same for every way a link or session can fail to open a booking
 * (no such booking, wrong or expired link, a link to another booking, a coach
 * who is not this booking's coach), so the answer reveals nothing.
 */
export class BookingNotFoundError extends NotFoundError {
  constructor() {
    super('We cannot find a booking for this link. It may have expired.')
  }
}

/**
 * 422 idempotency_key_reused: the Idempotency-Key was used before with a
 * different request. (IETF draft-ietf-httpapi-idempotency-key-header: 422 for
 * a key reused with another payload; 409 is what we answer for a slot taken.)
 */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('idempotency_key_reused', 'This Idempotency-Key was already used for a different request', 422)
  }
}
