/**
 * Agreed actions. While the notes are a draft the booking's coach adds,
 * changes and removes them; once the notes are complete they are fixed, and
 * only their status moves on: by the candidate (from their link), the coach
 * or an admin, each change kept with who, when and an optional comment.
 */
import type pg from 'pg'
import type { Booking, StaffPrincipal } from '../booking/types.js'
import { DomainError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import {
  deleteAction as deleteActionRow,
  findAction,
  insertAction,
  insertStatusChange,
  listActions,
  listProgrammeResources,
  setActionStatus,
  updateActionFields,
  type ActionFields,
} from '../../repositories/actions.js'
import { findNotes } from '../../repositories/notes.js'
import { NotesAuditActions, audit, openForAnyone, openForCoach, openForStaff, staffViewer, type NotesDeps, type NotesRequest } from '../notes/context.js'
import { ConversationNotHeldError, NotesCompleteError, NotesNotCompleteError } from '../notes/errors.js'
import {
  MAX_ACTIONS_PER_CONVERSATION,
  type Action,
  type ActionActor,
  type ActionInput,
  type ActionStatus,
  type CheckedActionInput,
  type ProgrammeResource,
} from './types.js'
import { checkActionInput, checkStatusComment, isActionStatus } from './validate.js'

export class ActionNotFoundError extends NotFoundError {
  constructor() {
    super('There is no such action for this conversation')
  }
}

/**
 * 403 not_your_action: a candidate may change only the actions they own; the coach's and the programme
 * team's are theirs to change (DECISIONS.md, "Who may change an action's status").
 */
export class NotYourActionError extends DomainError {
  constructor(readonly owner: string) {
    super(
      'not_your_action',
      owner === 'coach'
        ? 'This action is for your coach to do, so only they can change how it is going'
        : 'This action is for the programme team to do, so only they can change how it is going',
      403,
    )
  }
}

/** Changes to the actions on the notes form, saved with the notes. */
export interface ActionChanges {
  updates: { id: string; input: ActionInput }[]
  add: ActionInput | null
  remove: string | null
}

interface PlannedChanges {
  updates: { current: Action; value: CheckedActionInput }[]
  add: CheckedActionInput | null
  remove: Action | null
}

function sameFields(action: Action, fields: ActionFields): boolean {
  const link = action.resource && action.resource.id === null ? { url: action.resource.url, title: action.resource.title } : null
  return (
    action.summary === fields.summary &&
    action.owner === fields.owner &&
    action.dueOn === fields.dueOn &&
    action.category === fields.category &&
    (action.resource?.id ?? null) === fields.resourceId &&
    (link?.url ?? null) === (fields.link?.url ?? null) &&
    (fields.link === null || link?.title === (fields.link.title ?? fields.link.url))
  )
}

function requireDraftable(booking: Booking, notesStatus: string | undefined): void {
  if (booking.status === 'no_show' || booking.status === 'cancelled') {
    throw new ConversationNotHeldError('This conversation did not take place, so it has no actions')
  }
  if (notesStatus === 'complete') throw new NotesCompleteError()
}

/** The booking's own coach acts as its coach (even with an admin account); any other member of staff as an admin. */
function staffActorOf(staff: StaffPrincipal, booking: Booking): { actor: ActionActor; actorStaffUserId: string } {
  const isItsCoach = staff.coachId !== null && staff.coachId === booking.coachId
  return { actor: isItsCoach ? 'coach' : 'admin', actorStaffUserId: staff.userId }
}

async function plan(
  client: Queryable,
  booking: Booking,
  changes: ActionChanges,
  resources: readonly ProgrammeResource[],
  /** The notes form: an action removed meanwhile (another tab) is left alone rather than refusing the whole save. */
  { skipMissing = false } = {},
): Promise<{ ok: true; changes: PlannedChanges } | { ok: false; errors: FieldProblem[] }> {
  const resourceIds = new Set(resources.map((resource) => resource.id))
  const existing = new Map((await listActions(client, booking.id, { lock: true })).map((action) => [action.id, action]))
  const errors: FieldProblem[] = []
  const planned: PlannedChanges = { updates: [], add: null, remove: null }
  for (const { id, input } of changes.updates) {
    if (id === changes.remove) continue
    const current = existing.get(id)
    if (!current && skipMissing) continue
    if (!current) throw new ActionNotFoundError()
    const checked = checkActionInput(input, resourceIds, `actions.${id}.`)
    if (checked.ok) planned.updates.push({ current, value: checked.value })
    else errors.push(...checked.errors)
  }
  if (changes.remove !== null) {
    planned.remove = existing.get(changes.remove) ?? null
    if (!planned.remove && !skipMissing) throw new ActionNotFoundError()
  }
  if (changes.add) {
    const checked = checkActionInput(changes.add, resourceIds, 'newAction.')
    if (!checked.ok) errors.push(...checked.errors)
    else if (existing.size >= MAX_ACTIONS_PER_CONVERSATION) {
      errors.push({ field: 'newAction.summary', message: `A conversation can have ${MAX_ACTIONS_PER_CONVERSATION} actions at most` })
    } else planned.add = checked.value
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes: planned }
}

async function changeStatus(
  client: Queryable,
  action: Action,
  to: ActionStatus,
  who: { actor: ActionActor; actorStaffUserId: string | null },
  comment: string | null,
  now: Date,
): Promise<boolean> {
  if (action.status === to && comment === null) return false
  if (action.status !== to) await setActionStatus(client, action.id, to, now)
  await insertStatusChange(client, { actionId: action.id, from: action.status, to, ...who, comment, now })
  return true
}

async function apply(
  deps: NotesDeps,
  client: pg.ClientBase,
  request: NotesRequest,
  booking: Booking,
  staff: StaffPrincipal,
  changes: PlannedChanges,
  now: Date,
): Promise<string | null> {
  const viewer = staffViewer(staff)
  const who = staffActorOf(staff, booking)
  for (const { current, value } of changes.updates) {
    let changed = false
    if (!sameFields(current, value)) {
      await updateActionFields(client, current.id, value, now)
      changed = true
    }
    if (value.status !== null) changed = (await changeStatus(client, current, value.status, who, null, now)) || changed
    if (changed) await audit(deps, request, viewer, { action: NotesAuditActions.actionUpdated, bookingId: booking.id, details: { actionId: current.id } }, client)
  }
  if (changes.remove) {
    await deleteActionRow(client, booking.id, changes.remove.id)
    await audit(deps, request, viewer, { action: NotesAuditActions.actionDeleted, bookingId: booking.id, details: { actionId: changes.remove.id } }, client)
  }
  let added: string | null = null
  if (changes.add) {
    const status = changes.add.status ?? 'not_started'
    added = await insertAction(client, { ...changes.add, bookingId: booking.id, status, staffUserId: staff.userId, now })
    await insertStatusChange(client, { actionId: added, from: null, to: status, ...who, comment: null, now })
    await audit(deps, request, viewer, { action: NotesAuditActions.actionCreated, bookingId: booking.id, details: { actionId: added } }, client)
  }
  return added
}

/** Used by the notes service to save the notes form's actions with the notes, in one transaction. */
export const applyActionChanges = { plan, apply }

async function inDraft<T>(
  deps: NotesDeps,
  bookingId: string,
  request: NotesRequest,
  changes: ActionChanges,
  then: (client: pg.PoolClient, booking: Booking, added: string | null) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, staff } = await openForCoach(client, bookingId, request, now, { lock: true })
    requireDraftable(booking, (await findNotes(client, booking.id, { lock: true }))?.status)
    const planned = await plan(client, booking, changes, await listProgrammeResources(client, booking.programme.id))
    if (!planned.ok) {
      // One action at a time here: name the fields without the form's prefixes.
      throw new ValidationError(planned.errors.map((e) => ({ ...e, field: e.field.replace(/^(newAction|actions\.[^.]+)\./, '') })))
    }
    const added = await apply(deps, client, request, booking, staff, planned.changes, now)
    return then(client, booking, added)
  })
}

