import type { EmailMessage } from '../render-email.js'
import type { AboutTheConversation } from './about-the-conversation.js'

interface BookingChangedModel extends AboutTheConversation {
  /** The time it had before, on the candidate's clock */
  previousWhen: string
}

export const bookingChanged: EmailMessage<BookingChangedModel> = {
  template: 'booking-changed',
  subject: () => 'Your career conversation has changed',
}
