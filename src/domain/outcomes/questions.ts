/**
 * What candidates are asked after their conversation, and how an
 * answer is checked. Pure: no I/O, no clock.
 *
 * Feedback, a day after a held conversation: how useful it was, whether they
 * know their next step, how confident they feel about it (the notes' own
 * confidence scale, so the coach's "before" and the candidate's "after"
 * compare), and a comment. Every question is optional, but an answer says
 * something: a form with nothing chosen or typed is refused, and "I would
 * rather not answer" is its own button.
 *
 * Outcomes, 3 and 12 months after: what they have done since, in the
 * National Careers Service's outcome types (learning started, qualification,
 * career management, employment, progression) in plain words, several at
 * once; and whether the conversation helped.
 */
import { CONFIDENCE_OPTIONS } from '../conversation-models/four-stage.js'
import type { FieldProblem } from '../errors.js'

export const USEFULNESS = ['very_useful', 'quite_useful', 'a_little_useful', 'not_useful'] as const
export type Usefulness = (typeof USEFULNESS)[number]
export const usefulnessLabels: Readonly<Record<Usefulness, string>> = {
  very_useful: 'Very useful',
  quite_useful: 'Quite useful',
  a_little_useful: 'A little useful',
  not_useful: 'Not useful',
}

export const NEXT_STEP = ['yes', 'partly', 'no'] as const
export type NextStep = (typeof NEXT_STEP)[number]
export const nextStepLabels: Readonly<Record<NextStep, string>> = {
  yes: 'Yes',
  partly: 'I have some idea',
  no: 'No, not yet',
}

export const CONFIDENCE = CONFIDENCE_OPTIONS.map((option) => option.value)
export type Confidence = (typeof CONFIDENCE_OPTIONS)[number]['value']
export const confidenceLabels = Object.fromEntries(CONFIDENCE_OPTIONS.map((o) => [o.value, o.label])) as Readonly<Record<Confidence, string>>

export const OUTCOME_TYPES = ['started_training', 'gained_qualification', 'applied_for_role', 'new_role_or_more_hours', 'moved_up', 'nothing_yet'] as const
export type OutcomeType = (typeof OUTCOME_TYPES)[number]
export const outcomeTypeLabels: Readonly<Record<OutcomeType, string>> = {
  started_training: 'Started training or a course',
  gained_qualification: 'Gained a qualification',
  applied_for_role: 'Applied for a job or role',
  new_role_or_more_hours: 'Started a new job or role, or more hours',
  moved_up: 'Moved up: a promotion or more responsibility',
  nothing_yet: 'Nothing yet',
}

export const HELPED = ['a_lot', 'a_little', 'not_at_all', 'not_sure'] as const
export type Helped = (typeof HELPED)[number]
export const helpedLabels: Readonly<Record<Helped, string>> = {
  a_lot: 'Yes, a lot',
  a_little: 'Yes, a little',
  not_at_all: 'No',
  not_sure: 'I am not sure',
}

/** When candidates are asked what they have done since, in months after the conversation. */
export const FOLLOW_UP_MONTHS = [3, 12] as const
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number]

export const COMMENT_MAX_LENGTH = 2000

const QUESTION_MESSAGES = {
  nothingAnswered: 'Answer at least one question, or choose "I would rather not answer"',
  usefulness: 'Select how useful the conversation was',
  nextStep: 'Select whether you know your next step',
  confidence: 'Select how confident you feel',
  commentTooLong: `Your comment must be ${COMMENT_MAX_LENGTH} characters or fewer`,
  nothingDone: 'Select what you have done since, or "Nothing yet"',
  nothingYetAlone: 'Select "Nothing yet" on its own, or only the things you have done',
  outcomeType: 'Select from the list what you have done since',
  helped: 'Select whether the conversation helped',
} as const

export interface FeedbackAnswers {
  usefulness: Usefulness | null
  knowsNextStep: NextStep | null
  confidence: Confidence | null
  comment: string | null
}

export interface FollowUpAnswers {
  doneSince: OutcomeType[]
  helped: Helped | null
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value)
const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

function choice<T extends string>(values: readonly T[], given: unknown, field: string, message: string, problems: FieldProblem[]): T | null {
  if (blank(given)) return null
  if (isOneOf(values, given)) return given
  problems.push({ field, message })
  return null
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] }

/** The feedback as posted (each field optional): checked, the comment trimmed. */
export function checkFeedback(given: { usefulness?: unknown; knowsNextStep?: unknown; confidence?: unknown; comment?: unknown }): Checked<FeedbackAnswers> {
  const problems: FieldProblem[] = []
  const usefulness = choice(USEFULNESS, given.usefulness, 'usefulness', QUESTION_MESSAGES.usefulness, problems)
  const knowsNextStep = choice(NEXT_STEP, given.knowsNextStep, 'knowsNextStep', QUESTION_MESSAGES.nextStep, problems)
  const confidence = choice(CONFIDENCE, given.confidence, 'confidence', QUESTION_MESSAGES.confidence, problems)
  const text = typeof given.comment === 'string' ? given.comment.replaceAll('\u0000', '').trim() : ''
  if ([...text].length > COMMENT_MAX_LENGTH) problems.push({ field: 'comment', message: QUESTION_MESSAGES.commentTooLong })
  const comment = text === '' ? null : text
  if (problems.length > 0) return { ok: false, errors: problems }
  if (!usefulness && !knowsNextStep && !confidence && !comment) return { ok: false, errors: [{ field: 'usefulness', message: QUESTION_MESSAGES.nothingAnswered }] }
  return { ok: true, value: { usefulness, knowsNextStep, confidence, comment } }
}

/** What they have done since (one or several; "nothing yet" only on its own) and whether it helped (optional). */
export function checkFollowUp(given: { doneSince?: unknown; helped?: unknown }): Checked<FollowUpAnswers> {
  const problems: FieldProblem[] = []
  const list = given.doneSince === undefined || given.doneSince === null ? [] : Array.isArray(given.doneSince) ? given.doneSince : [given.doneSince]
  const chosen = list.filter((item) => !blank(item))
  const doneSince = [...new Set(chosen.filter((item): item is OutcomeType => isOneOf(OUTCOME_TYPES, item)))]
  if (doneSince.length !== chosen.length) problems.push({ field: 'doneSince', message: QUESTION_MESSAGES.outcomeType })
  else if (doneSince.length === 0) problems.push({ field: 'doneSince', message: QUESTION_MESSAGES.nothingDone })
  else if (doneSince.includes('nothing_yet') && doneSince.length > 1) problems.push({ field: 'doneSince', message: QUESTION_MESSAGES.nothingYetAlone })
  const helped = choice(HELPED, given.helped, 'helped', QUESTION_MESSAGES.helped, problems)
  if (problems.length > 0) return { ok: false, errors: problems }
  return { ok: true, value: { doneSince: OUTCOME_TYPES.filter((type) => doneSince.includes(type)), helped } }
}
