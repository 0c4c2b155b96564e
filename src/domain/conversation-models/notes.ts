/**
 * Working with notes written against a model: finding fields, checking the
 * values a coach sends, deciding when notes can be completed, and keeping
 * private fields out of anything the candidate sees.
 *
 * Note values by field kind:
 *   text             string
 *   list             string[]
 *   choice           one option's value (an empty choice is left out)
 *   options          DiscussedOption[]
 *   developmentNeeds DevelopmentNeed[] (at most one with isFocus)
 *   actions          none: actions are their own records
 */
import type { PreparationArea, PreparationQuestion } from '../preparation/content.js'
import type {
  ConversationModel,
  DevelopmentNeed,
  DiscussedOption,
  Field,
  OptionRealism,
  OptionTiming,
} from './types.js'

export const MAX_NOTE_TEXT_LENGTH = 10_000
const MAX_NOTE_ITEM_LENGTH = 1_000
const MAX_NOTE_ITEMS = 30

export type NoteValue = string | readonly string[] | readonly DiscussedOption[] | readonly DevelopmentNeed[]
export type NoteValues = Readonly<Record<string, NoteValue>>

interface NoteValueError {
  /** The field key, with a path into structured values: "optionsDiscussed[0].role". */
  readonly field: string
  readonly message: string
}

type NoteValidationResult =
  | { readonly ok: true; readonly values: NoteValues }
  | { readonly ok: false; readonly errors: readonly NoteValueError[] }

type FieldInStage = Field & { readonly stageKey: string }

/** Every field of the model, in stage order, with the key of its stage. */
export function allFields(model: ConversationModel): FieldInStage[] {
  return model.stages.flatMap((stage) => stage.fields.map((field) => ({ ...field, stageKey: stage.key })))
}

export function findField(model: ConversationModel, key: string): Field | undefined {
  for (const stage of model.stages) {
    const field = stage.fields.find((candidate) => candidate.key === key)
    if (field) return field
  }
  return undefined
}

/**
 * Checks note values against the model: unknown keys, wrong shapes, lengths
 * (in code points, after trimming), choices not on the list, more than one
 * focus. Returns trimmed values; empty list items are dropped.
 */
export function validateNoteValues(model: ConversationModel, values: unknown): NoteValidationResult {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return { ok: false, errors: [{ field: '', message: 'Notes must be a set of fields and values' }] }
  }
  const errors: NoteValueError[] = []
  const clean: Record<string, NoteValue> = {}
  for (const [key, value] of Object.entries(values)) {
    const field = findField(model, key)
    if (!field) {
      errors.push({ field: key, message: 'This field is not on the notes form' })
      continue
    }
    const result = checkValue(field, value)
    if ('errors' in result) errors.push(...result.errors)
    else if (result.value !== undefined) clean[key] = result.value
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: clean }
}

/** Keys of the fields that must be filled in before the notes can be completed, and are not. */
export function missingForCompletion(model: ConversationModel, values: NoteValues): string[] {
  return allFields(model)
    .filter((field) => field.requiredToComplete === true && isEmpty(values[field.key]))
    .map((field) => field.key)
}

/** Only the values of shared fields: what the candidate's summary may show. */
export function sharedNoteValues(model: ConversationModel, values: NoteValues): NoteValues {
  const shared: Record<string, NoteValue> = {}
  for (const field of allFields(model)) {
    const value = values[field.key]
    if (field.visibility === 'shared' && value !== undefined) shared[field.key] = value
  }
  return shared
}

interface PreparationForm {
  readonly sections: readonly (PreparationArea & { readonly stageKey: string })[]
  readonly reflectionQuestions: readonly PreparationQuestion[]
}

/** The candidate's preparation form for a model: one section per stage, then reflection. */
export function preparationFormFor(model: ConversationModel): PreparationForm {
  return {
    sections: model.stages.map((stage) => ({ ...stage.preparation, stageKey: stage.key })),
    reflectionQuestions: model.reflectionQuestions,
  }
}

/** A model's preparation questions in order, each with the title of its area ("Questions to think about" for reflection). */
export function preparationQuestionList(model: ConversationModel): (PreparationQuestion & { readonly area: string })[] {
  const form = preparationFormFor(model)
  return [
    ...form.sections.flatMap((section) => section.questions.map((question) => ({ ...question, area: section.title }))),
    ...form.reflectionQuestions.map((question) => ({ ...question, area: 'Questions to think about' })),
  ]
}

/** Every preparation answer key a model's form asks for. */
export function preparationFieldKeysFor(model: ConversationModel): ReadonlySet<string> {
  const form = preparationFormFor(model)
  return new Set([
    ...form.sections.flatMap((section) => section.questions.map((question) => question.key)),
    ...form.reflectionQuestions.map((question) => question.key),
  ])
}

type CheckResult = { value: NoteValue | undefined } | { errors: NoteValueError[] }

const TIMINGS: readonly OptionTiming[] = ['now', 'later']
const REALISMS: readonly OptionRealism[] = ['realistic', 'stretch']

