import type { EmailMessage } from '../render-email.js'

interface NewAccountModel {
  staffName: string
  /** "a coach" or "an admin (programme team)" */
  roleText: string
  /** The single-use link to choose their first password. */
  setPasswordUrl: string
  /** "5:30pm on Tuesday 3 March 2026 (UK time)": when the link stops working. */
  expiresText: string
  /** The sign-in page, where "Forgotten your password?" makes a new link. */
  signInUrl: string
  /** Admins (and some coaches) set up an authenticator app at their first sign-in. */
  twoFactorRequired: boolean
}

export const newAccount: EmailMessage<NewAccountModel> = {
  template: 'new-account',
  subject: () => 'Your career conversations staff account',
}
