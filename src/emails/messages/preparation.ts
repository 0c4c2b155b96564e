import type { EmailMessage } from '../render-email.js'

interface PreparationModel {
  candidateName: string
  coachFirstName: string
  when: string
  intro: string
  areas: { title: string; intro: string; questions: string[] }[]
  reflectionIntro: string
  reflectionQuestions: string[]
  prepareUrl: string
}

export const preparation: EmailMessage<PreparationModel> = {
  template: 'preparation',
  subject: () => 'Prepare for your career conversation',
}
