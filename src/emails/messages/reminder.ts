import type { EmailMessage } from '../render-email.js'

export interface ReminderModel {
  candidateName: string
  /** "Your career conversation is tomorrow" or "Your career conversation starts in 1 hour" */
  headline: string
  when: string
  contactLine: string
  coachFirstName: string
  reference: string
  manageUrl: string
}

export const reminder: EmailMessage<ReminderModel> = {
  template: 'reminder',
  subject: (model) => `Reminder: ${model.headline.charAt(0).toLowerCase()}${model.headline.slice(1)}`,
}
