import type { EmailMessage } from '../render-email.js'

interface FailingEmailsDigestModel {
  adminFirstName: string
  /** "Monday 9 March 2026" */
  dateText: string
  /** "3 emails" */
  countText: string
  /** The most recent, without addresses (the emails page shows who they were for). */
  deliveries: { subject: string; problem: string; attemptsText: string }[]
  /** "and 12 more" when the list is cut short. */
  moreText: string | null
  emailsUrl: string
}

export const failingEmailsDigest: EmailMessage<FailingEmailsDigestModel> = {
  template: 'failing-emails-digest',
  subject: (model) => `Emails not getting through: ${model.countText}`,
}
