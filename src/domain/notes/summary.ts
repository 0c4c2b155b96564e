/**
 * The candidate-facing summary of a conversation: the shared fields of the
 * notes in stage order, the shared addenda, and the agreed actions. Built
 * from the model the notes were written against. Private fields and private
 * addenda never enter it: this is the only shape that leaves the service for
 * a candidate (the API's response schema repeats the rule).
 */
import {
  actionCategoryLabels,
  actionOwnerLabelsForCandidate,
  actionStatusLabels,
  type Action,
  type ActionCategory,
  type ActionOwner,
  type ActionStatus,
} from '../actions/types.js'
import {
  optionRealismLabels,
  optionTimingLabels,
  sharedNoteValues,
  type ConversationModel,
  type DevelopmentNeed,
  type DiscussedOption,
  type NoteValues,
} from '../conversation-models/index.js'
import type { Addendum } from './types.js'

interface SummaryOption {
  role: string
  timing: DiscussedOption['timing']
  timingLabel: string
  realism: DiscussedOption['realism']
  realismLabel: string
  notes: string | null
}

/** One shared field with something in it. Exactly one of text, items, options, developmentNeeds is set. */
export interface SummaryEntry {
  key: string
  label: string
  kind: 'text' | 'list' | 'choice' | 'options' | 'developmentNeeds'
  text?: string
  items?: string[]
  options?: SummaryOption[]
  developmentNeeds?: DevelopmentNeed[]
}

export interface SummaryStage {
  key: string
  title: string
  entries: SummaryEntry[]
}

interface SummaryStatusChange {
  from: ActionStatus | null
  to: ActionStatus
  at: Date
  /** Who made the change, as the candidate reads it. */
  by: 'candidate' | 'coach' | 'programme_team'
  /** Only the candidate's own comments. */
  comment: string | null
}

export interface SummaryAction {
  id: string
  summary: string
  owner: ActionOwner
  ownerLabel: string
  dueOn: string
  category: ActionCategory
  categoryLabel: string
  resource: { title: string; url: string; description: string | null } | null
  status: ActionStatus
  statusLabel: string
  statusChangedAt: Date
  history: SummaryStatusChange[]
}

export interface CandidateSummary {
  stages: SummaryStage[]
  addenda: { text: string; createdAt: Date }[]
  noActionsAgreed: boolean
  actions: SummaryAction[]
}

function entryFor(field: ConversationModel['stages'][number]['fields'][number], value: unknown): SummaryEntry | null {
  // Spoken to the candidate: the model's own wording for them (types.ts, candidateLabel).
  const base = { key: field.key, label: field.candidateLabel ?? field.label }
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '' ? { ...base, kind: 'text', text: value } : null
    case 'choice': {
      const option = field.options.find((candidate) => candidate.value === value)
      return option ? { ...base, kind: 'choice', text: option.label } : null
    }
    case 'list': {
      const items = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []
      return items.length > 0 ? { ...base, kind: 'list', items } : null
    }
    case 'options': {
      const options = (Array.isArray(value) ? (value as DiscussedOption[]) : []).map((option) => ({
        role: option.role,
        timing: option.timing,
        timingLabel: optionTimingLabels[option.timing],
        realism: option.realism,
        realismLabel: optionRealismLabels[option.realism],
        notes: option.notes ?? null,
      }))
      return options.length > 0 ? { ...base, kind: 'options', options } : null
    }
    case 'developmentNeeds': {
      const needs = (Array.isArray(value) ? (value as DevelopmentNeed[]) : []).map((need) => ({ need: need.need, isFocus: need.isFocus }))
      // The focus first: it is the one to start with.
      needs.sort((a, b) => Number(b.isFocus) - Number(a.isFocus))
      return needs.length > 0 ? { ...base, kind: 'developmentNeeds', developmentNeeds: needs } : null
    }
    case 'actions':
      return null // listed on their own
  }
}

export function summaryAction(action: Action): SummaryAction {
  return {
    id: action.id,
    summary: action.summary,
    owner: action.owner,
    ownerLabel: actionOwnerLabelsForCandidate[action.owner],
    dueOn: action.dueOn,
    category: action.category,
    categoryLabel: actionCategoryLabels[action.category],
    resource: action.resource ? { title: action.resource.title, url: action.resource.url, description: action.resource.description } : null,
    status: action.status,
    statusLabel: actionStatusLabels[action.status],
    statusChangedAt: action.statusChangedAt,
    history: action.history.map((change) => ({
      from: change.from,
      to: change.to,
      at: change.at,
      by: change.actor === 'candidate' ? 'candidate' : change.actor === 'coach' ? 'coach' : 'programme_team',
      comment: change.actor === 'candidate' ? change.comment : null,
    })),
  }
}

export function buildCandidateSummary(input: {
  model: ConversationModel
  values: NoteValues
  noActionsAgreed: boolean
  addenda: readonly Addendum[]
  actions: readonly Action[]
}): CandidateSummary {
  const shared = sharedNoteValues(input.model, input.values)
  const stages = input.model.stages.map((stage) => ({
    key: stage.key,
    title: stage.title,
    entries: stage.fields
      .filter((field) => field.visibility === 'shared')
      .map((field) => entryFor(field, shared[field.key]))
      .filter((entry): entry is SummaryEntry => entry !== null),
  }))
  return {
    stages,
    addenda: input.addenda.filter((addendum) => addendum.visibility === 'shared').map((addendum) => ({ text: addendum.text, createdAt: addendum.createdAt })),
    noActionsAgreed: input.noActionsAgreed,
    actions: input.actions.map(summaryAction),
  }
}
