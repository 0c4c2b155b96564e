import type { EmailMessage } from '../render-email.js'

/** On joining (or changing) a place on the waitlist: what they asked for, and their link to see, change or leave it. */
interface WaitlistJoinedModel {
  candidateName: string
  programmeName: string
  days: string
  partsOfDay: string
  dates: string
  timeZone: string
  manageUrl: string
}

export const waitlistJoined: EmailMessage<WaitlistJoinedModel> = {
  template: 'waitlist-joined',
  subject: () => 'You are on the waitlist for a career conversation',
}

/** A time that suits them, held until the deadline, with the link that books it. */
interface WaitlistOfferModel {
  candidateName: string
  programmeName: string
  when: string
  deadline: string
  offerUrl: string
  manageUrl: string
}

export const waitlistOffer: EmailMessage<WaitlistOfferModel> = {
  template: 'waitlist-offer',
  subject: () => 'A time for your career conversation is held for you',
}
