import type { EmailMessage } from '../render-email.js'

/** The code that proves a candidate reads this address (src/domain/email-proof). */
interface EmailCodeModel {
  code: string
  programmeName: string
  minutes: number
  /** Where the candidate was booking, to go back to. */
  bookingUrl: string
}

export const emailCode: EmailMessage<EmailCodeModel> = {
  template: 'email-code',
  subject: (model) => `${model.code} is your code to book a career conversation`,
}
