import type { EmailMessage } from '../render-email.js'

export interface BookingCoachChangedModel {
  candidateName: string
  when: string
  contactLine: string
  coachFirstName: string
  reference: string
  manageUrl: string
}

export const bookingCoachChanged: EmailMessage<BookingCoachChangedModel> = {
  template: 'booking-coach-changed',
  subject: () => 'Your career conversation has a new coach',
}
