import type { EmailMessage } from '../render-email.js'

export interface BookingConfirmationModel {
  candidateName: string
  /** "Monday 2 March 2026, 9:30am to 10:15am (UK time)" */
  when: string
  contactLine: string
  coachFirstName: string
  reference: string
  manageUrl: string
  /** True when the preparation email goes out now, with this one. */
  preparationIncluded: boolean
}

export const bookingConfirmation: EmailMessage<BookingConfirmationModel> = {
  template: 'booking-confirmation',
  subject: () => 'Your career conversation is booked',
}
