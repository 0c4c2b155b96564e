/**
 * The notes page's form (it works without JavaScript): how its fields are
 * named, how a posted form becomes note values and action changes, and how
 * stored notes (or a refused post) become what the fields show. Pure.
 *
 * Field names:
 *   f.<key>                          text, list (one item per line), choice
 *   f.<key>.<row>.role|timing|realism|notes     options discussed
 *   f.<key>.<row>.need, f.<key>.<row>.focus     development needs
 *   noActionsAgreed=yes, version=<n>, intent=save|add-action|complete|remove:<action id>
 *   a.<action id>.<field>, new.<field>           actions (dueOn[day|month|year] from the date input)
 * Element ids (what an error summary links to): the same with dashes, e.g. f-purpose,
 * f-optionsDiscussed-0-role, a-<action id>-dueOn-day, new-summary.
 */
import type { Action, ActionInput } from '../actions/types.js'
import type { ConversationModel, DevelopmentNeed, DiscussedOption, NoteValues } from '../conversation-models/index.js'
import type { FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import type { ActionChanges } from '../actions/actions-service.js'

export type PostedForm = Record<string, string | string[] | undefined>

interface OptionRow {
  role: string
  timing: string
  realism: string
  notes: string
}
interface NeedRow {
  need: string
  focus: boolean
}

/** What one field shows: text for text, list (lines) and choice; rows for options and development needs. */
type FormFieldValue = { text: string } | { options: OptionRow[] } | { needs: NeedRow[] }
export type NotesFormState = Record<string, FormFieldValue>

export interface ActionFormState {
  summary: string
  owner: string
  dueDay: string
  dueMonth: string
  dueYear: string
  category: string
  resourceId: string
  linkUrl: string
  linkTitle: string
  status: string
}

type NotesFormIntent = { kind: 'save' } | { kind: 'add-action' } | { kind: 'complete' } | { kind: 'remove'; actionId: string }

interface ParsedNotesForm {
  version: number
  state: NotesFormState
  noActionsAgreed: boolean
  actions: Record<string, ActionFormState>
  newAction: ActionFormState
  intent: NotesFormIntent
}

/** Blank rows shown under the ones in use, so a coach can add without JavaScript. */
const SPARE_ROWS = 2

function one(form: PostedForm, name: string): string {
  const value = form[name]
  const text = Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
  return typeof text === 'string' ? text : ''
}

/** The row numbers posted for a structured field, in order. */
function rowsOf(form: PostedForm, key: string): number[] {
  const rows = new Set<number>()
  const pattern = new RegExp(`^f\\.${key}\\.(\\d{1,2})\\.`)
  for (const name of Object.keys(form)) {
    const match = pattern.exec(name)
    if (match) rows.add(Number(match[1]))
  }
  return [...rows].sort((a, b) => a - b)
}

export const emptyActionState = (): ActionFormState => ({
  summary: '',
  owner: '',
  dueDay: '',
  dueMonth: '',
  dueYear: '',
  category: '',
  resourceId: '',
  linkUrl: '',
  linkTitle: '',
  status: '',
})

function actionStateFrom(form: PostedForm, prefix: string): ActionFormState {
  return {
    summary: one(form, `${prefix}.summary`),
    owner: one(form, `${prefix}.owner`),
    dueDay: one(form, `${prefix}.dueOn[day]`),
    dueMonth: one(form, `${prefix}.dueOn[month]`),
    dueYear: one(form, `${prefix}.dueOn[year]`),
    category: one(form, `${prefix}.category`),
    resourceId: one(form, `${prefix}.resourceId`),
    linkUrl: one(form, `${prefix}.linkUrl`),
    linkTitle: one(form, `${prefix}.linkTitle`),
    status: one(form, `${prefix}.status`),
  }
}

function parseIntent(value: string): NotesFormIntent {
  if (value === 'add-action' || value === 'complete') return { kind: value }
  const remove = /^remove:(.+)$/.exec(value)
  if (remove && looksLikeUuid(remove[1]!)) return { kind: 'remove', actionId: remove[1]! }
  return { kind: 'save' }
}

export function parseNotesForm(model: ConversationModel, form: PostedForm): ParsedNotesForm {
  const state: NotesFormState = {}
  for (const stage of model.stages) {
    for (const field of stage.fields) {
      const name = `f.${field.key}`
      switch (field.kind) {
        case 'text':
        case 'list':
        case 'choice':
          state[field.key] = { text: one(form, name) }
          break
        case 'options':
          state[field.key] = {
            options: rowsOf(form, field.key).map((row) => ({
              role: one(form, `${name}.${row}.role`),
              timing: one(form, `${name}.${row}.timing`),
              realism: one(form, `${name}.${row}.realism`),
              notes: one(form, `${name}.${row}.notes`),
            })),
          }
          break
        case 'developmentNeeds':
          state[field.key] = {
            needs: rowsOf(form, field.key).map((row) => ({ need: one(form, `${name}.${row}.need`), focus: one(form, `${name}.${row}.focus`) === 'yes' })),
          }
          break
        case 'actions':
          break
      }
    }
  }
  const actions: Record<string, ActionFormState> = {}
  for (const name of Object.keys(form)) {
    const match = /^a\.([0-9a-f-]{36})\.summary$/i.exec(name)
    if (match && looksLikeUuid(match[1]!)) actions[match[1]!] = actionStateFrom(form, `a.${match[1]}`)
  }
  const version = Number.parseInt(one(form, 'version'), 10)
  return {
    version: Number.isFinite(version) && version >= 0 ? version : -1,
    state,
    noActionsAgreed: one(form, 'noActionsAgreed') === 'yes',
    actions,
    newAction: actionStateFrom(form, 'new'),
    intent: parseIntent(one(form, 'intent')),
  }
}

const blankOption = (row: OptionRow) => [row.role, row.timing, row.realism, row.notes].every((part) => part.trim() === '')

/**
 * Note values for the service (which checks them), and for each structured
 * field the form row of each value (blank rows are left out), so an error
 * about "optionsDiscussed[1]" can point at the right row.
 */
export function valuesFromForm(model: ConversationModel, state: NotesFormState): { values: Record<string, unknown>; rowsUsed: Record<string, number[]> } {
  const values: Record<string, unknown> = {}
  const rowsUsed: Record<string, number[]> = {}
  for (const stage of model.stages) {
    for (const field of stage.fields) {
      const value = state[field.key]
      if (!value) continue
      if (field.kind === 'text' && 'text' in value) {
        if (value.text.trim() !== '') values[field.key] = value.text
      } else if (field.kind === 'choice' && 'text' in value) {
        if (value.text !== '') values[field.key] = value.text
      } else if (field.kind === 'list' && 'text' in value) {
        const items = value.text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')
        if (items.length > 0) values[field.key] = items
      } else if (field.kind === 'options' && 'options' in value) {
        const used = value.options.map((row, index) => ({ row, index })).filter(({ row }) => !blankOption(row))
        rowsUsed[field.key] = used.map(({ index }) => index)
        if (used.length > 0) {
          values[field.key] = used.map(({ row }) => ({
            role: row.role,
            ...(row.timing ? { timing: row.timing } : {}),
            ...(row.realism ? { realism: row.realism } : {}),
            ...(row.notes.trim() ? { notes: row.notes } : {}),
          }))
        }
      } else if (field.kind === 'developmentNeeds' && 'needs' in value) {
        const used = value.needs.map((row, index) => ({ row, index })).filter(({ row }) => row.need.trim() !== '' || row.focus)
        rowsUsed[field.key] = used.map(({ index }) => index)
        if (used.length > 0) values[field.key] = used.map(({ row }) => ({ need: row.need, isFocus: row.focus }))
      }
    }
  }
  return { values, rowsUsed }
}

/** What the fields show for stored notes (with spare rows for adding more). */
export function formStateFromValues(model: ConversationModel, values: NoteValues): NotesFormState {
  const state: NotesFormState = {}
  for (const stage of model.stages) {
    for (const field of stage.fields) {
      const value = values[field.key]
      switch (field.kind) {
        case 'text':
        case 'choice':
          state[field.key] = { text: typeof value === 'string' ? value : '' }
          break
        case 'list':
          state[field.key] = { text: Array.isArray(value) ? (value as string[]).join('\n') : '' }
          break
        case 'options':
          state[field.key] = {
            options: (Array.isArray(value) ? (value as DiscussedOption[]) : []).map((option) => ({
              role: option.role,
              timing: option.timing,
              realism: option.realism,
              notes: option.notes ?? '',
            })),
          }
          break
        case 'developmentNeeds':
          state[field.key] = { needs: (Array.isArray(value) ? (value as DevelopmentNeed[]) : []).map((need) => ({ need: need.need, focus: need.isFocus })) }
          break
        case 'actions':
          break
      }
    }
  }
  return withSpareRows(state)
}

/** Makes sure each structured field ends with SPARE_ROWS blank rows. */
export function withSpareRows(state: NotesFormState): NotesFormState {
  const out: NotesFormState = {}
  for (const [key, value] of Object.entries(state)) {
    if ('options' in value) {
      const kept = [...value.options]
      while (kept.length > 0 && blankOption(kept[kept.length - 1]!)) kept.pop()
      out[key] = { options: [...kept, ...Array.from({ length: SPARE_ROWS }, () => ({ role: '', timing: '', realism: '', notes: '' }))] }
    } else if ('needs' in value) {
      const kept = [...value.needs]
      while (kept.length > 0 && kept[kept.length - 1]!.need.trim() === '' && !kept[kept.length - 1]!.focus) kept.pop()
      out[key] = { needs: [...kept, ...Array.from({ length: SPARE_ROWS }, () => ({ need: '', focus: false }))] }
    } else {
      out[key] = value
    }
  }
  return out
}

export function actionStateFromAction(action: Action): ActionFormState {
  const [year, month, day] = action.dueOn.split('-')
  const link = action.resource && action.resource.id === null ? action.resource : null
  return {
    summary: action.summary,
    owner: action.owner,
    dueDay: String(Number(day)),
    dueMonth: String(Number(month)),
    dueYear: year ?? '',
    category: action.category,
    resourceId: action.resource?.id ?? '',
    linkUrl: link?.url ?? '',
    linkTitle: link && link.title !== link.url ? link.title : '',
    status: action.status,
  }
}

/** "2026-03-07" from the date input's three boxes; '' when all are blank; something invalid when they do not make a date. */
function dateFrom(state: ActionFormState): string {
  const parts = [state.dueYear, state.dueMonth, state.dueDay].map((part) => part.trim())
  if (parts.every((part) => part === '')) return ''
  const [year, month, day] = parts as [string, string, string]
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return 'invalid'
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

function actionInputFrom(state: ActionFormState): ActionInput {
  return {
    summary: state.summary,
    owner: state.owner,
    dueOn: dateFrom(state),
    category: state.category,
    resourceId: state.resourceId || null,
    link: state.linkUrl.trim() ? { url: state.linkUrl, title: state.linkTitle || null } : null,
    status: state.status || null,
  }
}

const filled = (state: ActionFormState) =>
  [state.summary, state.dueDay, state.dueMonth, state.dueYear, state.linkUrl, state.linkTitle].some((part) => part.trim() !== '')

/** The action changes a post asks for: every action on the page as it stands, a new one when asked for (or typed in), a removal. */
export function actionChangesFrom(parsed: ParsedNotesForm): ActionChanges {
  const addNew = parsed.intent.kind === 'add-action' || filled(parsed.newAction)
  return {
    updates: Object.entries(parsed.actions).map(([id, state]) => ({ id, input: actionInputFrom(state) })),
    add: addNew ? actionInputFrom(parsed.newAction) : null,
    remove: parsed.intent.kind === 'remove' ? parsed.intent.actionId : null,
  }
}

/** The id of the element an error is about (see the header), for the error summary's links. */
function elementIdFor(field: string, rowsUsed: Record<string, number[]> = {}): string {
  const value = /^values\.([A-Za-z0-9]+)(?:\[(\d+)\](?:\.([A-Za-z]+))?)?$/.exec(field)
  if (value) {
    const [, key, index, part] = value
    if (index === undefined) return `f-${key}`
    const row = rowsUsed[key!]?.[Number(index)] ?? Number(index)
    const piece = part === 'isFocus' ? 'focus' : (part ?? (key === 'developmentNeeds' ? 'need' : 'role'))
    return `f-${key}-${row}-${piece}`
  }
  const action = /^(?:actions\.([0-9a-f-]{36})|newAction)\.(.+)$/i.exec(field)
  if (action) {
    const prefix = action[1] ? `a-${action[1]}` : 'new'
    const part = action[2]!
    if (part === 'dueOn') return `${prefix}-dueOn-day`
    if (part === 'link.url') return `${prefix}-linkUrl`
    if (part === 'link.title') return `${prefix}-linkTitle`
    return `${prefix}-${part}`
  }
  if (field === 'actions') return 'noActionsAgreed'
  return `f-${field.replace(/^values\.?/, '') || 'purpose'}`
}

export interface FormError {
  /** The element id. */
  id: string
  text: string
}

export function formErrors(problems: readonly FieldProblem[], rowsUsed: Record<string, number[]> = {}): FormError[] {
  return problems.map((problem) => ({ id: elementIdFor(problem.field, rowsUsed), text: problem.message }))
}
