/**
 * Conversation notes: read by the booking's coach and admins (every read
 * audited), written by the booking's coach only, saved as drafts with a
 * version number (a save based on an older version is refused: 409
 * stale_notes), completed once (the minimum checked; the notes locked; the
 * summary email queued in the same transaction), then only added to.
 */
import { DEFAULT_CONVERSATION_MODEL_KEY, getConversationModel, missingForCompletion, validateNoteValues } from '../conversation-models/index.js'
import type { ConversationModel, NoteValues } from '../conversation-models/index.js'
import type { Action, ProgrammeResource } from '../actions/types.js'
import type { Booking, StaffPrincipal } from '../booking/types.js'
import { ConflictError, ValidationError, type FieldProblem } from '../errors.js'
import { OUTCOME_MESSAGES, canCorrectOutcome, isNoShowReason } from './outcome-rules.js'
import type pg from 'pg'
import { scheduleQuestionsAfterConversation, unscheduleQuestionsAfterConversation } from '../outcomes/schedule.js'
import { insertBookingEvent } from '../../repositories/bookings.js'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import { listActions, listProgrammeResources } from '../../repositories/actions.js'
import { findProgrammeRecordSettings } from '../../repositories/programmes.js'
import {
  findNotes,
  findOutcome,
  insertAddendum,
  insertNotes,
  listAddenda,
  markNotesComplete,
  saveOutcome,
  setBookingOutcomeStatus,
  updateDraftNotes,
} from '../../repositories/notes.js'
import { applyActionChanges, type ActionChanges } from '../actions/actions-service.js'
import { NotesAuditActions, audit, openForCoach, openForStaff, staffViewer, type NotesDeps, type NotesRequest } from './context.js'
import {
  ConversationNotHeldError,
  ConversationNotStartedError,
  NotesCompleteError,
  NotesNotCompleteError,
  StaleNotesError,
} from './errors.js'
import {
  ADDENDUM_MAX_LENGTH,
  CONVERSATION_OUTCOMES,
  type Addendum,
  type ConversationOutcome,
  type NoteVisibility,
  type NotesStatus,
  type RecordedOutcome,
  type StaffRef,
  type StoredNotes,
} from './types.js'
import { canonicalJson } from '../canonical-json.js'

/** Everything the coach's notes page and the staff API show about one conversation. */
export interface NotesState {
  booking: Booking
  model: ConversationModel
  status: NotesStatus
  /** 0 before the first save. */
  version: number
  values: NoteValues
  noActionsAgreed: boolean
  updatedAt: Date | null
  updatedBy: StaffRef | null
  completedAt: Date | null
  completedBy: StaffRef | null
  addenda: Addendum[]
  actions: Action[]
  resources: ProgrammeResource[]
  outcome: RecordedOutcome | null
}

