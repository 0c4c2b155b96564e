import type { EmailMessage } from '../render-email.js'

interface ConversationFeedbackModel {
  candidateName: string
  coachFirstName: string
  /** "Monday 2 March 2026" */
  conversationDate: string
  /** Their one page of questions, by their personal link. */
  feedbackUrl: string
}

/** A day after a held conversation: a few optional questions. */
export const conversationFeedback: EmailMessage<ConversationFeedbackModel> = {
  template: 'conversation-feedback',
  subject: () => 'How was your career conversation?',
}
