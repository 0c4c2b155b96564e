/**
 * A conversation model is data: stages, what the candidate is asked before
 * the call, guidance for the coach, and the fields the coach's notes record.
 * Each set of notes stores the model key and version it was written against.
 *
 * Rules for published versions: never rename, remove or reuse a field key,
 * stage key or preparation key, and never change a field's kind. Wording can
 * be improved in place. Anything else is a new version of the model.
 */
import type { PreparationArea, PreparationQuestion } from '../preparation/content.js'

export type { PreparationArea, PreparationQuestion }

/** shared: in the candidate's summary. private: coaches only, never sent to the candidate. */
type FieldVisibility = 'shared' | 'private'

interface FieldBase {
  /** Unique within the model (across all its stages), camelCase. */
  readonly key: string
  readonly label: string
  /**
   * A shared field's label as the candidate reads it in their summary (email,
   * page and preview), spoken to them: "Training you would need", where the
   * coach's form has "Training they would need". No question mark: the plain
   * text puts a colon after it.
   */
  readonly candidateLabel?: string
  readonly hint?: string
  readonly visibility: FieldVisibility
  /** Notes cannot be marked complete while this field is empty. */
  readonly requiredToComplete?: true
}

/** Free text. Value: string. */
interface TextField extends FieldBase {
  readonly kind: 'text'
}

/** A list of short items. Value: string[]. */
interface ListField extends FieldBase {
  readonly kind: 'list'
  /** What one item is called, e.g. "Strength". */
  readonly itemLabel: string
}

interface ChoiceOption {
  readonly value: string
  readonly label: string
}

/** One of a fixed set. Value: the chosen option's `value`. */
interface ChoiceField extends FieldBase {
  readonly kind: 'choice'
  readonly options: readonly ChoiceOption[]
}

/** Options discussed (stage 2). Value: DiscussedOption[]. */
interface OptionsField extends FieldBase {
  readonly kind: 'options'
}

/** Development needs, one of them the focus (stage 3). Value: DevelopmentNeed[]. */
interface DevelopmentNeedsField extends FieldBase {
  readonly kind: 'developmentNeeds'
}

/**
 * Where the agreed actions are recorded (last stage). Actions are their own
 * records (owner, due date, category, status), not a value in the notes.
 */
interface ActionsField extends FieldBase {
  readonly kind: 'actions'
  readonly visibility: 'shared'
}

export type Field =
  | TextField
  | ListField
  | ChoiceField
  | OptionsField
  | DevelopmentNeedsField
  | ActionsField

export type OptionTiming = 'now' | 'later'
export type OptionRealism = 'realistic' | 'stretch'

/** A role or route talked about in the conversation. */
export interface DiscussedOption {
  readonly role: string
  readonly timing: OptionTiming
  readonly realism: OptionRealism
  readonly notes?: string
}

export interface DevelopmentNeed {
  readonly need: string
  /** At most one need in a list is the focus. */
  readonly isFocus: boolean
}

export const optionTimingLabels: Readonly<Record<OptionTiming, string>> = {
  now: 'Possible now',
  later: 'Possible later',
}

export const optionRealismLabels: Readonly<Record<OptionRealism, string>> = {
  realistic: 'Realistic',
  stretch: 'A stretch',
}

export interface Stage {
  /** Unique within the model, camelCase. */
  readonly key: string
  readonly title: string
  readonly summary: string
  /**
   * The preparation questions for this stage, as plain text (the labels of
   * `preparation.questions`, in order). They drive the candidate's
   * preparation form; the keys live in `preparation.questions`.
   */
  readonly candidatePrompts: readonly string[]
  /** The preparation area shown to the candidate for this stage. */
  readonly preparation: PreparationArea
  readonly coachGuidance: readonly string[]
  readonly fields: readonly Field[]
}

export interface ConversationModel {
  readonly key: string
  readonly version: number
  readonly name: string
  readonly description: string
  readonly stages: readonly Stage[]
  /** Asked after the stage questions on the preparation form. */
  readonly reflectionQuestions: readonly PreparationQuestion[]
}

export interface ConversationModelSummary {
  readonly key: string
  readonly version: number
  readonly name: string
}
