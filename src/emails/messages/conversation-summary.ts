import type { EmailMessage } from '../render-email.js'

/** One shared part of the notes, as the email shows it: a paragraph, or a list. */
export interface SummaryEmailEntry {
  label: string
  text?: string
  items?: string[]
}

interface ConversationSummaryModel {
  candidateName: string
  coachFirstName: string
  /** "Monday 2 March 2026" */
  conversationDate: string
  /** The model's stages in order, with only the shared parts that have something in them. */
  stages: { title: string; entries: SummaryEmailEntry[] }[]
  /** Shared addenda (added after the notes were completed). */
  addenda: { dateText: string; text: string }[]
  actions: {
    summary: string
    ownerLabel: string
    /** "Friday 27 March 2026" */
    dueText: string
    categoryLabel: string
    statusLabel: string
    resource: { title: string; url: string } | null
  }[]
  noActionsAgreed: boolean
  /** Their page: the summary and their actions, where they can update them. */
  summaryUrl: string
}

export const conversationSummary: EmailMessage<ConversationSummaryModel> = {
  template: 'conversation-summary',
  subject: () => 'Your career conversation summary',
}
