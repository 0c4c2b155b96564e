import type { EmailMessage } from '../render-email.js'
import type { AboutTheConversation } from './about-the-conversation.js'

export const bookingCoachChanged: EmailMessage<AboutTheConversation> = {
  template: 'booking-coach-changed',
  subject: () => 'Your career conversation has a new coach',
}
