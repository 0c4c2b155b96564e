import type { EmailMessage } from '../render-email.js'
import type { AboutTheConversation } from './about-the-conversation.js'

interface BookingConfirmationModel extends AboutTheConversation {
  /** True when the preparation email goes out now, with this one. */
  preparationIncluded: boolean
}

export const bookingConfirmation: EmailMessage<BookingConfirmationModel> = {
  template: 'booking-confirmation',
  subject: () => 'Your career conversation is booked',
}
