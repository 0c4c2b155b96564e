import type { EmailMessage } from '../render-email.js'

interface BookingCancelledModel {
  candidateName: string
  when: string
  reference: string
  /** Who cancelled, in plain words: "You cancelled..." or "We are sorry, we had to cancel...". */
  cancelledLine: string
  bookAgainUrl: string
  /** Joining the programme's waitlist: the first time that frees up and suits them is offered to them. */
  waitlistUrl: string
}

export const bookingCancelled: EmailMessage<BookingCancelledModel> = {
  template: 'booking-cancelled',
  subject: () => 'Your career conversation is cancelled',
}
