import type { EmailMessage } from '../render-email.js'

interface OutcomeFollowUpModel {
  candidateName: string
  /** "Monday 2 March 2026" */
  conversationDate: string
  /** "3 months" or "a year": "… a year on" */
  sinceText: string
  /** Their one page of questions, by their personal link. */
  followUpUrl: string
}

/** 3 and 12 months after a held conversation: what have you done since? */
export const outcomeFollowUp: EmailMessage<OutcomeFollowUpModel> = {
  template: 'outcome-follow-up',
  subject: (model) => `Your career conversation ${model.sinceText} on: what have you done?`,
}
