import type { EmailMessage } from '../render-email.js'

export interface CoachDailyAgendaModel {
  coachFirstName: string
  /** "Monday 2 March 2026" */
  dateText: string
  /** "2 conversations" */
  countText: string
  conversations: { time: string; candidateName: string; how: string; videoLink: string | null; reference: string }[]
  dashboardUrl: string
}

export const coachDailyAgenda: EmailMessage<CoachDailyAgendaModel> = {
  template: 'coach-daily-agenda',
  subject: (model) => `Your career conversations today: ${model.countText}`,
}
