import type { EmailMessage } from '../render-email.js'

interface ActionCheckInModel {
  candidateName: string
  coachFirstName: string
  /** "Monday 2 March 2026" */
  conversationDate: string
  /** The actions still open (not done and still relevant). */
  actions: { summary: string; dueText: string; statusLabel: string }[]
  /** Their page, where they can update each action. */
  updateUrl: string
}

export const actionCheckIn: EmailMessage<ActionCheckInModel> = {
  template: 'action-check-in',
  subject: () => 'How are your career actions going?',
}
