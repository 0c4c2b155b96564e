import type { EmailMessage } from '../render-email.js'

interface OverdueActionsDigestModel {
  adminFirstName: string
  /** "Monday 9 March 2026" */
  dateText: string
  /** "3 overdue actions" */
  countText: string
  byCoach: {
    coachName: string
    actions: { reference: string; summary: string; ownerLabel: string; dueText: string; statusLabel: string; categoryLabel: string }[]
  }[]
  byCategory: { label: string; count: number }[]
  /** The programme team's pages. */
  reviewUrl: string
}

export const overdueActionsDigest: EmailMessage<OverdueActionsDigestModel> = {
  template: 'overdue-actions-digest',
  subject: (model) => `Overdue career actions: ${model.countText}`,
}
