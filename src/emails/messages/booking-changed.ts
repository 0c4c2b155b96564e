import type { EmailMessage } from '../render-email.js'

export interface BookingChangedModel {
  candidateName: string
  when: string
  previousWhen: string
  contactLine: string
  coachFirstName: string
  reference: string
  manageUrl: string
}

export const bookingChanged: EmailMessage<BookingChangedModel> = {
  template: 'booking-changed',
  subject: () => 'Your career conversation has changed',
}
