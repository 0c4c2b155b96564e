/**
 * View data for the coach's notes pages (no default export: autoload skips
 * this file). The templates are in templates/pages/coach.
 */
import {
  ACTION_CATEGORIES,
  ACTION_OWNERS,
  ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusColours,
  actionStatusLabels,
  type Action,
} from '../../../domain/actions/index.js'
import { healthDetailsWarning, preparationModelFor, type NoteValue } from '../../../domain/conversation-models/index.js'
import { optionRealismLabels, optionTimingLabels, type DevelopmentNeed, type DiscussedOption } from '../../../domain/conversation-models/index.js'
import type { Booking } from '../../../domain/booking/types.js'
import {
  actionStateFromAction,
  emptyActionState,
  formStateFromValues,
  type ActionFormState,
  type FormError,
  type NotesFormState,
} from '../../../domain/notes/notes-form.js'
import type { CandidateSummary, NotesState } from '../../../domain/notes/index.js'
import { formatCalendarDate } from '../../../emails/follow-up-emails.js'
import { formatDate, formatDateTimeRange, formatTime } from '../../../domain/time/index.js'

export const notesPath = (bookingId: string) => `/coach/conversations/${bookingId}/notes`

/** The header links of the coach's pages: their conversations, and their availability (with its sub-pages). */
export function headerNavigation(current: 'conversations' | 'availability' = 'conversations') {
  return {
    items: [
      { text: 'Conversations', href: '/coach', current: current === 'conversations' },
      { text: 'Availability', href: '/coach/availability', current: current === 'availability' },
    ],
  }
}

export function bookingView(booking: Booking, zone: string) {
  return {
    id: booking.id,
    candidateName: booking.candidate.name,
    when: formatDateTimeRange(booking.startsAt, booking.endsAt, zone),
    contact: booking.contactMethod === 'phone' ? `Phone: ${booking.candidate.phone ?? 'not given'}` : booking.videoLink ? 'Video call' : 'Video call (no link yet)',
    videoLink: booking.videoLink,
    reference: booking.reference,
    accessibilityNeeds: booking.accessibilityNeeds,
  }
}

export function errorView(errors: readonly FormError[], extra: { text: string; href: string }[] = []) {
  return {
    hasErrors: errors.length + extra.length > 0,
    errorList: [...extra, ...errors.map((error) => ({ text: error.text, href: `#${error.id}` }))],
    errors: Object.fromEntries(errors.map((error) => [error.id, error.text])),
  }
}

const choices = (state: NotesState) => ({
  owners: ACTION_OWNERS.map((value) => ({ value, text: actionOwnerLabels[value] })),
  categories: ACTION_CATEGORIES.map((value) => ({ value, text: actionCategoryLabels[value] })),
  statuses: ACTION_STATUSES.map((value) => ({ value, text: actionStatusLabels[value] })),
  resources: state.resources.map((resource) => ({ value: resource.id, text: resource.title })),
})

interface NotesFormInput {
  /** What the fields show: from the stored notes, or a refused post. */
  form?: NotesFormState
  actionStates?: Record<string, ActionFormState>
  newAction?: ActionFormState
  noActionsAgreed?: boolean
  /** The version the form carries (a refused stale post keeps its own). */
  version?: number
  errors?: FormError[]
  extraErrors?: { text: string; href: string }[]
  banner?: string | null
}

/** The notes form (draft). */
export function draftView(state: NotesState, preparation: Record<string, string>, zone: string, input: NotesFormInput = {}) {
  const form = input.form ?? formStateFromValues(state.model, state.values)
  // The questions the candidate answered: the form their answers were written on, which may be an earlier one.
  const asked = preparationModelFor(state.model.key, Object.keys(preparation))
  const askedAt = (stageKey: string, index: number) => asked.stages.find((stage) => stage.key === stageKey) ?? asked.stages[index]
  const stages = state.model.stages.map((stage, index) => ({
    key: stage.key,
    title: stage.title,
    summary: stage.summary,
    guidance: stage.coachGuidance,
    prompts: (askedAt(stage.key, index)?.preparation.questions ?? []).map((question) => ({ question: question.label, answer: preparation[question.key] ?? null })),
    fields: stage.fields.map((field) => {
      const value = form[field.key]
      return {
        key: field.key,
        kind: field.kind,
        id: `f-${field.key}`,
        name: `f.${field.key}`,
        label: field.label,
        hint: field.hint,
        visibility: field.visibility,
        required: field.requiredToComplete === true,
        itemLabel: field.kind === 'list' ? field.itemLabel : undefined,
        options: field.kind === 'choice' ? field.options : undefined,
        text: value && 'text' in value ? value.text : '',
        rows: value && 'options' in value ? value.options : value && 'needs' in value ? value.needs : [],
      }
    }),
  }))
  const reflections = asked.reflectionQuestions
    .filter((question) => preparation[question.key])
    .map((question) => ({ question: question.label, answer: preparation[question.key]! }))
  return {
    booking: bookingView(state.booking, zone),
    modelName: state.model.name,
    healthDetailsWarning,
    version: input.version ?? state.version,
    savedText: state.updatedAt ? formatTime(state.updatedAt, zone) : null,
    banner: input.banner ?? null,
    stages,
    reflections,
    actions: state.actions.map((action) => ({ id: action.id, state: input.actionStates?.[action.id] ?? actionStateFromAction(action) })),
    newAction: input.newAction ?? emptyActionState(),
    noActionsAgreed: input.noActionsAgreed ?? state.noActionsAgreed,
    choices: choices(state),
    formAction: notesPath(state.booking.id),
    apiPath: `/api/v1/bookings/${state.booking.id}`,
    timeZone: zone,
    headerNavigation: headerNavigation(),
    backLink: { href: '/coach', text: 'Your conversations' },
    ...errorView(input.errors ?? [], input.extraErrors ?? []),
  }
}

