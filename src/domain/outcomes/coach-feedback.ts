/**
 * What a coach sees of their candidates' feedback: their own
 * aggregate over all their held conversations, and only once at least
 * COACH_MINIMUM_ANSWERS candidates have answered, so no answer can be traced
 * to one candidate. Never a comment, never which conversation.
 */
import type pg from 'pg'
import { coachFeedbackTotals } from '../../repositories/outcome-report.js'
import { CONFIDENCE, NEXT_STEP, USEFULNESS, confidenceLabels, nextStepLabels, usefulnessLabels } from './questions.js'
import { COACH_MINIMUM_ANSWERS, coachOwnFeedback } from './report-figures.js'

interface CoachFeedbackView {
  /** Below the minimum: how many more answers before anything is shown. */
  waitingFor: number | null
  answered: number
  questions: { question: string; rows: { label: string; count: number }[] }[]
}

export async function coachOwnFeedbackView(pool: pg.Pool, coachId: string): Promise<CoachFeedbackView> {
  const totals = await coachFeedbackTotals(pool, coachId)
  const own = coachOwnFeedback(totals)
  if (!own) return { waitingFor: COACH_MINIMUM_ANSWERS - (totals?.answered ?? 0), answered: totals?.answered ?? 0, questions: [] }
  return {
    waitingFor: null,
    answered: own.answered,
    questions: [
      { question: 'How useful was the conversation?', rows: USEFULNESS.map((k) => ({ label: usefulnessLabels[k], count: own.usefulness[k] })) },
      { question: 'Do they know their next step?', rows: NEXT_STEP.map((k) => ({ label: nextStepLabels[k], count: own.knowsNextStep[k] })) },
      { question: 'How confident do they feel about their next steps?', rows: CONFIDENCE.map((k) => ({ label: confidenceLabels[k], count: own.confidenceAfter[k] })) },
    ],
  }
}
