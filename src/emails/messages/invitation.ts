import type { EmailMessage } from '../render-email.js'

interface InvitationModel {
  candidateName: string
  programmeName: string
  /** "45 minutes", "1 hour" */
  durationText: string
  bookingUrl: string
  /** "Friday 1 May 2026" */
  expiresOn: string
}

export const invitation: EmailMessage<InvitationModel> = {
  template: 'invitation',
  subject: () => 'Book a free career conversation',
}
