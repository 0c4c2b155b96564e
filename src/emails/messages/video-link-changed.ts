import type { EmailMessage } from '../render-email.js'
import type { AboutTheConversation } from './about-the-conversation.js'

/** videoLink null: the coach took the link away and will send another. */
export const videoLinkChanged: EmailMessage<AboutTheConversation> = {
  template: 'video-link-changed',
  subject: (model) => (model.videoLink ? 'How to join your career conversation' : 'Your video call link has changed'),
}