function checkValue(field: Field, value: unknown): CheckResult {
  const key = field.key
  switch (field.kind) {
    case 'text': {
      const text = checkText(key, value, MAX_NOTE_TEXT_LENGTH, field.label)
      return typeof text === 'string' ? { value: text } : { errors: [text] }
    }
    case 'choice': {
      if (value === '' || value === null) return { value: undefined }
      if (typeof value !== 'string' || !field.options.some((option) => option.value === value)) {
        return { errors: [{ field: key, message: `Select an answer for "${field.label}" from the list` }] }
      }
      return { value }
    }
    case 'list': {
      const items = checkArray(key, value, field.label)
      if ('errors' in items) return items
      const errors: NoteValueError[] = []
      const out: string[] = []
      items.value.forEach((item, index) => {
        const text = checkText(`${key}[${index}]`, item, MAX_NOTE_ITEM_LENGTH, field.itemLabel)
        if (typeof text !== 'string') errors.push(text)
        else if (text !== '') out.push(text)
      })
      return errors.length > 0 ? { errors } : { value: out }
    }
    case 'options': {
      const items = checkArray(key, value, field.label)
      if ('errors' in items) return items
      const errors: NoteValueError[] = []
      const out: DiscussedOption[] = []
      items.value.forEach((item, index) => {
        const path = `${key}[${index}]`
        if (!isRecord(item)) {
          errors.push({ field: path, message: 'Each option must have a role, when and how realistic' })
          return
        }
        const role = checkText(`${path}.role`, item.role, MAX_NOTE_ITEM_LENGTH, 'Role')
        const notes =
          item.notes === undefined ? undefined : checkText(`${path}.notes`, item.notes, MAX_NOTE_ITEM_LENGTH, 'Notes')
        const before = errors.length
        if (typeof role !== 'string') errors.push(role)
        else if (role === '') errors.push({ field: `${path}.role`, message: 'Enter the role' })
        if (notes !== undefined && typeof notes !== 'string') errors.push(notes)
        if (!TIMINGS.includes(item.timing as OptionTiming)) {
          errors.push({ field: `${path}.timing`, message: 'Select whether it is possible now or later' })
        }
        if (!REALISMS.includes(item.realism as OptionRealism)) {
          errors.push({ field: `${path}.realism`, message: 'Select whether it is realistic or a stretch' })
        }
        if (errors.length > before || typeof role !== 'string') return
        out.push({
          role,
          timing: item.timing as OptionTiming,
          realism: item.realism as OptionRealism,
          ...(typeof notes === 'string' && notes !== '' ? { notes } : {}),
        })
      })
      return errors.length > 0 ? { errors } : { value: out }
    }
    case 'developmentNeeds': {
      const items = checkArray(key, value, field.label)
      if ('errors' in items) return items
      const errors: NoteValueError[] = []
      const out: DevelopmentNeed[] = []
      items.value.forEach((item, index) => {
        const path = `${key}[${index}]`
        if (!isRecord(item)) {
          errors.push({ field: path, message: 'Each development need must have a description' })
          return
        }
        const need = checkText(`${path}.need`, item.need, MAX_NOTE_ITEM_LENGTH, 'Development need')
        if (typeof need !== 'string') errors.push(need)
        else if (need === '') errors.push({ field: `${path}.need`, message: 'Enter the development need' })
        if (item.isFocus !== undefined && typeof item.isFocus !== 'boolean') {
          errors.push({ field: `${path}.isFocus`, message: 'Focus must be yes or no' })
        }
        if (typeof need === 'string' && need !== '') out.push({ need, isFocus: item.isFocus === true })
      })
      if (errors.length === 0 && out.filter((need) => need.isFocus).length > 1) {
        errors.push({ field: key, message: 'Choose only one development need to focus on first' })
      }
      return errors.length > 0 ? { errors } : { value: out }
    }
    case 'actions':
      return { errors: [{ field: key, message: 'Actions are saved as their own records, not in the notes' }] }
  }
}

function checkText(path: string, value: unknown, max: number, label: string): string | NoteValueError {
  if (typeof value !== 'string') return { field: path, message: `${label} must be text` }
  const trimmed = value.trim()
  if (trimmed.includes('\u0000')) return { field: path, message: `${label} contains a character that is not allowed` }
  let length = 0
  for (const _ of trimmed) length++
  if (length > max) {
    return { field: path, message: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` }
  }
  return trimmed
}

function checkArray(path: string, value: unknown, label: string): { value: unknown[] } | { errors: NoteValueError[] } {
  if (!Array.isArray(value)) return { errors: [{ field: path, message: `${label} must be a list` }] }
  if (value.length > MAX_NOTE_ITEMS) {
    return { errors: [{ field: path, message: `${label} can have ${MAX_NOTE_ITEMS} entries at most` }] }
  }
  return { value }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isEmpty(value: NoteValue | undefined): boolean {
  if (value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  return value.length === 0
}
