import type { EmailMessage } from '../render-email.js'

interface CoachDailyAgendaModel {
  coachFirstName: string
  /** "Monday 2 March 2026" */
  dateText: string
  /** "2 conversations" */
  countText: string
  conversations: { time: string; candidateName: string; how: string; videoLink: string | null; reference: string }[]
  /** Tomorrow's video calls with no link yet: the reminder to add one, the day before. */
  linksNeeded: { time: string; candidateName: string; ifNoLink: string; addLinkUrl: string }[]
  /** "Tuesday 3 March 2026" */
  tomorrowText: string
  dashboardUrl: string
}

export const coachDailyAgenda: EmailMessage<CoachDailyAgendaModel> = {
  template: 'coach-daily-agenda',
  subject: (model) =>
    model.conversations.length > 0
      ? `Your career conversations today: ${model.countText}`
      : `Add a video call link for tomorrow: ${model.linksNeeded.length === 1 ? '1 conversation' : `${model.linksNeeded.length} conversations`}`,
}
