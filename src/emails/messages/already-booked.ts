import type { EmailMessage } from '../render-email.js'

/**
 * Someone tried to book again with an address that already has its
 * conversation on the programme: the booking it has, and a link to change it.
 */
interface AlreadyBookedModel {
  candidateName: string
  programmeName: string
  when: string
  reference: string
  manageUrl: string
}

export const alreadyBooked: EmailMessage<AlreadyBookedModel> = {
  template: 'already-booked',
  subject: () => 'You already have a career conversation booked',
}
