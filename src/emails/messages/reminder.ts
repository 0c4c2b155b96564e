import type { EmailMessage } from '../render-email.js'
import type { AboutTheConversation } from './about-the-conversation.js'

interface ReminderModel extends AboutTheConversation {
  /** "Your career conversation is tomorrow" or "Your career conversation starts in 1 hour" */
  headline: string
}

export const reminder: EmailMessage<ReminderModel> = {
  template: 'reminder',
  subject: (model) => `Reminder: ${model.headline.charAt(0).toLowerCase()}${model.headline.slice(1)}`,
}
