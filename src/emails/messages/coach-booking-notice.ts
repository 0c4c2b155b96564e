import type { EmailMessage } from '../render-email.js'

interface CoachBookingNoticeModel {
  coachFirstName: string
  headline: string
  summary: string
  rows: { label: string; value: string }[]
  dashboardUrl: string
}

export const coachBookingNotice: EmailMessage<CoachBookingNoticeModel> = {
  template: 'coach-booking-notice',
  subject: (model) => model.headline,
}
