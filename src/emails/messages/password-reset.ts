import type { EmailMessage } from '../render-email.js'

interface PasswordResetModel {
  staffName: string
  /** The single-use link to choose a new password. */
  resetUrl: string
  /** "6:30pm on Monday 2 March 2026 (UK time)": when the link stops working. */
  expiresText: string
  signInUrl: string
}

export const passwordReset: EmailMessage<PasswordResetModel> = {
  template: 'password-reset',
  subject: () => 'Reset your password',
}