/** Adds an action (draft notes only). */
export async function createAction(deps: NotesDeps, bookingId: string, request: NotesRequest, input: ActionInput): Promise<Action> {
  return inDraft(deps, bookingId, request, { updates: [], add: input, remove: null }, async (client, booking, added) =>
    (await findAction(client, booking.id, added!))!,
  )
}

/** Changes an action (draft notes only); `status` may change too. */
export async function updateAction(
  deps: NotesDeps,
  bookingId: string,
  actionId: string,
  request: NotesRequest,
  input: ActionInput,
): Promise<Action> {
  return inDraft(deps, bookingId, request, { updates: [{ id: actionId, input }], add: null, remove: null }, async (client, booking) =>
    (await findAction(client, booking.id, actionId))!,
  )
}

/** Removes an action (draft notes only). */
export async function deleteAction(deps: NotesDeps, bookingId: string, actionId: string, request: NotesRequest): Promise<void> {
  await inDraft(deps, bookingId, request, { updates: [], add: null, remove: actionId }, async () => undefined)
}

/**
 * A new status for an agreed action, with an optional short comment (or a
 * comment alone): by the candidate from their link, the coach or an admin.
 * Only once the notes are complete; before that a candidate sees no actions at all.
 */
export async function changeActionStatus(
  deps: NotesDeps,
  bookingId: string,
  actionId: string,
  request: NotesRequest,
  command: { status: unknown; comment?: unknown },
): Promise<Action> {
  const problems: FieldProblem[] = []
  if (!isActionStatus(command.status)) problems.push({ field: 'status', message: 'Select how the action is going' })
  const comment = checkStatusComment(command.comment)
  if (!comment.ok) problems.push(...comment.errors)
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, viewer } = await openForAnyone(client, bookingId, request, now, { lock: true })
    const notes = await findNotes(client, booking.id, { lock: true })
    if (notes?.status !== 'complete') {
      if (viewer.kind === 'candidate') throw new ActionNotFoundError()
      throw new NotesNotCompleteError('While the notes are a draft, change the action on the notes page')
    }
    const action = await findAction(client, booking.id, actionId, { lock: true })
    if (!action) throw new ActionNotFoundError()
    if (problems.length > 0) throw new ValidationError(problems)
    // DECISIONS.md, "Who may change an action's status": a candidate only the actions they own; its coach and
    // the programme team any action of the conversation (openForAnyone lets in no other coach).
    if (viewer.kind === 'candidate' && action.owner !== 'candidate') throw new NotYourActionError(action.owner)
    const who = viewer.kind === 'candidate' ? { actor: 'candidate' as const, actorStaffUserId: null } : staffActorOf(viewer.staff, booking)
    const changed = await changeStatus(client, action, command.status as ActionStatus, who, comment.ok ? comment.value : null, now)
    if (changed) {
      await audit(
        deps,
        request,
        viewer,
        { action: NotesAuditActions.actionStatusChanged, bookingId: booking.id, details: { actionId: action.id, from: action.status, to: command.status as string } },
        client,
      )
    }
    return (await findAction(client, booking.id, action.id))!
  })
}

/** The resource library of the booking's programme, for its coach or an admin. */
export async function listResourcesFor(deps: NotesDeps, bookingId: string, request: NotesRequest): Promise<ProgrammeResource[]> {
  const { booking } = await openForStaff(deps.pool, bookingId, request, deps.clock.now())
  return listProgrammeResources(deps.pool, booking.programme.id)
}