const NOTES_MESSAGES = {
  noActions: 'Add at least one agreed action, or tick "No actions were agreed"',
  notReady: 'The notes are not ready to complete',
  addendumMissing: 'Enter the addendum',
  addendumTooLong: `The addendum must be ${ADDENDUM_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  visibilityMissing: 'Select who can see the addendum',
} as const

/** The model the notes were written against, or (before the first save) the programme's current one. */
export async function modelForNotes(db: Queryable, booking: Booking, notes: StoredNotes | null): Promise<ConversationModel> {
  const model = notes
    ? getConversationModel(notes.modelKey, notes.modelVersion)
    : getConversationModel((await findProgrammeRecordSettings(db, booking.programme.id))?.modelKey ?? DEFAULT_CONVERSATION_MODEL_KEY)
  if (!model) throw new Error(`Unknown conversation model for booking ${booking.id}`)
  return model
}

/**
 * One query after another: `db` may be a transaction's client, which runs
 * one query at a time. What the caller has already read in this transaction
 * (`known`) is not read again.
 */
async function loadState(
  db: Queryable,
  booking: Booking,
  notes: StoredNotes | null,
  known: { model?: ConversationModel; actions?: Action[]; resources?: ProgrammeResource[] } = {},
): Promise<NotesState> {
  const model = known.model ?? (await modelForNotes(db, booking, notes))
  const addenda = notes ? await listAddenda(db, booking.id) : []
  const actions = known.actions ?? (await listActions(db, booking.id))
  const resources = known.resources ?? (await listProgrammeResources(db, booking.programme.id))
  const outcome = await findOutcome(db, booking.id)
  return {
    booking,
    model,
    status: notes?.status ?? 'not_started',
    version: notes?.version ?? 0,
    values: notes?.values ?? {},
    noActionsAgreed: notes?.noActionsAgreed ?? false,
    updatedAt: notes?.updatedAt ?? null,
    updatedBy: notes?.updatedBy ?? null,
    completedAt: notes?.completedAt ?? null,
    completedBy: notes?.completedBy ?? null,
    addenda,
    actions,
    resources,
    outcome,
  }
}

/** What must be there before the notes can be completed; [] when they can be. */
export function completionProblems(model: ConversationModel, values: NoteValues, noActionsAgreed: boolean, actionCount: number): FieldProblem[] {
  const problems: FieldProblem[] = missingForCompletion(model, values).map((key) => {
    const label = model.stages.flatMap((stage) => stage.fields).find((field) => field.key === key)?.label ?? key
    return { field: key, message: `Enter the ${label.charAt(0).toLowerCase()}${label.slice(1)}` }
  })
  if (actionCount === 0 && !noActionsAgreed) problems.push({ field: 'actions', message: NOTES_MESSAGES.noActions })
  return problems
}

/** Notes can be written for a conversation that is booked or was held, not for one missed or cancelled. */
function requireWritable(booking: Booking): void {
  if (booking.status === 'no_show' || booking.status === 'cancelled') {
    throw new ConversationNotHeldError('This conversation did not take place, so its notes cannot be changed')
  }
}

const outcomeEvent = { held: 'completed', no_show: 'no_show', cancelled_late: 'cancelled' } as const

/**
 * The booking's status follows the outcome its coach recorded, with the change
 * in its history (same calendar sequence). Held queues the candidate's
 * feedback and outcome follow-ups; any other outcome takes them out again
 * (src/domain/outcomes/schedule.ts).
 */
async function followOutcome(
  deps: NotesDeps,
  client: pg.PoolClient,
  booking: Booking,
  staff: StaffPrincipal,
  outcome: ConversationOutcome,
  now: Date,
): Promise<void> {
  await setBookingOutcomeStatus(client, booking.id, outcome, now)
  if (outcome === 'held') {
    await scheduleQuestionsAfterConversation(deps, client, { bookingId: booking.id, startsAt: booking.startsAt, endsAt: booking.endsAt, now })
  } else {
    await unscheduleQuestionsAfterConversation(deps, client, booking.id)
  }
  await insertBookingEvent(client, {
    bookingId: booking.id,
    kind: outcomeEvent[outcome],
    actor: 'coach',
    actorStaffUserId: staff.userId,
    occurredAt: now,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    coachId: booking.coachId,
    reason: outcome === 'cancelled_late' ? 'Cancelled late' : null,
    sequence: booking.sequence,
  })
}

/** The notes, addenda, actions and outcome of a conversation, for its coach or an admin. Audited. */
export async function getNotes(deps: NotesDeps, bookingId: string, request: NotesRequest): Promise<NotesState> {
  const { booking, staff } = await openForStaff(deps.pool, bookingId, request, deps.clock.now())
  const state = await loadState(deps.pool, booking, await findNotes(deps.pool, booking.id))
  await audit(deps, request, staffViewer(staff), {
    action: NotesAuditActions.read,
    bookingId: booking.id,
    details: { status: state.status, version: state.version },
  })
  return state
}

interface SaveNotesCommand {
  /** The version the change is based on (0 when there were no notes yet). */
  version: number
  values: unknown
  /** Left out: unchanged. */
  noActionsAgreed?: boolean
  /** The notes form (no JavaScript) saves the actions on the page in the same go. */
  actions?: ActionChanges
}

/**
 * The booking's notes, locked, for a change by its coach: refused once
 * complete (409 notes_complete) and when `version` is not the current one
 * (409 stale_notes, saying who saved last and when).
 */
async function openDraft(client: Queryable, bookingId: string, request: NotesRequest, now: Date, version: number) {
  const { booking, staff } = await openForCoach(client, bookingId, request, now, { lock: true })
  requireWritable(booking)
  const notes = await findNotes(client, booking.id, { lock: true })
  if (notes?.status === 'complete') throw new NotesCompleteError()
  const current = notes?.version ?? 0
  if (version !== current) {
    throw new StaleNotesError({ version: current, updatedAt: notes?.updatedAt ?? now, updatedBy: notes?.updatedBy ?? null })
  }
  return { booking, staff, notes, current }
}

/**
 * Saves a draft. Refused with 409 stale_notes when `version` is not the
 * current one, 409 notes_complete once complete, 400 with the fields for
 * values the model does not accept (nothing is saved then). A save that
 * changes nothing keeps the version.
 */
export async function saveNotes(deps: NotesDeps, bookingId: string, request: NotesRequest, command: SaveNotesCommand): Promise<NotesState> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, staff, notes, current } = await openDraft(client, bookingId, request, now, command.version)
    const model = await modelForNotes(client, booking, notes)
    const checked = validateNoteValues(model, command.values)
    const problems: FieldProblem[] = checked.ok ? [] : checked.errors.map((e) => ({ field: e.field ? `values.${e.field}` : 'values', message: e.message }))
    const resources = await listProgrammeResources(client, booking.programme.id)
    const actionPlan = command.actions ? await applyActionChanges.plan(client, booking, command.actions, resources, { skipMissing: true }) : null
    if (actionPlan && !actionPlan.ok) problems.push(...actionPlan.errors)
    if (problems.length > 0 || !checked.ok) throw new ValidationError(problems)

    const values = checked.values
    const noActionsAgreed = command.noActionsAgreed ?? notes?.noActionsAgreed ?? false
    const changed = !notes || canonicalJson(notes.values) !== canonicalJson(values) || notes.noActionsAgreed !== noActionsAgreed
    const viewer = staffViewer(staff)
    if (changed) {
      if (notes) {
        const updated = await updateDraftNotes(client, { bookingId: booking.id, values, noActionsAgreed, staffUserId: staff.userId, now, expectedVersion: current })
        if (!updated) throw new Error('notes changed under a row lock')
      } else {
        await insertNotes(client, { bookingId: booking.id, modelKey: model.key, modelVersion: model.version, values, noActionsAgreed, staffUserId: staff.userId, now })
      }
      await audit(deps, request, viewer, { action: NotesAuditActions.saved, bookingId: booking.id, details: { version: current + 1 } }, client)
    }
    if (actionPlan?.ok) await applyActionChanges.apply(deps, client, request, booking, staff, actionPlan.changes, now)
    return loadState(client, booking, await findNotes(client, booking.id), { model, resources })
  })
}

/**
 * Completes the notes of a held conversation: checks the minimum (400 with
 * what is missing), locks them, records the conversation as held, and queues
 * the candidate's summary (now) and check-in (four weeks on) in the same
 * transaction. `version` must be the one the coach checked (else 409 stale_notes).
 */
export async function completeNotes(deps: NotesDeps, bookingId: string, request: NotesRequest, command: { version: number }): Promise<NotesState> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, staff, notes, current } = await openDraft(client, bookingId, request, now, command.version)
    if (now.getTime() < booking.startsAt.getTime()) {
      throw new ConversationNotStartedError('You can complete the notes once the conversation has started')
    }
    const model = await modelForNotes(client, booking, notes)
    const actions = await listActions(client, booking.id)
    const problems = completionProblems(model, notes?.values ?? {}, notes?.noActionsAgreed ?? false, actions.length)
    if (problems.length > 0 || !notes) throw new ValidationError(problems, NOTES_MESSAGES.notReady)

    await markNotesComplete(client, booking.id, staff.userId, now)
    if (booking.status === 'booked') await followOutcome(deps, client, booking, staff, 'held', now)
    await saveOutcome(client, { bookingId: booking.id, outcome: 'held', staffUserId: staff.userId, now })
    await deps.notifier.conversationHeld(client, { bookingId: booking.id, conversationStart: booking.startsAt, now })
    await audit(
      deps,
      request,
      staffViewer(staff),
      { action: NotesAuditActions.completed, bookingId: booking.id, details: { version: current + 1, actions: actions.length } },
      client,
    )
    return loadState(client, { ...booking, status: 'completed' }, await findNotes(client, booking.id), { model, actions })
  })
}

interface AddendumCommand {
  text: unknown
  visibility: unknown
}

/** Adds to completed notes (before completion: 409 notes_not_complete). */
export async function addAddendum(deps: NotesDeps, bookingId: string, request: NotesRequest, command: AddendumCommand): Promise<Addendum> {
  const text = typeof command.text === 'string' ? command.text.trim().replaceAll('\u0000', '') : ''
  const problems: FieldProblem[] = []
  if (text === '') problems.push({ field: 'text', message: NOTES_MESSAGES.addendumMissing })
  else if ([...text].length > ADDENDUM_MAX_LENGTH) problems.push({ field: 'text', message: NOTES_MESSAGES.addendumTooLong })
  if (command.visibility !== 'shared' && command.visibility !== 'private') problems.push({ field: 'visibility', message: NOTES_MESSAGES.visibilityMissing })
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, staff } = await openForCoach(client, bookingId, request, now, { lock: true })
    const notes = await findNotes(client, booking.id, { lock: true })
    if (notes?.status !== 'complete') throw new NotesNotCompleteError('Addenda are for completed notes. Until then, change the notes themselves.')
    if (problems.length > 0) throw new ValidationError(problems)
    const visibility = command.visibility as NoteVisibility
    await insertAddendum(client, { bookingId: booking.id, authorId: staff.userId, visibility, text, now })
    await audit(deps, request, staffViewer(staff), { action: NotesAuditActions.addendumAdded, bookingId: booking.id, details: { visibility } }, client)
    const addenda = await listAddenda(client, booking.id)
    return addenda[addenda.length - 1]!
  })
}

/**
 * The coach records whether the conversation was held, missed or cancelled
 * late (from its start time on). Completed notes fix it as held. The
 * booking's status follows: completed, no_show or cancelled.
 */
interface OutcomeOptions {
  /** Why they did not attend (./outcome-rules.ts), with outcome no_show. */
  noShowReason?: unknown
  /** The coach's page always asks why; the API may leave it out. */
  requireReason?: boolean
}

/**
 * Records what happened, from the start time on. An outcome can be corrected
 * (another outcome, or another reason) for OUTCOME_CORRECTION_DAYS after it
 * was first recorded; after that 409 outcome_locked. Each recording and
 * correction is in the booking's history (when the outcome changes) and the
 * audit log.
 */
export async function recordOutcome(
  deps: NotesDeps,
  bookingId: string,
  request: NotesRequest,
  given: unknown,
  options: OutcomeOptions = {},
): Promise<RecordedOutcome> {
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const { booking, staff } = await openForCoach(client, bookingId, request, now, { lock: true })
    const problems: FieldProblem[] = []
    if (!CONVERSATION_OUTCOMES.includes(given as ConversationOutcome)) {
      problems.push({ field: 'outcome', message: 'Select held, did not attend or cancelled late' })
    }
    const reasonGiven = options.noShowReason !== undefined && options.noShowReason !== null && options.noShowReason !== ''
    if (given === 'no_show' && reasonGiven && !isNoShowReason(options.noShowReason)) problems.push({ field: 'noShowReason', message: OUTCOME_MESSAGES.reasonUnknown })
    if (given === 'no_show' && !reasonGiven && options.requireReason) problems.push({ field: 'noShowReason', message: OUTCOME_MESSAGES.reasonMissing })
    if (problems.length > 0) throw new ValidationError(problems)
    const outcome = given as ConversationOutcome
    const noShowReason = outcome === 'no_show' && isNoShowReason(options.noShowReason) ? options.noShowReason : null
    if (now.getTime() < booking.startsAt.getTime()) {
      throw new ConversationNotStartedError('You can record what happened once the conversation time has come')
    }
    const previous = await findOutcome(client, booking.id)
    if (booking.status === 'cancelled' && previous === null) {
      throw new ConflictError('booking_cancelled', 'This conversation was cancelled before it was due')
    }
    const notes = await findNotes(client, booking.id)
    if (notes?.status === 'complete' && outcome !== 'held') {
      throw new ConflictError('outcome_locked', 'The notes of this conversation are complete, so it stays recorded as held')
    }
    const changesOutcome = previous?.outcome !== outcome
    const changesReason = outcome === 'no_show' && (previous?.noShowReason ?? null) !== noShowReason && (noShowReason !== null || previous?.outcome !== 'no_show')
    if (previous && (changesOutcome || changesReason) && !canCorrectOutcome(previous.firstRecordedAt, now)) {
      throw new ConflictError('outcome_locked', OUTCOME_MESSAGES.tooLate)
    }
    if (changesOutcome || changesReason) {
      await saveOutcome(client, { bookingId: booking.id, outcome, staffUserId: staff.userId, now, noShowReason })
      if (changesOutcome) await followOutcome(deps, client, booking, staff, outcome, now)
      const details = {
        outcome,
        ...(noShowReason ? { noShowReason } : {}),
        ...(previous ? { correctedFrom: previous.outcome, ...(previous.noShowReason ? { previousNoShowReason: previous.noShowReason } : {}) } : {}),
      }
      await audit(deps, request, staffViewer(staff), { action: previous ? NotesAuditActions.outcomeCorrected : NotesAuditActions.outcomeRecorded, bookingId: booking.id, details }, client)
    }
    return (await findOutcome(client, booking.id))!
  })
}

/**
 * The model a coach's notes form is built from, after checking that they are
 * the booking's coach. Reads no notes (not audited): for parsing a posted form.
 */
export async function notesModelForCoach(deps: NotesDeps, bookingId: string, request: NotesRequest): Promise<ConversationModel> {
  const { booking } = await openForCoach(deps.pool, bookingId, request, deps.clock.now())
  return modelForNotes(deps.pool, booking, await findNotes(deps.pool, booking.id))
}
