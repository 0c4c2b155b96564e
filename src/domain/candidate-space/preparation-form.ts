/**
 * The preparation form on the candidate's page: one group per stage
 * of the conversation model (the four preparation areas), then any reflection
 * questions. The model is the version the answers were written on. Every field is optional. Form fields are named
 * `answers.<key>` (the error summary links to `#prepare-<key>`).
 */
import { preparationFormFor, type ConversationModel } from '../conversation-models/index.js'
import { MAX_PREPARATION_ANSWER_LENGTH, preparationIntro, reflectionIntro, type PreparationQuestion } from '../preparation/index.js'

const ANSWER_FIELD_PREFIX = 'answers.'

interface PreparationQuestionView {
  key: string
  id: string
  name: string
  label: string
  hint: string | null
  value: string
  error: string | null
}

interface PreparationGroupView {
  key: string
  title: string
  intro: string
  questions: PreparationQuestionView[]
}

export interface PreparationFormView {
  intro: string
  groups: PreparationGroupView[]
  answeredCount: number
  /** The most each answer may be: the page's character counts say how much is left. */
  maxLength: number
}

export const preparationFieldId = (key: string) => `prepare-${key}`

function questionView(question: PreparationQuestion, answers: Readonly<Record<string, string>>, errors: Readonly<Record<string, string>>): PreparationQuestionView {
  return {
    key: question.key,
    id: preparationFieldId(question.key),
    name: `${ANSWER_FIELD_PREFIX}${question.key}`,
    label: question.label,
    hint: question.hint ?? null,
    value: answers[question.key] ?? '',
    error: errors[question.key] ?? null,
  }
}

/** The form for this model, filled with `answers`; `errors` by answer key. */
export function preparationFormView(
  model: ConversationModel,
  answers: Readonly<Record<string, string>>,
  errors: Readonly<Record<string, string>> = {},
): PreparationFormView {
  const form = preparationFormFor(model)
  const groups: PreparationGroupView[] = [
    ...form.sections.map((section) => ({
      key: section.key,
      title: section.title,
      intro: section.intro,
      questions: section.questions.map((question) => questionView(question, answers, errors)),
    })),
    // The first form's reflection questions; the short form has them as hints.
    ...(form.reflectionQuestions.length > 0
      ? [
          {
            key: 'reflection',
            title: 'Questions to think about',
            intro: reflectionIntro,
            questions: form.reflectionQuestions.map((question) => questionView(question, answers, errors)),
          },
        ]
      : []),
  ]
  const answeredCount = groups.flatMap((group) => group.questions).filter((question) => question.value.trim() !== '').length
  return { intro: preparationIntro, groups, answeredCount, maxLength: MAX_PREPARATION_ANSWER_LENGTH }
}

/** The answers in a posted form: every `answers.<key>` field (unknown keys included, for the service to refuse). */
export function answersFromForm(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX)) continue
    answers[name.slice(ANSWER_FIELD_PREFIX.length)] = Array.isArray(value) ? value.join('\n') : value
  }
  return answers
}

/** Answers as they were typed (for showing a form back with its errors): strings only. */
export function typedAnswers(answers: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}