function readableValue(value: NoteValue | undefined, kind: string, options?: readonly { value: string; label: string }[]): { text?: string; items?: string[] } | null {
  if (value === undefined) return null
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value !== '' ? { text: value } : null
    case 'choice': {
      const label = options?.find((option) => option.value === value)?.label
      return label ? { text: label } : null
    }
    case 'list':
      return Array.isArray(value) && value.length > 0 ? { items: value as string[] } : null
    case 'options':
      return Array.isArray(value) && value.length > 0
        ? {
            items: (value as DiscussedOption[]).map(
              (option) =>
                `${option.role}: ${optionTimingLabels[option.timing].toLowerCase()}, ${optionRealismLabels[option.realism].toLowerCase()}${option.notes ? `. ${option.notes}` : ''}`,
            ),
          }
        : null
    case 'developmentNeeds':
      return Array.isArray(value) && value.length > 0
        ? { items: (value as DevelopmentNeed[]).map((need) => (need.isFocus ? `${need.need} (focus first)` : need.need)) }
        : null
    default:
      return null
  }
}

function actionRow(action: Action) {
  const lastComment = [...action.history].reverse().find((change) => change.comment)?.comment ?? null
  return {
    summary: action.summary,
    ownerLabel: actionOwnerLabels[action.owner],
    dueText: formatCalendarDate(action.dueOn),
    categoryLabel: actionCategoryLabels[action.category],
    statusLabel: actionStatusLabels[action.status],
    statusColour: actionStatusColours[action.status],
    resource: action.resource,
    lastComment,
  }
}

/** Completed notes: read-only, with addenda and the addendum form. */
export function completedView(
  state: NotesState,
  zone: string,
  input: { errors?: FormError[]; banner?: string | null; addendumValues?: { text: string; visibility: string } } = {},
) {
  return {
    booking: bookingView(state.booking, zone),
    completedBy: state.completedBy?.name ?? 'a coach',
    completedText: state.completedAt ? `${formatDate(state.completedAt, zone)} at ${formatTime(state.completedAt, zone)}` : '',
    healthDetailsWarning,
    banner: input.banner ?? null,
    stages: state.model.stages.map((stage) => ({
      title: stage.title,
      hasActions: stage.fields.some((field) => field.kind === 'actions'),
      entries: stage.fields
        .filter((field) => field.kind !== 'actions')
        .flatMap((field) => {
          const readable = readableValue(state.values[field.key], field.kind, field.kind === 'choice' ? field.options : undefined)
          return readable ? [{ label: field.label, visibility: field.visibility, ...readable }] : []
        }),
    })),
    actions: state.actions.map(actionRow),
    noActionsAgreed: state.noActionsAgreed,
    addenda: state.addenda.map((addendum) => ({
      text: addendum.text,
      visibility: addendum.visibility,
      authorName: addendum.author?.name ?? 'A coach',
      whenText: `${formatDate(addendum.createdAt, zone)} at ${formatTime(addendum.createdAt, zone)}`,
    })),
    addendumAction: `${notesPath(state.booking.id)}/addenda`,
    addendumValues: input.addendumValues ?? { text: '', visibility: '' },
    headerNavigation: headerNavigation(),
    backLink: { href: '/coach', text: 'Your conversations' },
    ...errorView(input.errors ?? []),
  }
}

/** The candidate-facing summary with the due dates written out. */
export function summaryView(summary: CandidateSummary) {
  return { ...summary, actions: summary.actions.map((action) => ({ ...action, dueText: formatCalendarDate(action.dueOn) })) }
}
