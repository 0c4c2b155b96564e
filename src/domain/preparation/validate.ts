import { findPreparationQuestion, preparationFieldKeys } from './content.js'

export const MAX_PREPARATION_ANSWER_LENGTH = 5000

export type PreparationAnswers = Record<string, string>

interface PreparationAnswerError {
  /** The answer key, or '' when the whole value is wrong. */
  readonly field: string
  readonly message: string
}

type PreparationValidationResult =
  | { readonly ok: true; readonly answers: PreparationAnswers }
  | { readonly ok: false; readonly errors: readonly PreparationAnswerError[] }

/**
 * Checks a candidate's preparation answers. Every question is optional and an
 * empty answer is allowed. Answers are trimmed; length is counted in
 * characters (Unicode code points, like JSON Schema's maxLength) after
 * trimming. Rejects unknown keys, values that are not strings, answers over
 * MAX_PREPARATION_ANSWER_LENGTH and NUL characters (PostgreSQL text cannot
 * hold them).
 *
 * `allowedKeys` defaults to the whole preparation form.
 */
export function validatePreparationAnswers(
  answers: unknown,
  allowedKeys: ReadonlySet<string> = preparationFieldKeys,
): PreparationValidationResult {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { ok: false, errors: [{ field: '', message: 'Answers must be a set of questions and answers' }] }
  }

  const errors: PreparationAnswerError[] = []
  const clean: PreparationAnswers = {}

  for (const [key, value] of Object.entries(answers)) {
    if (!allowedKeys.has(key)) {
      errors.push({ field: key, message: 'This question is not on the preparation form' })
      continue
    }
    const name = findPreparationQuestion(key)?.label ?? 'Your answer'
    if (typeof value !== 'string') {
      errors.push({ field: key, message: 'Answer must be text' })
      continue
    }
    const trimmed = value.trim()
    if (trimmed.includes('\u0000')) {
      errors.push({ field: key, message: 'Answer contains a character that is not allowed' })
      continue
    }
    if (codePointLength(trimmed) > MAX_PREPARATION_ANSWER_LENGTH) {
      errors.push({
        field: key,
        message: `Answer to "${name}" must be ${MAX_PREPARATION_ANSWER_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      })
      continue
    }
    clean[key] = trimmed
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: clean }
}

function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}
